"use client";
/**
 * A record's history from the audit trail (only what this reader may read), newest first, each change in words with
 * labels, locale-formatted values and titles of linked records, with revert for those allowed. A record written
 * before the trail existed (seeded) says so instead of showing an empty list.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useResourceApi } from "@/components/form/resource-api";
import type { ResourceName } from "@/components/form/types";
import { useResourceMeta } from "@/components/form/use-resource-meta";
import { DateTime } from "@/components/format/date-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toaster";
import { ChangeSummary } from "./change-summary";
import { HistoryActor } from "./history-actor";

const PER_PAGE = 20;
const REVERTABLE = new Set(["create", "update", "revert"]);

function RevertButton({
  label,
  description,
  onConfirm,
}: {
  label: string;
  description: string;
  onConfirm: () => Promise<unknown>;
}) {
  return (
    <ConfirmDialog
      title={`${label}?`}
      description={description}
      confirmLabel="Revert"
      onConfirm={onConfirm}
      trigger={
        <Button variant="ghost" size="sm">
          {label}
        </Button>
      }
    />
  );
}

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
  const meta = useResourceMeta(resource);
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const history = useQuery(api.history.queryOptions({ id, page, perPage: PER_PAGE, withDeleted }));
  const revert = useMutation(
    api.revert.mutationOptions({
      // The saved version stays in the mutation cache under this resource's key: an open edit form finds it there
      // and takes the revert for this reader's own save, not "someone else's" (use-resource-form.ts, savedHere).
      onSuccess: async () => {
        toast.success("Reverted to that version");
        await queryClient.invalidateQueries({ queryKey: api.pathKey() });
      },
      onError: (error) => toast.error(`Could not revert: ${error.message}`),
    }),
  );
  const data = history.data;
  const lastPage = data ? page >= data.totalPages : false;
  // The trail starts with the create; a record whose oldest entry is something else existed before the trail did.
  // An action run (docs/actions.md) is no version of the record: its changes have entries of their own.
  const versions = data?.items.filter((entry) => entry.operation !== "action") ?? [];
  const oldest = lastPage ? versions.at(-1) : undefined;
  const predatesTrail = data !== undefined && lastPage && oldest?.operation !== "create";

  return (
    <Card>
      <CardHeader>
        <CardTitle>History</CardTitle>
        <CardDescription>Every change through the app, newest first.</CardDescription>
      </CardHeader>
      <CardContent>
        {history.isError ? <p role="alert">Could not load the history: {history.error.message}</p> : null}
        {history.isPending ? <Skeleton className="h-24 w-full" /> : null}
        <ol className="space-y-3" aria-label="History" data-testid="record-history">
          {data?.items.map((entry) => {
            // The newest version is how the record is now: reverting to it would change nothing.
            const current = page === 1 && entry.id === versions[0]?.id;
            const undoOldest = predatesTrail && entry.id === oldest?.id && entry.operation !== "create";
            const revertHere = REVERTABLE.has(entry.operation) && !current;
            return (
              <li
                key={entry.id}
                className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800"
                data-testid="history-entry"
              >
                <div className="flex min-w-0 items-center gap-2">
                  <Badge variant="outline" className="capitalize" data-testid="history-operation">
                    {entry.operation}
                  </Badge>
                  <HistoryActor kind={entry.actor.kind} name={entry.actor.name} className="min-w-0 flex-1" />
                  <DateTime value={entry.at} className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400" />
                </div>
                <div className="mt-2">
                  <ChangeSummary
                    meta={meta.data}
                    operation={entry.operation}
                    before={entry.before}
                    after={entry.after}
                    refs={entry.refs}
                  />
                </div>
                {canRevert && (revertHere || undoOldest) ? (
                  <div className="-mb-1 mt-1 flex flex-wrap justify-end gap-1">
                    {undoOldest ? (
                      <RevertButton
                        label="Revert to before this"
                        description="The record, its links included, takes the values it had before this change: the oldest version its history knows. The revert is recorded too."
                        onConfirm={() => revert.mutateAsync({ id, entryId: entry.id, to: "before" })}
                      />
                    ) : null}
                    {revertHere ? (
                      <RevertButton
                        label="Revert to here"
                        description="The record, its links included, takes the values it had right after this change. The revert is recorded too."
                        onConfirm={() => revert.mutateAsync({ id, entryId: entry.id })}
                      />
                    ) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
          {predatesTrail ? (
            <li
              className="rounded-md border border-dashed border-zinc-300 p-3 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
              data-testid="history-before-trail"
            >
              Created before history was kept. {data.totalItems === 0 ? "Changes from now on appear here." : null}
            </li>
          ) : null}
        </ol>
        {data && data.totalPages > 1 ? (
          <div className="mt-4 flex items-center justify-between text-sm">
            <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Newer
            </Button>
            <span>
              Page {page} of {data.totalPages}
            </span>
            <Button variant="outline" size="sm" disabled={page >= data.totalPages} onClick={() => setPage(page + 1)}>
              Older
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
