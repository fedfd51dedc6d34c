"use client";
/** On a webhook's page: when its secret was made and shown, and rotating it (the new one is shown once, here). */
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { DateTime } from "@/components/format/date-time";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { SecretOnce } from "./secret-once";

export function WebhookSecret({
  id,
  createdAt,
  shownAt,
}: {
  id: string;
  createdAt: Date | undefined;
  shownAt: Date | null | undefined;
}) {
  const trpc = useTRPC();
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useMutation(trpc.webhookAdmin.rotateSecret.mutationOptions({ onSuccess: (r) => setSecret(r.secret) }));
  const reveal = useMutation(trpc.webhookAdmin.revealSecret.mutationOptions({ onSuccess: (r) => setSecret(r.secret) }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Signing secret</CardTitle>
        <CardDescription>
          Made {createdAt ? <DateTime value={createdAt} /> : "—"};{" "}
          {shownAt ? (
            <>
              shown <DateTime value={shownAt} />
            </>
          ) : (
            "not shown yet"
          )}
          . It is never shown again: rotate it to get a new one.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="flex flex-wrap gap-2">
          {shownAt === null ? (
            <Button type="button" variant="outline" size="sm" onClick={() => reveal.mutate({ id })}>
              Show the secret
            </Button>
          ) : null}
          <ConfirmDialog
            title="Rotate the signing secret?"
            description="The old secret stops working at once: receivers reject deliveries until they have the new one."
            confirmLabel="Rotate"
            destructive
            onConfirm={() => rotate.mutateAsync({ id }).then(() => undefined)}
            trigger={
              <Button type="button" variant="outline" size="sm">
                Rotate secret
              </Button>
            }
          />
        </div>
        {secret ? <SecretOnce secret={secret} /> : null}
        {reveal.error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {reveal.error.message}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
