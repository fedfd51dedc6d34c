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
 * sequencer (`live_events_sequence()`, migration 0016, under the one sequencer lock), so the numbers any snapshot can
 * see form a prefix. See server/core/realtime/sequencer.ts.
 */
export const liveEventSeq = pgSequence("live_event_seq", { cache: 1 });

/**
 * Recent committed changes, kept for a retention window so that a client reconnecting with its last event id gets
 * what it missed (docs/decisions/007-live-updates.md). One row per engine change, inserted in the write's transaction.
 */
export const liveEvents = pgTable(
  "live_events",
  {
    /**
     * Insert order, the order the sequencer numbers a batch in. Drawn when the row is inserted, after the write's own
     * statement, so a write that waited on another's row lock always has the higher id. Never shown to clients.
     */
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The event id clients see and resume from; null until the sequencer numbers the committed event. */
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
    // Partial: an event is inserted unnumbered and numbered by one UPDATE moments later (realtime/sequencer.ts), so
    // entries for its null number would be written only to be replaced. Every reader asks for `seq > n`, which
    // implies `seq is not null`. Pruning walks this index in order too: commit times rise with the numbers.
    uniqueIndex("live_events_seq_unique").on(t.seq).where(sql`${t.seq} is not null`),
    index("live_events_resource_seq_idx").on(t.resource, t.seq).where(sql`${t.seq} is not null`),
    // What the sequencer looks for on every run: small, since events are numbered moments after they commit.
    index("live_events_unnumbered_idx").on(t.id).where(sql`${t.seq} is null`),
  ],
);

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
