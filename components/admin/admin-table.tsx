"use client";
/** The admin's list view: the generated table, with rows linking to their edit pages. */
import type { ResourceName } from "@/components/form/types";
import { ResourceTable } from "@/components/table/resource-table";

export function AdminTable({ resource }: { resource: ResourceName }) {
  return <ResourceTable resource={resource} rowHref={(row) => `/admin/${resource}/${String(row.id)}`} />;
}
