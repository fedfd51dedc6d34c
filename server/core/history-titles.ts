/**
 * Titles of the records an audit entry names (the record itself, its foreign keys, its link lists), as one reader
 * may see them. Batched: one query per target resource for a whole page of entries, never one per entry or id. A
 * record the reader may not list (its `list` rule, its title field's read rule, soft-deleted without `readDeleted`)
 * or that no longer exists comes back as null, so a title never leaks past the policies.
 */
import { and, inArray, isNull, or, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { rowCondition } from "./access";
import type { Actor } from "./actor";
import type { Executor } from "./executor";
import { selection, stripUnreadable } from "./expand";
import type { RelationDef } from "./relations";
import type { AnyResource } from "./resource";

type Rec = Record<string, unknown>;
type Registry = Record<string, AnyResource>;

/** A referenced record as the reader may see it; null: one they cannot see (or that is gone). */
export type RefTitle = { title: string; deleted: boolean } | null;

/** Titles by field, then by id, for the ids an entry names: `{ tags: { "<id>": { title: "Coffee" } } }`. */
export type Refs = Record<string, Record<string, RefTitle>>;

/** Which ids of which resources to look up; filled by `want`, answered by `resolveTitles`. */
export type TitleRequest = Map<string, Set<string>>;

export function want(request: TitleRequest, resource: string, ids: Iterable<unknown>): void {
  const set = request.get(resource) ?? new Set<string>();
  request.set(resource, set);
  for (const id of ids) if (id !== null && id !== undefined && id !== "") set.add(String(id));
}

/** Looked-up titles: `get(resource, id)`. An id never asked for answers null as well. */
export interface Titles {
  get(resource: string, id: unknown): RefTitle;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids the id column can hold: anything else (a trail written under another schema) matches nothing, never a 500. */
function validIds(column: PgColumn, ids: Set<string>): string[] {
  if (column.columnType === "PgUUID") return [...ids].filter((id) => UUID.test(id));
  if (column.dataType === "number" || column.dataType === "bigint")
    return [...ids].filter((id) => /^-?\d{1,18}$/.test(id));
  return [...ids];
}

/**
 * Live rows, and soft-deleted ones only for readers whose `readDeleted` rule lets them (its condition joins in),
 * as `list` with `deleted: "include"` would show them.
 */
function stateCondition(target: AnyResource, actor: Actor): SQL | undefined {
  if (!target.softDelete) return undefined;
  const deletedAt = target.info.columns[target.softDelete] as PgColumn;
  const readDeleted = rowCondition(target.access, "readDeleted", actor);
  return readDeleted === undefined ? undefined : or(isNull(deletedAt), readDeleted);
}

async function titlesOf(db: Executor, target: AnyResource, ids: Set<string>, actor: Actor) {
  const out = new Map<string, RefTitle>();
  const { columns, idKey, readKeys, readRuleKeys } = target.info;
  const idColumn = columns[idKey] as PgColumn;
  const valid = validIds(idColumn, ids);
  const titleField = String(target.titleField);
  if (valid.length === 0 || !readKeys.includes(titleField)) return out;
  // A title field with a per-row read rule needs the row its rule judges; otherwise three columns do.
  const columnsToRead = readRuleKeys.includes(titleField)
    ? selection(target, target.softDelete ? [target.softDelete] : [])
    : {
        [idKey]: idColumn,
        [titleField]: columns[titleField] as PgColumn,
        ...(target.softDelete ? { [target.softDelete]: columns[target.softDelete] as PgColumn } : {}),
      };
  const rows = (await db
    .select(columnsToRead)
    .from(target.table as PgTable)
    .where(and(inArray(idColumn, valid), rowCondition(target.access, "list", actor), stateCondition(target, actor)))
    .limit(valid.length)) as Rec[];
  const deleted = (row: Rec) => Boolean(target.softDelete && row[target.softDelete] != null);
  const states = rows.map((row) => ({ id: String(row[idKey]), deleted: deleted(row) }));
  stripUnreadable(target, rows, actor);
  rows.forEach((row, i) => {
    const state = states[i] as { id: string; deleted: boolean };
    const title = row[titleField];
    out.set(state.id, title === undefined || title === null ? null : { title: String(title), deleted: state.deleted });
  });
  return out;
}

/** One query per resource in `request`, run together. */
export async function resolveTitles(
  db: Executor,
  registry: Registry,
  actor: Actor,
  request: TitleRequest,
): Promise<Titles> {
  const found = new Map<string, Map<string, RefTitle>>();
  await Promise.all(
    [...request].map(async ([name, ids]) => {
      const target = Object.hasOwn(registry, name) ? registry[name] : undefined;
      if (target && ids.size > 0) found.set(name, await titlesOf(db, target, ids, actor));
    }),
  );
  return { get: (resource, id) => found.get(resource)?.get(String(id)) ?? null };
}

/** The fields of `resource` that name other records: foreign keys (belongsTo) and link lists, with their target. */
export function referenceFields(resource: AnyResource): Map<string, { target: string; many: boolean }> {
  const fields = new Map<string, { target: string; many: boolean }>();
  for (const [name, rel] of Object.entries((resource.relations ?? {}) as Record<string, RelationDef>)) {
    if (rel.kind === "belongsTo") fields.set(rel.field, { target: rel.target, many: false });
    if (rel.kind === "manyToMany" && resource.info.linkKeys.includes(name)) {
      fields.set(name, { target: rel.target, many: true });
    }
  }
  return fields;
}

function idsIn(value: unknown, many: boolean): unknown[] {
  if (many) return Array.isArray(value) ? value : [];
  return value === null || value === undefined ? [] : [value];
}

/** Asks for every id the snapshots name through reference fields. */
export function wantReferences(request: TitleRequest, resource: AnyResource, snapshots: (Rec | null)[]): void {
  for (const [field, { target, many }] of referenceFields(resource)) {
    for (const values of snapshots) if (values && field in values) want(request, target, idsIn(values[field], many));
  }
}

/** The titles of the ids the snapshots name, by field then id. */
export function referencesOf(resource: AnyResource, snapshots: (Rec | null)[], titles: Titles): Refs {
  const refs: Refs = {};
  for (const [field, { target, many }] of referenceFields(resource)) {
    for (const values of snapshots) {
      if (!values || !(field in values)) continue;
      for (const id of idsIn(values[field], many)) {
        refs[field] ??= {};
        refs[field][String(id)] = titles.get(target, id);
      }
    }
  }
  return refs;
}
