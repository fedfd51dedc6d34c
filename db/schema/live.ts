import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { auditOperation, type RecordOperation } from "./audit";

/**
 * The numbers live events are delivered and resumed by. Drawn after COMMIT, for committed events only, by the
 * sequencer (`live_events_sequence()`, migration 0019, under the one sequencer lock), so the numbers any snapshot can
 * see form a prefix. See server/core/realtime/sequencer.ts.
 */
export const liveEventSeq = pgSequence("live_event_seq", { cache: 1 });

/**
 * Recent committed changes, kept for a retention window so that a client reconnecting with its last event id gets
 * what it missed (docs/decisions/007-live-updates.md). One row per engine change, moved here from
 * `live_event_queue` by the sequencer once the change has committed, with its number.
 */
export const liveEvents = pgTable(
  "live_events",
  {
    /** The event's id in the queue (`live_event_queue.id`), its insert order. Never shown to clients. */
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /**
     * The event id clients see and resume from. Always set since migration 0019 (events wait for their number in
     * `live_event_queue`); the column stays nullable, and its indexes partial, so that migration rewrites no index.
     */
    seq: bigint("seq", { mode: "number" }),
    /** Set with `seq` (just after COMMIT), so retention counts from commit, not from when a long transaction began. */
    committedAt: timestamp("committed_at", { withTimezone: true }),
    resource: text("resource").notNull(),
    recordId: text("record_id").notNull(),
    operation: auditOperation("operation").$type<RecordOperation>().notNull(),
    /**
     * The row before the change, keyed by column name (hidden fields left out), so that "could this subscriber see
     * it before?" is answered in SQL by the same rule as now. Null for creates.
     */
    before: jsonb("before").$type<Record<string, unknown>>(),
  },
  (t) => [
    // Every reader asks for `seq > n`, which implies `seq is not null`. Pruning walks this index in order too: commit
    // times rise with the numbers.
    uniqueIndex("live_events_seq_unique").on(t.seq).where(sql`${t.seq} is not null`),
    index("live_events_resource_seq_idx").on(t.resource, t.seq).where(sql`${t.seq} is not null`),
  ],
);

/**
 * Events written and not yet numbered: a write inserts its event here, in its own transaction, and takes no lock.
 * The sequencer (`live_events_sequence()`, migration 0019) moves committed rows to `live_events` in id order, giving
 * each its number. A queue rather than a null number on `live_events` that an UPDATE fills in: that UPDATE wrote a
 * second version of every event with all its index entries, and the index of unnumbered rows filled with dead entries
 * between vacuums, so each run cost more as the log grew (docs/decisions/027-write-path.md, "Third part").
 */
export const liveEventQueue = pgTable("live_event_queue", {
  /**
   * Insert order, the order the sequencer numbers a batch in. Drawn when the row is inserted, after the write's own
   * statement, so a write that waited on another's row lock always has the higher id. Kept as `live_events.id`
   * (migration 0019 started this sequence past the ids `live_events` had drawn itself).
   */
  id: bigserial("id", { mode: "number" }).primaryKey(),
  resource: text("resource").notNull(),
  recordId: text("record_id").notNull(),
  operation: auditOperation("operation").$type<RecordOperation>().notNull(),
  /** As `live_events.before`. */
  before: jsonb("before").$type<Record<string, unknown>>(),
});

/**
 * One row: the highest event id pruning has removed. A client resuming from an older id cannot be given exactly
 * what it missed any more and is told to refetch instead.
 */
export const liveEventHorizon = pgTable(
  "live_event_horizon",
  {
    one: boolean("one").primaryKey().default(true),
    prunedThrough: bigint("pruned_through", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("live_event_horizon_one_row", sql`${t.one}`)],
);
