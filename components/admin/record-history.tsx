"use client";
/** A record's history from the audit trail (only fields this reader may read), with revert for those allowed. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useResourceApi } from "@/components/form/resource-api";
import type { ResourceName } from "@/components/form/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toaster";
import { ChangeSummary } from "./change-summary";

export function RecordHistory({
  resource,
  id,
  canRevert,
  withDeleted,
}: {
  resource: ResourceName;
  id: string;
  canRevert: boolean;
  withDeleted: boolean;
}) {
  const api = useResourceApi(resource);
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const history = useQuery(api.history.queryOptions({ id, page, perPage: 20, withDeleted }));
  const revert = useMutation(
    api.revert.mutationOptions({
      onSuccess: async () => {
        toast.success("Reverted to that version");
        await queryClient.invalidateQueries({ queryKey: api.pathKey() });
      },
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>History</CardTitle>
        <CardDescription>Every change through the API, newest first.</CardDescription>
      </CardHeader>
      <CardContent>
        {history.isError ? <p role="alert">Could not load the history: {history.error.message}</p> : null}
        <ol className="space-y-3" aria-label="History" data-testid="record-history">
          {history.data?.items.map((entry) => (
            <li key={entry.id} className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
              <div className="flex flex-wrap items-center gap-2">
                <Badge variant="outline" data-testid="history-operation">
                  {entry.operation}
                </Badge>
                <span>by {entry.actor.name}</span>
                <time className="text-zinc-500" dateTime={entry.at.toISOString()}>
                  {entry.at.toLocaleString()}
                </time>
                {canRevert &&
                (entry.operation === "update" || entry.operation === "create" || entry.operation === "revert") ? (
                  <ConfirmDialog
                    title="Revert to this version?"
                    description="The record takes the values it had right after this change. The revert is recorded too."
                    confirmLabel="Revert"
                    onConfirm={() => revert.mutateAsync({ id, entryId: entry.id })}
                    trigger={
                      <Button variant="ghost" size="sm" className="ml-auto">
                        Revert to here
                      </Button>
                    }
                  />
                ) : null}
              </div>
              <div className="mt-2">
                <ChangeSummary before={entry.before} after={entry.after} operation={entry.operation} />
              </div>
            </li>
          ))}
        </ol>
        {history.data && history.data.totalPages > 1 ? (
          <div className="mt-4 flex items-center justify-between text-sm">
            <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Newer
            </Button>
            <span>
              Page {page} of {history.data.totalPages}
            </span>
            <Button
              variant="outline"
              size="sm"
              disabled={page >= history.data.totalPages}
              onClick={() => setPage(page + 1)}
            >
              Older
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
