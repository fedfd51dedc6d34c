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
 * The numbers live events are delivered and resumed by. Drawn at COMMIT, under a transaction-scoped advisory lock, by
 * the `live_events_commit` constraint trigger (migration 0005), so their order is commit order. CACHE 1 is load
 * bearing: a per-session cache would hand out interleaved blocks and break that order.
 */
export const liveEventSeq = pgSequence("live_event_seq", { cache: 1 });

/**
 * Recent committed changes, kept for a retention window so that a client reconnecting with its last event id gets
 * what it missed (docs/decisions/007-live-updates.md). One row per engine change, inserted in the write's transaction.
 */
export const liveEvents = pgTable(
  "live_events",
  {
    /** Insert order: only what the commit trigger finds its row by. Never shown to clients. */
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The event id clients see and resume from; null only inside the writing transaction, before COMMIT. */
    seq: bigint("seq", { mode: "number" }),
    /** Set with `seq`, so retention counts from commit, not from when a long transaction began. */
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
    uniqueIndex("live_events_seq_unique").on(t.seq),
    index("live_events_resource_seq_idx").on(t.resource, t.seq),
    index("live_events_committed_at_idx").on(t.committedAt),
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
