/**
 * Jobs waiting per queue (created, or waiting for a retry) and running, read from pg-boss's job table for the app's
 * own queues. Cached for a few seconds per process, so a scrape every few seconds (or several scrapers, plus the
 * sampler) costs at most one small grouped count.
 */
import { and, count, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { JobState } from "@/server/core/jobs/states";
import { bossJob } from "@/server/core/jobs/tables";

export interface QueueDepth {
  queue: string;
  waiting: number;
  active: number;
}

const CACHE_MS = 5_000;
const WAITING: readonly JobState[] = ["created", "retry"];

type Cached = { at: number; depths: Promise<QueueDepth[] | null> };
const state = globalThis as unknown as { atriumJobDepth?: Cached };

async function readDepths(db: Database, queues: readonly string[]): Promise<QueueDepth[]> {
  const byQueue = new Map(queues.map((queue) => [queue, { queue, waiting: 0, active: 0 }]));
  if (queues.length === 0) return [];
  const rows = await db
    .select({ queue: bossJob.name, state: bossJob.state, n: count() })
    .from(bossJob)
    .where(and(inArray(bossJob.name, [...queues]), inArray(bossJob.state, [...WAITING, "active"])))
    .groupBy(bossJob.name, bossJob.state);
  for (const row of rows) {
    const depth = byQueue.get(row.queue);
    if (!depth) continue;
    if (row.state === "active") depth.active += row.n;
    else depth.waiting += row.n;
  }
  return [...byQueue.values()];
}

/**
 * The depth of each queue, or null when it cannot be read (pg-boss's schema not made yet, the database down): a
 * scrape then leaves the series out rather than failing.
 */
export function jobDepths(db: Database, queues: readonly string[], now = Date.now()): Promise<QueueDepth[] | null> {
  const cached = state.atriumJobDepth;
  if (cached && now - cached.at < CACHE_MS) return cached.depths;
  const depths = readDepths(db, queues).catch(() => null);
  state.atriumJobDepth = { at: now, depths };
  return depths;
}

/** Jobs waiting across all queues: the figure the dashboard charts. */
export function totalWaiting(depths: readonly QueueDepth[] | null): number | null {
  return depths ? depths.reduce((sum, d) => sum + d.waiting, 0) : null;
}
