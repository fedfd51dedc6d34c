"use client";
/**
 * What to do with the selected rows: delete the live ones, restore the soft-deleted ones. Each runs as one batch
 * (`deleteMany` / `restoreMany`), which the server applies in one transaction: all of them or none.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { ArchiveRestore, Trash2, X } from "lucide-react";
import type { RecordId, ResourceApi } from "@/components/form/resource-api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toaster";
import type { ResourceDescriptor } from "@/server/core/meta";
import type { SelectionActions } from "./resource-table";
import type { Row } from "./types";

export interface BulkActionsProps {
  api: ResourceApi;
  meta: ResourceDescriptor;
  selected: Row[];
  isDeleted: (row: Row) => boolean;
  onDone: () => void;
  /** Buttons of the table's `selectionActions` (the admin's bulk actions), for the selected live rows. */
  extra?: SelectionActions["render"] | undefined;
}

const count = (n: number, label: { one: string; many: string }) =>
  `${n} ${(n === 1 ? label.one : label.many).toLowerCase()}`;

/** Why a batch failed, in words: the server names the record or rule; say that it stopped the whole batch. */
function failure(error: unknown, verb: string, n: number, label: { one: string; many: string }) {
  const code = error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
  const reason =
    code === "NOT_FOUND"
      ? `One of them is no longer there or not visible to you.`
      : code === "FORBIDDEN" || code === "UNAUTHORIZED"
        ? `You may not ${verb} one of them.`
        : "";
  const message = error instanceof Error ? error.message : "Something went wrong.";
  return {
    title: `Nothing was ${verb}d`,
    description:
      `${reason} ${message}. A batch succeeds or fails as a whole, so none of the ${count(n, label)} changed.`.trim(),
  };
}

export function BulkActions({ api, meta, selected, isDeleted, onDone, extra }: BulkActionsProps) {
  const queryClient = useQueryClient();
  const remove = useMutation(api.deleteMany.mutationOptions());
  const restore = useMutation(api.restoreMany.mutationOptions());
  const live = selected.filter((row) => !isDeleted(row));
  const deleted = selected.filter(isDeleted);
  const ids = (rows: Row[]) => rows.map((row) => row[meta.idField] as RecordId);
  const tooMany = (rows: Row[]) => rows.length > meta.list.maxBatch;

  async function finish() {
    await queryClient.invalidateQueries(api.list.pathFilter());
    onDone();
  }

  async function deleteRows() {
    const n = live.length;
    try {
      await remove.mutateAsync({ ids: ids(live) });
      toast.success(`Deleted ${count(n, meta.label)}`, {
        description: meta.softDelete && meta.can.restore ? "Show deleted rows to restore them." : undefined,
      });
      await finish();
    } catch (error) {
      const { title, description } = failure(error, "delete", n, meta.label);
      toast.error(title, { description });
    }
  }

  async function restoreRows() {
    const n = deleted.length;
    try {
      await restore.mutateAsync({ ids: ids(deleted) });
      toast.success(`Restored ${count(n, meta.label)}`);
      await finish();
    } catch (error) {
      const { title, description } = failure(error, "restore", n, meta.label);
      toast.error(title, { description });
    }
  }

  if (selected.length === 0) return null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of actions on the selection, not a form.
    <div
      role="group"
      aria-label={`Selected ${meta.label.many.toLowerCase()}`}
      className="flex flex-wrap items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm dark:border-indigo-900 dark:bg-indigo-950/40"
    >
      <p className="mr-auto font-medium" aria-live="polite">
        {selected.length} selected
      </p>
      {extra?.({ meta, rows: live, clear: onDone })}
      {meta.can.delete && live.length > 0 ? (
        <ConfirmDialog
          title={`Delete ${count(live.length, meta.label)}?`}
          description={
            meta.softDelete
              ? "They disappear from lists; an editor can restore them from the deleted rows."
              : "This cannot be undone."
          }
          confirmLabel="Delete"
          destructive
          onConfirm={deleteRows}
          trigger={
            <Button variant="destructive" size="sm" disabled={tooMany(live)}>
              <Trash2 aria-hidden="true" />
              Delete {live.length}
            </Button>
          }
        />
      ) : null}
      {meta.softDelete && meta.can.restore && deleted.length > 0 ? (
        <Button
          variant="outline"
          size="sm"
          loading={restore.isPending}
          disabled={tooMany(deleted)}
          onClick={restoreRows}
        >
          <ArchiveRestore aria-hidden="true" />
          Restore {deleted.length}
        </Button>
      ) : null}
      <Button variant="ghost" size="sm" onClick={onDone}>
        <X aria-hidden="true" />
        Clear selection
      </Button>
      {tooMany(selected) ? (
        <p className="w-full text-xs text-zinc-600 dark:text-zinc-400">
          At most {meta.list.maxBatch} rows can change at once.
        </p>
      ) : null}
    </div>
  );
}
