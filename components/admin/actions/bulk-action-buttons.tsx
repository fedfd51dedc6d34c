"use client";
/**
 * The bulk actions in the table's selection bar: each action with `bulk: true` this caller may run, on the live rows
 * selected, as one batch (`publishMany`): all of them or none, as the server's answer says.
 */
import type { RecordId } from "@/components/form/resource-api";
import type { ResourceDescriptor } from "@/server/core/meta";
import { ActionButton } from "./action-button";

/** The bulk actions the bar offers this caller: none means the rows need no checkboxes for them. */
export function bulkActionsOf(meta: ResourceDescriptor) {
  return (meta.actions ?? []).filter((a) => a.target === "record" && a.bulk && a.can);
}

export interface BulkActionButtonsProps {
  meta: ResourceDescriptor;
  /** The selected rows that are not in the bin. */
  rows: Record<string, unknown>[];
  onDone: () => void;
}

export function BulkActionButtons({ meta, rows, onDone }: BulkActionButtonsProps) {
  const actions = bulkActionsOf(meta);
  if (actions.length === 0 || rows.length === 0) return null;
  const ids = rows.map((row) => row[meta.idField] as RecordId);
  const noun = (rows.length === 1 ? meta.label.one : meta.label.many).toLowerCase();
  const target = `${rows.length} ${noun}`;
  return actions.map((action) => (
    <ActionButton
      key={action.name}
      resource={meta.name}
      action={action}
      subject={{ kind: "selection", ids }}
      target={target}
      size="sm"
      disabled={rows.length > meta.list.maxBatch}
      onDone={onDone}
    >
      {action.label} {rows.length}
    </ActionButton>
  ));
}
