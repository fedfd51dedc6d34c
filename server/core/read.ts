/** list and get: one SELECT for the page, beside it the total (totals.ts), then batched expansion. */
import { TRPCError } from "@trpc/server";
import { and, eq, ilike, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Actor } from "./actor";
import { FieldError } from "./errors";
import type { Executor } from "./executor";
import {
  type ExpandTree,
  expandRecords,
  keysNeededFor,
  parseExpand,
  type Registry,
  selection,
  stripUnreadable,
} from "./expand";
import { escapeLike, type FilterNode, filterToSql } from "./filter";
import type { AnyResource } from "./resource";
import { orderBy } from "./sort";
import { listTotal, type TotalsMode } from "./totals";

type Rec = Record<string, unknown>;

export interface ListParams {
  page: number;
  perPage: number;
  sort?: string[];
  filter?: FilterNode;
  search?: string;
  expand?: string[];
  /** Means `totals: "none"`. */
  skipTotal: boolean;
  /** Left out: counted up to the resource's `countCap`, estimated beyond (totals.ts). */
  totals?: TotalsMode;
  /** Soft-deleted rows: left out (default), included, or only those. Anything but "exclude" needs `readDeleted`. */
  deleted?: DeletedMode;
}

export type DeletedMode = "exclude" | "include" | "only";

export interface ListResult<T> {
  items: T[];
  page: number;
  perPage: number;
  /** -1 when no total was asked for (`totals: "none"`, `skipTotal`). */
  totalItems: number;
  totalPages: number;
  /** Present when totalItems (and so totalPages) is the planner's estimate rather than a count. */
  totalEstimated?: true;
}

export function expandTreeOrThrow(resource: AnyResource, paths: string[] | undefined, registry: Registry) {
  if (!paths?.length) return undefined;
  const tree = parseExpand(resource, paths, registry);
  if (typeof tree === "string") {
    throw new TRPCError({ code: "BAD_REQUEST", message: tree, cause: new FieldError(tree, { expand: [tree] }) });
  }
  return tree;
}

/** Rows not soft-deleted. */
export function liveCondition(resource: AnyResource): SQL | undefined {
  return deletedCondition(resource, "exclude");
}

export function deletedCondition(resource: AnyResource, mode: DeletedMode = "exclude"): SQL | undefined {
  const column = resource.softDelete ? resource.info.columns[resource.softDelete] : undefined;
  if (!column || mode === "include") return undefined;
  return mode === "only" ? isNotNull(column) : isNull(column);
}

/** Every word must match at least one searchable field. */
function searchCondition(resource: AnyResource, search: string | undefined): SQL | undefined {
  const words = search?.split(/\s+/).filter(Boolean) ?? [];
  if (words.length === 0 || resource.info.searchKeys.length === 0) return undefined;
  const cols = resource.info.searchKeys.map((k) => resource.info.columns[k] as PgColumn);
  return and(...words.map((w) => or(...cols.map((c) => ilike(c, `%${escapeLike(w)}%`)))));
}

/** The WHERE of a list (`list`, an export's keyset pages): the delete mark, the caller's rows, the filter, the search. */
export function listWhere(
  resource: AnyResource,
  params: { deleted?: DeletedMode; rowFilter?: SQL | undefined; filter?: FilterNode | undefined; search?: string },
): SQL | undefined {
  return and(
    deletedCondition(resource, params.deleted),
    params.rowFilter,
    params.filter ? filterToSql(resource, params.filter) : undefined,
    searchCondition(resource, params.search),
  );
}

export async function listRecords(
  db: Executor,
  resource: AnyResource,
  params: ListParams,
  registry: Registry,
  rowFilter: SQL | undefined,
  actor: Actor,
): Promise<ListResult<Rec>> {
  const tree = expandTreeOrThrow(resource, params.expand, registry);
  const where = listWhere(resource, { ...params, rowFilter });
  const table = resource.table as PgTable;
  const { page, perPage } = params;
  const pageQuery = db
    .select(selection(resource, keysNeededFor(resource, tree)))
    .from(table)
    .where(where)
    .orderBy(...orderBy(resource, params.sort?.length ? params.sort : resource.info.defaultSort))
    .limit(perPage)
    .offset((page - 1) * perPage);
  const mode = params.skipTotal ? "none" : params.totals;
  const totalQuery = listTotal(db, table, where, mode, { cap: resource.info.countCap });
  const [items, total] = await Promise.all([pageQuery as Promise<Rec[]>, totalQuery]);
  if (tree) await expandRecords(db, resource, items, tree, registry, actor);
  stripUnreadable(resource, items, actor);
  if (!total) return { items, page, perPage, totalItems: -1, totalPages: -1 };
  const { totalItems, estimated } = total;
  const totalPages = Math.ceil(totalItems / perPage);
  return { items, page, perPage, totalItems, totalPages, ...(estimated ? { totalEstimated: true as const } : {}) };
}

export async function getRecord(
  db: Executor,
  resource: AnyResource,
  id: unknown,
  expand: string[] | undefined,
  registry: Registry,
  rowFilter: SQL | undefined,
  actor: Actor,
  deleted: DeletedMode = "exclude",
): Promise<Rec> {
  const tree: ExpandTree | undefined = expandTreeOrThrow(resource, expand, registry);
  const idColumn = resource.info.columns[resource.info.idKey] as PgColumn;
  const rows = (await db
    .select(selection(resource, keysNeededFor(resource, tree)))
    .from(resource.table as PgTable)
    .where(and(eq(idColumn, id), deletedCondition(resource, deleted), rowFilter))
    .limit(1)) as Rec[];
  const record = rows[0];
  if (!record) throw notFound(resource, id);
  if (tree) await expandRecords(db, resource, rows, tree, registry, actor);
  stripUnreadable(resource, rows, actor);
  return record;
}

export function notFound(resource: AnyResource, id: unknown) {
  return new TRPCError({ code: "NOT_FOUND", message: `${resource.name} ${String(id)} not found` });
}
