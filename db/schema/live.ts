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
 * `live_events_queue` by the sequencer once the change has committed, with its number.
 */
export const liveEvents = pgTable(
  "live_events",
  {
    /**
     * Insert order: the event's id in `live_events_queue`, drawn from this column's sequence (which the queue shares).
     * Never shown to clients.
     */
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /**
     * The event id clients see and resume from. Set by the sequencer as it moves the event here. Null only on a row
     * an instance of a version before migration 0019 wrote (a rolling upgrade): the sequencer queues such rows first.
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
    // Rows written unnumbered by a version before migration 0019 (see `seq`), which the sequencer looks for on every
    // run. Empty otherwise: rows arrive here numbered, so it costs a write nothing.
    index("live_events_unnumbered_idx").on(t.id).where(sql`${t.seq} is null`),
  ],
);

/**
 * Events written and not yet numbered: a write inserts its event here, in its own transaction, and takes no lock.
 * The sequencer (`live_events_sequence()`, migration 0019) moves committed rows to `live_events` in id order, giving
 * each its number. A queue rather than a null number on `live_events` that an UPDATE fills in: that UPDATE wrote a
 * second version of every event with all its index entries, and the index of unnumbered rows filled with dead entries
 * between vacuums, so each run cost more as the log grew (docs/decisions/027-write-path.md, "Third part").
 */
// Named to sort after `liveEvents`: drizzle-kit orders a file's CREATE TABLEs by export name, and this table's id
// default needs `live_events.id`'s sequence to exist (a squashed migration, `npm run demo:remove`, creates both).
export const liveEventsQueue = pgTable("live_events_queue", {
  /**
   * Insert order, the order the sequencer numbers a batch in. Drawn when the row is inserted, after the write's own
   * statement, so a write that waited on another's row lock always has the higher id. From `live_events.id`'s
   * sequence, kept as the event's id there: one sequence for both, so an event an instance of an earlier version
   * writes into `live_events` during a rolling upgrade is ordered with the queued ones.
   */
  id: bigint("id", { mode: "number" }).primaryKey().default(sql`nextval('live_events_id_seq'::regclass)`),
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
