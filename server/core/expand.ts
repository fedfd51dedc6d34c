/**
 * `expand`: relations loaded alongside records, named with dots up to three levels ("comments.author").
 * Batched: each relation at each level costs one query for the whole page, so the query count depends on the
 * expand tree, never on the page size (no N+1). Each target applies its own read policy for the caller (its `list`
 * rule as a row condition, its field read rules) and hides soft-deleted rows, so nothing leaks through a relation.
 */
import { and, count, getTableColumns, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { rowCondition } from "./access";
import type { Actor } from "./actor";
import type { Executor } from "./executor";
import { applyReadRules } from "./field-access";
import type { RelationDef } from "./relations";
import type { AnyResource } from "./resource";
import { orderBy } from "./sort";

export const MAX_EXPAND_DEPTH = 3;
const RELATION_PATH = /^[A-Za-z_$][\w$]{0,99}(?:\.[A-Za-z_$][\w$]{0,99})*$/;
const DEFAULT_MANY_LIMIT = 50;

export type ExpandTree = Map<string, ExpandTree>;
export type Registry = Record<string, AnyResource>;
type Rec = Record<string, unknown> & { expand?: Record<string, unknown> };

/** Parses and checks `["author", "comments.author"]`; returns an error message naming the bad path, or the tree. */
export function parseExpand(resource: AnyResource, paths: string[], registry: Registry): ExpandTree | string {
  const root: ExpandTree = new Map();
  for (const path of paths) {
    // Only relation-shaped paths are echoed back in a message; anything else is refused without repeating it.
    if (!RELATION_PATH.test(path)) return `expand takes relation names joined by dots, like "author.posts"`;
    const names = path.split(".");
    if (names.length > MAX_EXPAND_DEPTH) return `"${path}" is deeper than ${MAX_EXPAND_DEPTH} levels`;
    let res: AnyResource | undefined = resource;
    let node = root;
    for (const name of names) {
      // Own relations only: "constructor" or "toString" must not find Object.prototype's members.
      const relations = res?.relations as Record<string, RelationDef> | undefined;
      const rel = relations && Object.hasOwn(relations, name) ? relations[name] : undefined;
      if (!res || !rel) return `"${path}": ${res?.name ?? "?"} has no relation "${name}"`;
      const child: ExpandTree = node.get(name) ?? new Map();
      node.set(name, child);
      node = child;
      res = rel.kind === "hasCount" ? undefined : registry[rel.target];
    }
  }
  return root;
}

/** Columns to select from a resource: what the reader may see, plus keys the engine needs to join. */
export function selection(resource: AnyResource, extra: string[] = []): Record<string, PgColumn> {
  const cols = resource.info.columns;
  const keys = new Set([...resource.info.readKeys, resource.info.idKey, ...extra]);
  return Object.fromEntries([...keys].filter((k) => cols[k]).map((k) => [k, cols[k] as PgColumn]));
}

/** Keys a record of `resource` must carry so that `tree` can be expanded from it. */
export function keysNeededFor(resource: AnyResource, tree: ExpandTree | undefined): string[] {
  if (!tree) return [];
  const keys: string[] = [];
  for (const name of tree.keys()) {
    const rel = resource.relations?.[name];
    if (rel?.kind === "belongsTo") keys.push(rel.field);
  }
  return keys;
}

const readableKeys = new WeakMap<AnyResource, Set<string>>();

/** Drops the join keys selected for the engine but not readable, then the fields this actor's read rules hide. */
export function stripUnreadable(resource: AnyResource, records: Rec[], actor: Actor): void {
  let readable = readableKeys.get(resource);
  if (!readable) {
    readable = new Set(resource.info.readKeys);
    readableKeys.set(resource, readable);
  }
  for (const record of records) {
    for (const key of Object.keys(record)) if (key !== "expand" && !readable.has(key)) delete record[key];
  }
  applyReadRules(resource, records, actor);
}

function liveRows(target: AnyResource): SQL | undefined {
  const column = target.softDelete ? target.info.columns[target.softDelete] : undefined;
  return column ? isNull(column) : undefined;
}

function uniq(values: unknown[]): unknown[] {
  return [...new Set(values.filter((v) => v !== null && v !== undefined))];
}

/** Loads every relation of `tree` onto `records` (in place), level by level. */
export async function expandRecords(
  db: Executor,
  resource: AnyResource,
  records: Rec[],
  tree: ExpandTree,
  registry: Registry,
  actor: Actor,
): Promise<void> {
  if (records.length === 0 || tree.size === 0) return;
  const idKey = resource.info.idKey;
  await Promise.all(
    [...tree].map(async ([name, subtree]) => {
      const rel = resource.relations?.[name] as RelationDef;
      const target = registry[rel.target] as AnyResource;
      const tIdKey = target.info.idKey;
      const tCols = target.info.columns;
      const visible = and(liveRows(target), rowCondition(target.access, "list", actor));
      const attach = (record: Rec, value: unknown) => {
        record.expand ??= {};
        record.expand[name] = value;
      };

      if (rel.kind === "belongsTo") {
        const ids = uniq(records.map((r) => r[rel.field]));
        const rows = ids.length
          ? ((await db
              .select(selection(target, keysNeededFor(target, subtree)))
              .from(target.table as PgTable)
              .where(and(inArray(tCols[tIdKey] as PgColumn, ids), visible))) as Rec[])
          : [];
        await expandRecords(db, target, rows, subtree, registry, actor);
        stripUnreadable(target, rows, actor);
        const byId = new Map(rows.map((r) => [r[tIdKey], r]));
        for (const record of records) attach(record, byId.get(record[rel.field]) ?? null);
        return;
      }

      const parentIds = uniq(records.map((r) => r[idKey]));
      if (rel.kind === "hasCount") {
        const fk = tCols[rel.foreignKey] as PgColumn;
        const rows = await db
          .select({ parent: fk, n: count() })
          .from(target.table as PgTable)
          .where(and(inArray(fk, parentIds), visible))
          .groupBy(fk);
        const counts = new Map(rows.map((r) => [r.parent, r.n]));
        for (const record of records) attach(record, counts.get(record[idKey]) ?? 0);
        return;
      }

      // hasMany and manyToMany: rank rows per parent with a window function so each parent gets at most `limit`.
      const limit = rel.limit ?? DEFAULT_MANY_LIMIT;
      const parentCol =
        rel.kind === "hasMany"
          ? (tCols[rel.foreignKey] as PgColumn)
          : (getTableColumns(rel.through)[rel.sourceKey] as PgColumn);
      const order = orderBy(target, target.info.defaultSort);
      const base = db
        .select({
          ...selection(target, [
            ...keysNeededFor(target, subtree),
            ...(rel.kind === "hasMany" ? [rel.foreignKey] : []),
          ]),
          __parent: sql`${parentCol}`.as("__parent"),
          __rank: sql<number>`row_number() over (partition by ${parentCol} order by ${sql.join(order, sql`, `)})`.as(
            "__rank",
          ),
        })
        .from(target.table as PgTable);
      const joined =
        rel.kind === "manyToMany"
          ? base.innerJoin(
              rel.through,
              sql`${getTableColumns(rel.through)[rel.targetKey] as PgColumn} = ${tCols[tIdKey] as PgColumn}`,
            )
          : base;
      const ranked = joined.where(and(inArray(parentCol, parentIds), visible)).as("ranked");
      const rows = (await db
        .select()
        .from(ranked)
        .where(sql`${ranked.__rank} <= ${limit}`)
        .orderBy(ranked.__parent, ranked.__rank)) as Rec[];
      const groups = new Map<unknown, Rec[]>();
      for (const row of rows) {
        const parent = row.__parent;
        delete row.__parent;
        delete row.__rank;
        const list = groups.get(parent) ?? [];
        list.push(row);
        groups.set(parent, list);
      }
      await expandRecords(db, target, rows, subtree, registry, actor);
      stripUnreadable(target, rows, actor);
      for (const record of records) attach(record, groups.get(record[idKey]) ?? []);
    }),
  );
}
