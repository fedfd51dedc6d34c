"use client";
/**
 * The admin's list view: the generated table, with rows linking to their edit pages, the resource's bulk actions in
 * the selection bar and its resource-wide actions in the toolbar (components/admin/actions).
 */
import type { ResourceName } from "@/components/form/types";
import { ResourceTable, type SelectionActions } from "@/components/table/resource-table";
import { BulkActionButtons, bulkActionsOf } from "./actions/bulk-action-buttons";
import { ResourceActions } from "./actions/resource-actions";
import { CsvButtons } from "./import/csv-buttons";

const bulkActions: SelectionActions = {
  available: (meta) => bulkActionsOf(meta).length > 0,
  render: ({ meta, rows, clear }) => <BulkActionButtons meta={meta} rows={rows} onDone={clear} />,
};

export function AdminTable({ resource }: { resource: ResourceName }) {
  return (
    <ResourceTable
      resource={resource}
      rowHref={(row) => `/admin/${resource}/${String(row.id)}`}
      selectionActions={bulkActions}
      toolbarActions={
        <>
          <ResourceActions resource={resource} />
          <CsvButtons resource={resource} />
        </>
      }
    />
  );
}
