/**
 * Estimates remembered for a few seconds by the exact query they are for: its table and its WHERE's SQL and
 * parameters, which carry the caller's row conditions, so an answer is only ever reused for the very query that
 * produced it. A list known to be past its count cap is then neither counted nor planned again until ESTIMATE_TTL_MS
 * have passed: paging through a large list, or many readers of one page, cost the page query alone. Per database
 * handle, in this process's memory, bounded; every app instance keeps its own, and losing one costs a count.
 */
import { listEstimateTtlMsFromEnv } from "@/env";
/** 10 s unless LIST_ESTIMATE_TTL_MS says otherwise (the Playwright server sets 1 s: e2e/support/server.ts). */
export const ESTIMATE_TTL_MS = listEstimateTtlMsFromEnv();
const KEPT_PER_DATABASE = 1_000;

export interface Remembered {
  /** The planner's rows for the query. */
  estimate: number;
  /** Rows the query was counted past (its cap + 1); 0 when it was never counted. */
  atLeast: number;
  at: number;
}

const memos = new WeakMap<object, Map<string, Remembered>>();

/** What is remembered of `key` and still fresh. */
export function recall(db: object, key: string, now = Date.now()): Remembered | undefined {
  const known = memos.get(db)?.get(key);
  return known && now - known.at < ESTIMATE_TTL_MS ? known : undefined;
}

/** Remembers an estimate, keeping the larger row count a fresh entry already vouched for. */
export function remember(db: object, key: string, estimate: number, atLeast: number, now = Date.now()): void {
  let memo = memos.get(db);
  if (!memo) {
    memo = new Map();
    memos.set(db, memo);
  }
  const fresh = recall(db, key, now);
  memo.delete(key);
  // Oldest first in a Map's order: past the bound, the longest-remembered goes.
  if (memo.size >= KEPT_PER_DATABASE) memo.delete(memo.keys().next().value as string);
  memo.set(key, { estimate, atLeast: Math.max(atLeast, fresh?.atLeast ?? 0), at: now });
}
