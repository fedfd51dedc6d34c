/**
 * The audit entries and live events of a write, in one statement (docs/decisions/027-write-path.md). A write used to
 * send one INSERT for its audit entry and another for its live event, per change; a batch of 100 creates sent 200.
 * Collected while the write runs and written together at its end, they cost one round trip, and at the top level of a
 * transaction that round trip is shared with the COMMIT (write.ts).
 */
import { type SQL, sql } from "drizzle-orm";
import { auditLog, liveEventsQueue } from "@/db/schema";
import { auditEntry } from "./audit";
import type { Change } from "./changes";
import type { Executor } from "./executor";
import { liveEventRow } from "./realtime/log";
import type { AnyResource } from "./resource";

export interface Recorded {
  resource: AnyResource;
  change: Change;
}

/** One statement inserting every entry and event of `recorded`, or undefined when there is nothing to record. */
export function recordedRowsStatement(db: Executor, recorded: readonly Recorded[]): SQL | undefined {
  if (recorded.length === 0) return undefined;
  const entries = recorded.map(({ resource, change }) => auditEntry(resource, change));
  const events = recorded.flatMap(({ resource, change }) => liveEventRow(resource, change) ?? []);
  const audit = db.insert(auditLog).values(entries).getSQL();
  if (events.length === 0) return audit;
  // A data-modifying CTE runs to completion whether or not the outer statement reads it.
  return sql`with audit as (${audit}) ${db.insert(liveEventsQueue).values(events).getSQL()}`;
}
