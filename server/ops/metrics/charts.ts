/**
 * The figures behind the admin's charts, computed in SQL: the dashboard's from `metric_samples` (one row per instance
 * per minute: first combined per minute across instances, summing counts and taking the worst of percentiles and
 * gauges, then per bucket), the Logs page's from `request_log` itself. Every bucket of the range is returned, empty
 * ones with nulls, so a chart's gaps show when nothing was measured. Each read runs under a statement timeout.
 */
import { and, gte, lt, type SQLWrapper, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { metricSamples, requestLog } from "@/db/schema";
import type { Transaction } from "@/server/core/executor";

/** The longest a chart query may run: the page shows an error rather than holding a connection. */
const STATEMENT_TIMEOUT = "10s";

export const DASHBOARD_RANGES = {
  hour: { spanMs: 60 * 60_000, bucketMs: 60_000 },
  day: { spanMs: 24 * 60 * 60_000, bucketMs: 10 * 60_000 },
} as const;
export type DashboardRange = keyof typeof DASHBOARD_RANGES;

/** Bucket sizes the Logs page's charts choose from: the smallest that keeps a range within MAX_BUCKETS. */
const STEPS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 60 * 60_000, 6 * 60 * 60_000, 24 * 60 * 60_000];
export const MAX_BUCKETS = 120;
/** The widest range the Logs page charts (the request log keeps a week by default). */
export const MAX_RANGE_MS = 31 * 24 * 60 * 60_000;

export function bucketFor(spanMs: number): number {
  return STEPS_MS.find((step) => spanMs / step <= MAX_BUCKETS) ?? (STEPS_MS.at(-1) as number);
}

/** Bucket starts from the one holding `from` up to the one before `to`. */
function bucketStarts(from: Date, to: Date, bucketMs: number): number[] {
  const starts: number[] = [];
  for (let t = Math.floor(from.getTime() / bucketMs) * bucketMs; t < to.getTime(); t += bucketMs) starts.push(t);
  return starts;
}

/** Rows by bucket start (as epoch ms), filled out to every bucket of the range with `empty`. */
function fill<R extends { bucket: number }, P>(
  rows: R[],
  from: Date,
  to: Date,
  bucketMs: number,
  point: (at: Date, row: R | undefined) => P,
): P[] {
  const byStart = new Map(rows.map((row) => [row.bucket, row]));
  return bucketStarts(from, to, bucketMs).map((start) => point(new Date(start), byStart.get(start)));
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const bucketOf = (column: SQLWrapper, bucketMs: number) =>
  sql<number>`(floor(extract(epoch from ${column}) * 1000 / ${bucketMs}) * ${bucketMs})::bigint`.mapWith(Number);

function bounded<T>(db: Database, read: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local statement_timeout = '${STATEMENT_TIMEOUT}'`));
    return read(tx);
  });
}

export interface DashboardPoint {
  at: Date;
  /** Per minute (averaged over a bucket longer than a minute), all instances together. */
  requests: number | null;
  errors: number | null;
  /** The worst instance-minute of the bucket. */
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  dbQueries: number | null;
  dbP95Ms: number | null;
  /** All instances together, the most at any minute of the bucket. */
  liveSubscribers: number | null;
  /** Per minute, all instances together. */
  liveEvents: number | null;
  /** The most waiting at any minute (every instance sees the same queues: the worst, not the sum). */
  jobQueueDepth: number | null;
  /** The largest instance. */
  rssBytes: number | null;
  heapUsedBytes: number | null;
  eventLoopLagP99Ms: number | null;
}

export async function dashboardSeries(db: Database, range: DashboardRange, now = new Date()) {
  const { spanMs, bucketMs } = DASHBOARD_RANGES[range];
  const from = new Date(now.getTime() - spanMs);
  const s = metricSamples;
  const minutes = db.$with("minutes").as(
    db
      .select({
        at: s.at,
        requests: sql<number>`sum(${s.requests})`.as("requests"),
        errors: sql<number>`sum(${s.errors})`.as("errors"),
        p50: sql<number>`max(${s.p50Ms})`.as("p50"),
        p95: sql<number>`max(${s.p95Ms})`.as("p95"),
        p99: sql<number>`max(${s.p99Ms})`.as("p99"),
        dbQueries: sql<number>`sum(${s.dbQueries})`.as("db_queries"),
        dbP95: sql<number>`max(${s.dbP95Ms})`.as("db_p95"),
        live: sql<number>`sum(${s.liveSubscribers})`.as("live"),
        events: sql<number>`sum(${s.liveEvents})`.as("events"),
        jobs: sql<number>`max(${s.jobQueueDepth})`.as("jobs"),
        rss: sql<number>`max(${s.rssBytes})`.as("rss"),
        heap: sql<number>`max(${s.heapUsedBytes})`.as("heap"),
        lag: sql<number>`max(${s.eventLoopLagP99Ms})`.as("lag"),
      })
      .from(s)
      .where(and(gte(s.at, from), lt(s.at, now)))
      .groupBy(s.at),
  );
  const perMinute = bucketMs / 60_000;
  const rows = await bounded(db, (tx) =>
    tx
      .with(minutes)
      .select({
        bucket: bucketOf(minutes.at, bucketMs),
        requests: sql<number>`sum(${minutes.requests})`,
        errors: sql<number>`sum(${minutes.errors})`,
        p50: sql<number>`max(${minutes.p50})`,
        p95: sql<number>`max(${minutes.p95})`,
        p99: sql<number>`max(${minutes.p99})`,
        dbQueries: sql<number>`sum(${minutes.dbQueries})`,
        dbP95: sql<number>`max(${minutes.dbP95})`,
        live: sql<number>`max(${minutes.live})`,
        events: sql<number>`sum(${minutes.events})`,
        jobs: sql<number>`max(${minutes.jobs})`,
        rss: sql<number>`max(${minutes.rss})`,
        heap: sql<number>`max(${minutes.heap})`,
        lag: sql<number>`max(${minutes.lag})`,
      })
      .from(minutes)
      .groupBy(sql`1`)
      .orderBy(sql`1`),
  );
  const rate = (value: unknown) => {
    const n = num(value);
    return n === null ? null : Math.round((n / perMinute) * 100) / 100;
  };
  const points = fill(
    rows,
    from,
    now,
    bucketMs,
    (at, row): DashboardPoint => ({
      at,
      requests: rate(row?.requests),
      errors: rate(row?.errors),
      p50Ms: num(row?.p50),
      p95Ms: num(row?.p95),
      p99Ms: num(row?.p99),
      dbQueries: rate(row?.dbQueries),
      dbP95Ms: num(row?.dbP95),
      liveSubscribers: num(row?.live),
      liveEvents: rate(row?.events),
      jobQueueDepth: num(row?.jobs),
      rssBytes: num(row?.rss),
      heapUsedBytes: num(row?.heap),
      eventLoopLagP99Ms: num(row?.lag),
    }),
  );
  const total = (key: "requests" | "errors") => rows.reduce((sum, row) => sum + (num(row[key]) ?? 0), 0);
  return {
    from,
    to: now,
    bucketMinutes: perMinute,
    samples: rows.length,
    totals: { requests: total("requests"), errors: total("errors") },
    points,
  };
}

export interface RequestLogPoint {
  at: Date;
  requests: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** Requests, errors (5xx) and latency percentiles per bucket of [from, to), from the request log itself. */
export async function requestLogSeries(db: Database, from: Date, to: Date) {
  const bucketMs = bucketFor(to.getTime() - from.getTime());
  const r = requestLog;
  const rows = await bounded(db, (tx) =>
    tx
      .select({
        bucket: bucketOf(r.at, bucketMs),
        requests: sql<number>`count(*)`.mapWith(Number),
        errors: sql<number>`count(*) filter (where ${r.status} >= 500)`.mapWith(Number),
        p50: sql<number | null>`percentile_cont(0.5) within group (order by ${r.durationMs})`,
        p95: sql<number | null>`percentile_cont(0.95) within group (order by ${r.durationMs})`,
        p99: sql<number | null>`percentile_cont(0.99) within group (order by ${r.durationMs})`,
      })
      .from(r)
      .where(and(gte(r.at, from), lt(r.at, to)))
      .groupBy(sql`1`)
      .orderBy(sql`1`),
  );
  const round = (value: unknown) => {
    const n = num(value);
    return n === null ? null : Math.round(n * 100) / 100;
  };
  const points = fill(
    rows,
    from,
    to,
    bucketMs,
    (at, row): RequestLogPoint => ({
      at,
      requests: row?.requests ?? 0,
      errors: row?.errors ?? 0,
      p50Ms: round(row?.p50),
      p95Ms: round(row?.p95),
      p99Ms: round(row?.p99),
    }),
  );
  return {
    from,
    to,
    bucketMinutes: bucketMs / 60_000,
    totals: {
      requests: rows.reduce((sum, row) => sum + row.requests, 0),
      errors: rows.reduce((sum, row) => sum + row.errors, 0),
    },
    points,
  };
}
