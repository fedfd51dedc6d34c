/**
 * Fixed-window rate limits with their counters in Postgres (the rate_limits table), so a limit holds across every app
 * instance. One statement per hit: an upsert that either starts a new window or increments the current one, and
 * returns the count. Postgres serialises concurrent upserts of one key on its row lock, so N parallel hits on a limit
 * of L let exactly L through.
 */
import { eq, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rateLimits } from "@/db/schema";

export interface RateLimitRule {
  /** Counter key, e.g. `signin:email:ada@example.com`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

export type RateLimitResult = { allowed: true; count: number } | { allowed: false; count: number; retryAfter: number };

/** Counts one attempt and says whether it is within the limit. Call it before doing the work it protects. */
export async function hitRateLimit(db: Database, rule: RateLimitRule): Promise<RateLimitResult> {
  const window = sql`make_interval(secs => ${rule.windowSeconds})`;
  // Time comes from the database, never from this process, so instances with skewed clocks agree on windows.
  const rows = await db.execute<{ count: number; retry_after: number }>(sql`
    insert into ${rateLimits} (key, count, reset_at)
    values (${rule.key}, 1, now() + ${window})
    on conflict (key) do update set
      count = case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.count} + 1 end,
      reset_at = case when ${rateLimits.resetAt} <= now() then now() + ${window} else ${rateLimits.resetAt} end
    returning count, greatest(1, ceil(extract(epoch from reset_at - now())))::int as retry_after
  `);
  const row = rows[0];
  if (!row) throw new Error(`rate limit upsert for ${rule.key} returned no row`);
  if (row.count <= rule.limit) return { allowed: true, count: row.count };
  return { allowed: false, count: row.count, retryAfter: row.retry_after };
}

/**
 * Counts one attempt against every rule (all of them, so each counter sees every attempt) and refuses when any is
 * over its limit, with the longest wait.
 */
export async function hitRateLimits(db: Database, rules: RateLimitRule[]): Promise<RateLimitResult> {
  const results = await Promise.all(rules.map((rule) => hitRateLimit(db, rule)));
  const refused = results.filter((r) => !r.allowed);
  if (refused.length === 0) return { allowed: true, count: Math.max(0, ...results.map((r) => r.count)) };
  return {
    allowed: false,
    count: Math.max(...refused.map((r) => r.count)),
    retryAfter: Math.max(...refused.map((r) => (r.allowed ? 0 : r.retryAfter))),
  };
}

/** Forgets a counter, e.g. an email's failed sign-ins once its owner gets in. */
export async function resetRateLimit(db: Database, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Deletes counters whose window ended; called now and then so the table holds only live windows. */
export async function pruneRateLimits(db: Database): Promise<number> {
  const deleted = await db
    .delete(rateLimits)
    .where(lt(rateLimits.resetAt, sql`now()`))
    .returning({ key: rateLimits.key });
  return deleted.length;
}

/** Hits to add to one counter: `count` may be 0, which only opens (or reads) the key's current window. */
export interface RateLimitHits {
  key: string;
  count: number;
  windowSeconds: number;
}

/** A counter as the database holds it after an add: its window's total and how long that window still runs. */
export interface RateLimitCount {
  key: string;
  count: number;
  msLeft: number;
}

/**
 * Adds many counters' hits in one statement (the write-behind API limiter flushes through this), with the same
 * window rules as `hitRateLimit`, and returns every counter's total. Keys must be distinct.
 */
export async function addRateLimitHits(db: Database, hits: RateLimitHits[]): Promise<RateLimitCount[]> {
  if (hits.length === 0) return [];
  const keys = hits.map((h) => h.key);
  const counts = hits.map((h) => h.count);
  const windows = hits.map((h) => h.windowSeconds);
  const window = sql`make_interval(secs => h.secs)`;
  // Sorted by key so two instances flushing overlapping keys lock their rows in the same order (no deadlock).
  const rows = await db.execute<{ key: string; count: number; ms_left: number }>(sql`
    insert into ${rateLimits} (key, count, reset_at)
    select h.key, h.n, now() + ${window}
    from unnest(${sql.param(keys)}::text[], ${sql.param(counts)}::int[], ${sql.param(windows)}::int[]) as h(key, n, secs)
    order by h.key
    on conflict (key) do update set
      count = case when ${rateLimits.resetAt} <= now() then excluded.count else ${rateLimits.count} + excluded.count end,
      reset_at = case when ${rateLimits.resetAt} <= now() then excluded.reset_at else ${rateLimits.resetAt} end
    returning key, count, greatest(0, ceil(extract(epoch from reset_at - now()) * 1000))::int as ms_left
  `);
  return rows.map((r) => ({ key: r.key, count: r.count, msLeft: r.ms_left }));
}
