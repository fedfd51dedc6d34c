"use client";
/** On a user's admin page: that user's API tokens, with revoke (admins only; the server enforces it too). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DateTime } from "@/components/format/date-time";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toaster";

export function UserTokens({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.tokens.listForUser.queryOptions({ userId }));
  const revoke = useMutation(
    trpc.tokens.revokeAny.mutationOptions({
      onSuccess: async (row) => {
        toast.success(`Token “${row.name}” revoked`);
        await queryClient.invalidateQueries({ queryKey: trpc.tokens.listForUser.queryKey({ userId }) });
      },
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>API tokens</CardTitle>
        <CardDescription>Tokens this user made for scripts. Revoking one stops it at once.</CardDescription>
      </CardHeader>
      <CardContent>
        {tokens.isError ? <p role="alert">Could not load tokens: {tokens.error.message}</p> : null}
        {tokens.data?.items.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No tokens.</p>
        ) : null}
        <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {tokens.data?.items.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
              <span className="font-medium">{t.name}</span>
              <code className="text-xs">{t.prefix}…</code>
              <Badge variant="outline">{t.scope}</Badge>
              {t.revokedAt ? <Badge variant="destructive">revoked</Badge> : null}
              <span className="text-zinc-600 dark:text-zinc-400">
                last used {t.lastUsedAt ? <DateTime value={t.lastUsedAt} /> : "never"}
              </span>
              {t.revokedAt ? null : (
                <ConfirmDialog
                  title={`Revoke “${t.name}”?`}
                  description="Scripts using it stop working immediately."
                  confirmLabel="Revoke"
                  destructive
                  onConfirm={() => revoke.mutateAsync({ id: t.id })}
                  trigger={
                    <Button variant="outline" size="sm" className="ml-auto">
                      Revoke
                    </Button>
                  }
                />
              )}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
