/**
 * A list's `totalItems` without letting the count dominate the page (docs/decisions/026-list-totals.md). By default
 * the rows are counted up to a cap, so totals stay exact for every list a person pages through; past the cap the
 * answer is the planner's estimate for the very same query (the caller's row rule included) and says so.
 */
import { count, getTableName, is, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { getTableConfig, PgDialect, type PgTable, PgTransaction } from "drizzle-orm/pg-core";
import { recall, remember } from "./estimate-memo";
import type { Executor } from "./executor";
import { logger } from "./logging/logger";

/** What a list's caller asks of its totals; left out, the capped count below. */
export const TOTALS_MODES = ["exact", "estimate", "none"] as const;
export type TotalsMode = (typeof TOTALS_MODES)[number];

/**
 * Rows a default total counts before it settles for the estimate. Counting 10,000 index entries costs about 1 ms on
 * a 2-core machine (the whole 67k of `bench:list` took 6 ms, and a million would take 100), and no one pages
 * through 500 pages of 20 by hand; a resource may choose its own (`list.countCap`).
 */
export const DEFAULT_COUNT_CAP = 10_000;

/** How long `totals: "exact"` may count before it, too, answers with the estimate. */
export const EXACT_COUNT_TIMEOUT_MS = 5_000;

export interface Total {
  totalItems: number;
  /** The planner's estimate, not a count. */
  estimated: boolean;
}

export interface TotalLimits {
  /** The resource's `list.countCap`. */
  cap: number;
  exactTimeoutMs?: number;
}

/** The total of the rows `where` selects, as `mode` asks; undefined for "none". */
export async function listTotal(
  db: Executor,
  table: PgTable,
  where: SQL | undefined,
  mode: TotalsMode | undefined,
  { cap, exactTimeoutMs = EXACT_COUNT_TIMEOUT_MS }: TotalLimits,
): Promise<Total | undefined> {
  if (mode === "none") return undefined;
  const rows = () => db.select({ one: sql`1` }).from(table).where(where);
  if (mode === "exact") {
    const exact = await boundedCount(db, table, where, exactTimeoutMs);
    if (exact !== undefined) return { totalItems: exact, estimated: false };
    logger("list").warn(
      `an exact count of ${getTableName(table)} ran past ${exactTimeoutMs} ms: answered the estimate`,
    );
    return estimated(await plannedRows(db, rows()));
  }
  const key = memoKey(table, where);
  const known = recall(db, key);
  if (mode === "estimate") {
    if (known) return estimated(known.estimate);
    const planned = await plannedRows(db, rows());
    remember(db, key, planned, 0);
    return estimated(planned);
  }
  // Counted past the cap a moment ago: still past it, as far as an estimate can tell.
  if (known && known.atLeast > cap) return estimated(Math.max(known.estimate, cap + 1));
  const [row] = await db.select({ n: count() }).from(
    rows()
      .limit(cap + 1)
      .as("capped"),
  );
  const n = row?.n ?? 0;
  if (n <= cap) return { totalItems: n, estimated: false };
  const planned = await plannedRows(db, rows());
  remember(db, key, planned, cap + 1);
  return estimated(Math.max(planned, cap + 1));
}

const estimated = (rows: number): Total => ({ totalItems: roundEstimate(rows), estimated: true });

/**
 * A list's count as the memo knows it: the table, the WHERE's SQL and its parameters (bigints as text, which JSON has
 * no number for); the rest of the counting query is the same for every list. Written from the WHERE alone: building
 * the whole `select 1 from ... where ...` for the key took twice as long, on every list request
 * (docs/decisions/030-list-requests.md).
 */
function memoKey(table: PgTable, where: SQL | undefined): string {
  let name = tableNames.get(table);
  if (!name) {
    const config = getTableConfig(table);
    name = JSON.stringify([config.schema ?? null, config.name]);
    tableNames.set(table, name);
  }
  if (!where) return name;
  const query = keyDialect.sqlToQuery(where);
  const params = JSON.stringify(query.params, (_key, value) => (typeof value === "bigint" ? `${value}n` : value));
  return `${name}\u0000${query.sql}\u0000${params}`;
}
const tableNames = new WeakMap<PgTable, string>();
/** Only writes keys: the same text for the same condition is all a key needs of it. */
const keyDialect = new PgDialect();

/**
 * The planner's row estimate for `select 1 from table where …`: the same conditions the page and the count use, so
 * it is never an estimate of rows the caller's rules leave out of the count.
 */
async function plannedRows(db: Executor, rows: SQLWrapper): Promise<number> {
  const answer = (await db.execute(sql`explain (format json) ${rows}`)) as unknown as Record<string, unknown>[];
  const text = answer[0] ? Object.values(answer[0])[0] : undefined;
  const plan = (typeof text === "string" ? JSON.parse(text) : text) as [{ Plan?: { "Plan Rows"?: unknown } }] | null;
  const planned = plan?.[0]?.Plan?.["Plan Rows"];
  return typeof planned === "number" && Number.isFinite(planned) ? Math.max(0, Math.round(planned)) : 0;
}

/**
 * Two significant digits, rounded up (1,234,567 -> 1,300,000; 10,001 -> 11,000): an estimate shows as one, and the
 * planner's statistics, which are of the whole table, come through only that coarsely.
 */
export function roundEstimate(n: number): number {
  if (n < 100) return n;
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.ceil(n / step) * step;
}

/**
 * A full count, cancelled by PostgreSQL after `timeoutMs` (undefined then). Inside a caller's transaction the count
 * runs as it is: a SET LOCAL there would outlive this statement and bound the caller's others.
 */
async function boundedCount(
  db: Executor,
  table: PgTable,
  where: SQL | undefined,
  timeoutMs: number,
): Promise<number | undefined> {
  const countIn = async (on: Executor) => (await on.select({ n: count() }).from(table).where(where))[0]?.n ?? 0;
  if (is(db, PgTransaction)) return countIn(db);
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('statement_timeout', ${String(timeoutMs)}, true)`);
      return countIn(tx);
    });
  } catch (error) {
    if (sqlState(error) === "57014") return undefined;
    throw error;
  }
}

/** The SQLSTATE of a driver error, looked for through Drizzle's wrapping. */
function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
