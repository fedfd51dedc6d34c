/**
 * The write side of live updates: every change the engine records is also queued in `live_events_queue`, in the
 * write's own transaction. After COMMIT the sequencer (sequencer.ts) moves it to `live_events` with its number, in
 * commit order, and NOTIFYs listeners, so a rolled-back write leaves no event and announces nothing.
 */
import { liveEventsQueue } from "@/db/schema";
import type { Change } from "../changes";
import type { Executor } from "../executor";
import type { FieldConfig } from "../fields";
import type { AnyResource } from "../resource";

type Rec = Record<string, unknown>;

/**
 * The stored row keyed by column name (what `jsonb_populate_record` reads), JSON-safe, without hidden fields: a
 * password hash has no business in the event log, so row rules must not depend on hidden columns.
 */
export function beforeImage(resource: AnyResource, row: Rec | null): Rec | null {
  if (!row) return null;
  const fields = (resource.fields ?? {}) as Record<string, FieldConfig | undefined>;
  const out: Rec = {};
  for (const [key, column] of Object.entries(resource.info.columns)) {
    if (fields[key]?.hidden || !(key in row)) continue;
    const value = row[key];
    // jsonb has no bigint (JSON.stringify throws on one): its digits, which jsonb_populate_record reads back exactly.
    out[column.name] =
      value instanceof Date ? value.toISOString() : typeof value === "bigint" ? value.toString() : value;
  }
  return out;
}

/**
 * On in every app. `npm run bench:write` turns it off for one of its sides, to measure what the event log costs a
 * write; nothing else may: without events, live subscribers and resumes miss changes.
 */
export const liveEventLogging = { enabled: true };

/** The live event of one change, as the row to insert (none for an action run: its writes are logged themselves). */
export function liveEventRow(resource: AnyResource, change: Change): typeof liveEventsQueue.$inferInsert | null {
  if (change.operation === "action" || !liveEventLogging.enabled) return null;
  return {
    resource: change.resource,
    recordId: change.id,
    operation: change.operation,
    // A create has no "before"; every other operation may take a record away from someone who could see it.
    before: change.operation === "create" ? null : beforeImage(resource, change.before),
  };
}

/** Logs one change for live subscribers, on the change's own transaction. */
export async function logLiveEvent(tx: Executor, resource: AnyResource, change: Change): Promise<void> {
  const row = liveEventRow(resource, change);
  if (row) await tx.insert(liveEventsQueue).values(row);
}
