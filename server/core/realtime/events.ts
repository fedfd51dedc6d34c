/**
 * The read side of the event log. Event ids (`seq`) are drawn just after COMMIT by the sequencer, under its lock, so
 * the ids any reader can see form a prefix: "everything after id N" read now never misses a transaction that is
 * numbered later with a smaller id, because there is none (sequencer.ts, docs/decisions/027-write-path.md).
 */
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { liveEventHorizon, liveEvents } from "@/db/schema";
import type { ChangeOperation } from "../changes";
import type { Executor } from "../executor";
import { LIVE_FETCH_BATCH } from "./config";

/** One committed change as the log has it. The record is read again, per audience, when the event is delivered. */
export interface LiveEvent {
  seq: number;
  resource: string;
  recordId: string;
  operation: ChangeOperation;
}

const columns = {
  seq: sql<number>`${liveEvents.seq}`.mapWith(Number),
  resource: liveEvents.resource,
  recordId: liveEvents.recordId,
  operation: liveEvents.operation,
};

/** Committed events after `after` (and up to `through`), oldest first, optionally of one resource or record. */
/** Event ids are decimal integers; anything else cannot be resumed from. */
export function parseEventId(value: string | null | undefined): number | undefined {
  if (!value || !/^\d{1,18}$/.test(value)) return undefined;
  return Number(value);
}

export async function readEvents(
  db: Executor,
  after: number,
  options: { through?: number; resource?: string; recordId?: string; limit?: number } = {},
): Promise<LiveEvent[]> {
  return db
    .select(columns)
    .from(liveEvents)
    .where(
      and(
        gt(liveEvents.seq, after),
        options.through !== undefined ? lte(liveEvents.seq, options.through) : undefined,
        options.resource !== undefined ? eq(liveEvents.resource, options.resource) : undefined,
        options.recordId !== undefined ? eq(liveEvents.recordId, options.recordId) : undefined,
      ),
    )
    .orderBy(asc(liveEvents.seq))
    .limit(options.limit ?? LIVE_FETCH_BATCH);
}

/** The id of the newest committed event (or what pruning removed, when the log is empty): where a listener starts. */
/** Every event after `after` up to `through` (matching `filter`), read from the log a batch at a time. */
export async function* eventsBetween(
  db: Executor,
  after: number,
  through: number,
  filter: { resource?: string; recordId?: string } = {},
): AsyncGenerator<LiveEvent[]> {
  let cursor = after;
  while (cursor < through) {
    const events = await readEvents(db, cursor, { through, ...filter });
    if (events.length > 0) yield events;
    const last = events.at(-1);
    if (!last || events.length < LIVE_FETCH_BATCH) return;
    cursor = last.seq;
  }
}

export async function latestEventId(db: Executor): Promise<number> {
  const [row] = await db
    .select({
      prunedThrough: liveEventHorizon.prunedThrough,
      latest: sql<number | null>`(select max(${liveEvents.seq}) from ${liveEvents})`.mapWith(Number),
    })
    .from(liveEventHorizon);
  return Math.max(row?.latest ?? 0, row?.prunedThrough ?? 0);
}

/**
 * Whether a client's last event id can be resumed from exactly: it must not be older than what pruning removed, nor
 * newer than anything committed (an id from another database, or made up).
 */
export async function canResumeFrom(db: Executor, lastId: number): Promise<boolean> {
  const [row] = await db
    .select({
      prunedThrough: liveEventHorizon.prunedThrough,
      latest: sql<number | null>`(select max(${liveEvents.seq}) from ${liveEvents})`.mapWith(Number),
    })
    .from(liveEventHorizon);
  if (!row) return false;
  return lastId >= row.prunedThrough && lastId <= Math.max(row.latest ?? 0, row.prunedThrough);
}

// Any fixed 64-bit number; names the lock "atrium live prune" (next to migrations ...001 and the seed ...002).
const PRUNE_LOCK_ID = 7_246_813_370_008;

/**
 * Removes events committed more than `retentionMs` ago and raises the horizon to the newest removed id. One instance
 * at a time: the others skip the round instead of queueing behind it. Returns how many events it removed.
 */
export async function pruneEvents(db: Database, retentionMs: number): Promise<number> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.execute<{ got: boolean }>(sql`select pg_try_advisory_xact_lock(${PRUNE_LOCK_ID}) as got`);
    if (!lock?.got) return 0;
    const cutoff = sql`now() - make_interval(secs => ${retentionMs / 1000})`;
    // Delete a prefix of ids (everything before the oldest event still in the window), so the horizon says exactly
    // what is gone. Found by walking the numbers in order from the oldest: commit times rise with them, so the walk
    // reads only what it deletes, with no index on the commit time for every write to keep up.
    const [gone] = await tx.execute<{ through: string | null; n: number }>(sql`
      with edge as (
        select ${liveEvents.seq} as seq from ${liveEvents}
        where ${liveEvents.seq} is not null and ${liveEvents.committedAt} >= ${cutoff}
        order by ${liveEvents.seq} limit 1
      ),
      removed as (
        delete from ${liveEvents}
        where ${liveEvents.seq} is not null
          and ${liveEvents.seq} < coalesce((select seq from edge), 9223372036854775807)
        returning ${liveEvents.seq} as seq
      )
      select max(seq)::text as through, count(*)::int as n from removed`);
    if (!gone?.through) return 0;
    await tx
      .update(liveEventHorizon)
      .set({ prunedThrough: sql`greatest(${liveEventHorizon.prunedThrough}, ${Number(gone.through)})` })
      .where(eq(liveEventHorizon.one, true));
    return gone.n;
  });
}
