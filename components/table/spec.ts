/** What a generated table shows of a resource, derived from its `meta` (as the caller sees it) and the table's props. */
import type { FieldDescriptor, ResourceDescriptor } from "@/server/core/meta";
import { parseSort, type TableSpec } from "./url-state";

export interface ResourceTableSpec extends TableSpec {
  /** The resource and its id field: file cells address their files through the record (`/api/files/...`). */
  resource: string;
  idField: string;
  titleField: string;
  /** The column that marks soft-deleted rows, when this caller can read it. */
  softDeleteField: string | undefined;
  /** Columns by id, in display order (title first). */
  columns: FieldDescriptor[];
  /** Calendar-date fields (a `date` column rather than a timestamp). */
  dayFields: ReadonlySet<string>;
  /** The server's default order, as `list` applies it without a `sort`. */
  serverSort: string[];
}

/**
 * `meta` says a resource soft-deletes but not with which column (a README-level gap, reported): take the
 * conventional `deletedAt`, else a timestamp no one writes whose name says "deleted".
 */
function findSoftDeleteField(meta: ResourceDescriptor): string | undefined {
  if (!meta.softDelete) return undefined;
  const candidates = meta.fields.filter((f) => f.readable && f.type === "date" && f.nullable);
  return (
    candidates.find((f) => f.name === "deletedAt")?.name ??
    candidates.find((f) => !f.creatable && !f.updatable && /deleted/i.test(f.name))?.name
  );
}

/** Shown unless the page says otherwise: not ids, long text, JSON, the delete mark, or `updatedAt` next to `createdAt`. */
function shownByDefault(field: FieldDescriptor, meta: ResourceDescriptor, softDeleteField: string | undefined) {
  if (field.name === meta.titleField) return true;
  if (field.name === meta.idField || field.name === softDeleteField) return false;
  if (field.type === "json" || field.widget === "markdown" || field.widget === "textarea") return false;
  if (field.type === "uuid" && !field.relation) return false;
  if (field.name === "updatedAt" && meta.fields.some((f) => f.name === "createdAt" && f.readable)) return false;
  return true;
}

export function buildSpec(
  meta: ResourceDescriptor,
  options: { defaultColumns?: readonly string[]; defaultSort?: readonly string[] } = {},
): ResourceTableSpec {
  const readable = meta.fields.filter((f) => f.readable);
  const title = readable.find((f) => f.name === meta.titleField);
  const columns = title ? [title, ...readable.filter((f) => f !== title)] : readable;
  const columnIds = columns.map((f) => f.name);
  const softDeleteField = findSoftDeleteField(meta);
  const fields = readable.map((f) => ({
    name: f.name,
    type: f.type,
    filterable: f.filterable,
    sortable: f.sortable,
    ...(f.options ? { options: f.options } : {}),
    ...(f.items ? { items: f.items } : {}),
  }));
  const defaultSort = parseSort(options.defaultSort ?? meta.list.defaultSort, fields);
  const defaultColumns = options.defaultColumns
    ? columnIds.filter((id) => options.defaultColumns?.includes(id) || id === meta.titleField)
    : columns.filter((f) => shownByDefault(f, meta, softDeleteField)).map((f) => f.name);
  return {
    fields,
    columnIds,
    defaultColumns,
    defaultSort,
    defaultPerPage: Math.min(meta.list.defaultPerPage, meta.list.maxPerPage),
    maxPerPage: meta.list.maxPerPage,
    searchable: readable.some((f) => f.searchable),
    canReadDeleted: meta.softDelete && meta.can.readDeleted,
    resource: meta.name,
    idField: meta.idField,
    titleField: meta.titleField,
    softDeleteField,
    columns,
    dayFields: new Set(readable.filter((f) => f.type === "date" && f.widget === "date").map((f) => f.name)),
    serverSort: meta.list.defaultSort,
  };
}
