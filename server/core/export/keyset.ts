/**
 * Every row a list would show, in the list's order, page after page in constant memory: keyset pagination, where each
 * page starts after the last row of the one before (never OFFSET, whose cost grows with every page and which skips or
 * repeats rows when rows come and go in between). Reads go through the same conditions as `list` (read.ts): the
 * caller's row filter, the delete mark, the filter and the search, and the same field read rules.
 */
import { and, isNull, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Actor } from "../actor";
import type { Executor } from "../executor";
import { selection, stripUnreadable } from "../expand";
import type { FilterNode } from "../filter";
import { type DeletedMode, listWhere } from "../read";
import type { AnyResource } from "../resource";

type Rec = Record<string, unknown>;

export interface KeysetParams {
  /** Validated sort terms (`["-createdAt", "title"]`); empty: the resource's default order. */
  sort?: readonly string[];
  filter?: FilterNode;
  search?: string;
  deleted?: DeletedMode;
  /** The caller's row condition (their `list` rule, and `readDeleted` when deleted rows are asked for). */
  rowFilter?: SQL;
  /** Rows per query, asked before each page (an export sizes pages by bytes): memory is bounded by one page. */
  pageSize: number | (() => number);
  /** Stop after this many rows in all. */
  limit: number;
}

interface Term {
  column: PgColumn;
  desc: boolean;
  nullable: boolean;
}

/** The list's ORDER BY as terms (sort.ts's rules: unknown keys skipped, the primary key as the last tie-breaker). */
function termsOf(resource: AnyResource, sort: readonly string[]): Term[] {
  const { columns, idKey } = resource.info;
  const terms: Term[] = [];
  let hasId = false;
  for (const entry of sort) {
    const desc = entry.startsWith("-");
    const key = desc ? entry.slice(1) : entry;
    const column = columns[key];
    if (!column) continue;
    if (key === idKey) hasId = true;
    terms.push({ column, desc, nullable: !column.notNull });
  }
  if (!hasId) terms.push({ column: columns[idKey] as PgColumn, desc: false, nullable: false });
  return terms;
}

function orderOf(terms: Term[]): SQL[] {
  return terms.map((t) => (t.desc ? sql`${t.column} desc nulls last` : sql`${t.column} asc nulls last`));
}

/**
 * Rows strictly after one with these term values, in an order where NULLs come last both ways. Values travel as the
 * text PostgreSQL printed them (`::text`) and are read back as the column's type: no precision is lost on the way
 * through JavaScript (a timestamp's microseconds, a numeric's digits), so no row is repeated or skipped at a page edge.
 */
function after(terms: Term[], values: (string | null)[]): SQL {
  const branches: SQL[] = [];
  const equal: SQL[] = [];
  terms.forEach((term, i) => {
    const value = values[i] ?? null;
    const { column } = term;
    // After a NULL come only more NULLs, which the later terms order.
    if (value !== null) {
      const beyond = term.desc ? sql`${column} < ${value}` : sql`${column} > ${value}`;
      const next = term.nullable ? (or(beyond, isNull(column)) as SQL) : beyond;
      branches.push(equal.length > 0 ? (and(...equal, next) as SQL) : next);
    }
    equal.push(value === null ? isNull(column) : sql`${column} = ${value}`);
  });
  if (branches.length === 0) return sql`false`;
  // The same condition, led by a plain bound on the first term (which it implies) when that column has no NULLs: an
  // index on the sort can then start at the cursor instead of reading every row before it on every page.
  const first = terms[0];
  const value = values[0] ?? null;
  const bound =
    first && !first.nullable && value !== null
      ? first.desc
        ? sql`${first.column} <= ${value}`
        : sql`${first.column} >= ${value}`
      : undefined;
  return and(bound, or(...branches)) as SQL;
}

const CURSOR = "__keyset";

/**
 * Pages of records as `list` returns them to `actor` (readable fields only, per-row read rules applied), in the list's
 * order, until `limit` rows or the end. Each page is one query on the pool: no transaction is held between pages, so
 * a long export does not pin a connection or hold back vacuum (rows changed meanwhile may or may not be seen).
 */
export async function* keysetPages(
  db: Executor,
  resource: AnyResource,
  params: KeysetParams,
  actor: Actor,
): AsyncGenerator<Rec[]> {
  const terms = termsOf(resource, params.sort?.length ? params.sort : resource.info.defaultSort);
  const cursorColumns = Object.fromEntries(
    terms.map((t, i) => [`${CURSOR}${i}`, sql<string | null>`${t.column}::text`]),
  );
  const where = listWhere(resource, params);
  const table = resource.table as PgTable;
  let cursor: (string | null)[] | undefined;
  let left = params.limit;
  while (left > 0) {
    const size = Math.min(typeof params.pageSize === "number" ? params.pageSize : params.pageSize(), left);
    const rows = (await db
      .select({ ...selection(resource), ...cursorColumns })
      .from(table)
      .where(and(where, cursor ? after(terms, cursor) : undefined))
      .orderBy(...orderOf(terms))
      .limit(size)) as Rec[];
    if (rows.length === 0) return;
    const last = rows[rows.length - 1] as Rec;
    cursor = terms.map((_, i) => (last[`${CURSOR}${i}`] as string | null) ?? null);
    for (const row of rows) for (let i = 0; i < terms.length; i++) delete row[`${CURSOR}${i}`];
    stripUnreadable(resource, rows, actor);
    left -= rows.length;
    yield rows;
    if (rows.length < size) return;
  }
}
