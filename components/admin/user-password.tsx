"use client";
/**
 * On a user's admin page (admins only; the server enforces it too): get someone back into their account with a
 * temporary password or a single-use reset link. The secret is shown once, here, to hand over; the server keeps only
 * a hash, and the user's history records that it happened.
 */
import { useMutation } from "@tanstack/react-query";
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { DateTime } from "@/components/format/date-time";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";

type Handover = { kind: "password"; value: string } | { kind: "link"; value: string; expiresAt: Date };

function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      aria-label={label}
      onClick={async () => {
        await navigator.clipboard.writeText(value);
        setCopied(true);
      }}
    >
      {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
      {copied ? "Copied" : "Copy"}
    </Button>
  );
}

export function UserPassword({ userId, name = "this user" }: { userId: string; name?: string }) {
  const trpc = useTRPC();
  const [handover, setHandover] = useState<Handover | null>(null);
  const temporary = useMutation(
    trpc.passwords.setTemporary.mutationOptions({
      onSuccess: ({ password }) => setHandover({ kind: "password", value: password }),
    }),
  );
  const link = useMutation(
    trpc.passwords.createResetLink.mutationOptions({
      onSuccess: ({ path, expiresAt }) =>
        setHandover({ kind: "link", value: new URL(path, window.location.origin).href, expiresAt }),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Password</CardTitle>
        <CardDescription>
          Locked out? Give {name} a reset link to choose a new password, or a temporary one they must replace when they
          next sign in.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="flex flex-wrap gap-2">
          <ConfirmDialog
            title={`Create a reset link for ${name}?`}
            description="It works once, for an hour, and replaces any earlier link. Their current password keeps working until they use it."
            confirmLabel="Create link"
            onConfirm={() => link.mutateAsync({ userId }).then(() => undefined)}
            trigger={
              <Button type="button" variant="outline" size="sm">
                Create a reset link
              </Button>
            }
          />
          <ConfirmDialog
            title={`Set a temporary password for ${name}?`}
            description="Their current password stops working now. They sign in with the temporary one and must choose their own before anything else."
            confirmLabel="Set temporary password"
            destructive
            onConfirm={() => temporary.mutateAsync({ userId }).then(() => undefined)}
            trigger={
              <Button type="button" variant="outline" size="sm">
                Set a temporary password
              </Button>
            }
          />
        </div>
        {handover ? (
          <div
            role="status"
            className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
          >
            <p className="font-medium">
              {handover.kind === "password" ? "Temporary password" : "Reset link"}: shown only now. Send it to {name}{" "}
              over a channel you trust.
            </p>
            <div className="flex items-center gap-2">
              <code className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-zinc-900">
                {handover.value}
              </code>
              <CopyButton
                value={handover.value}
                label={handover.kind === "password" ? "Copy the temporary password" : "Copy the reset link"}
              />
            </div>
            {handover.kind === "link" ? (
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                Works once, until <DateTime value={handover.expiresAt} />.
              </p>
            ) : null}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
