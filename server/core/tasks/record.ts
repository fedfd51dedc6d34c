/**
 * Changes the engine makes on its own (task runs moving through their states), recorded exactly as a resource write
 * records them: an audit entry, a live event and the in-transaction observers, in the change's own transaction;
 * announced (afterCommit, listeners) once it has committed.
 */
import type { Database } from "@/db/client";
import type { Actor } from "../actor";
import { announce, type Change, type ChangeOperation, observeRecorded } from "../changes";
import type { Transaction } from "../executor";
import { wakeLiveSequencer } from "../realtime/sequencer";
import { recordedRowsStatement } from "../recorded-rows";
import type { AnyResource } from "../resource";

type Rec = Record<string, unknown>;

export async function recordChange(
  tx: Transaction,
  resource: AnyResource,
  operation: ChangeOperation,
  id: string,
  before: Rec | null,
  after: Rec | null,
  actor: Actor,
): Promise<Change> {
  const change: Change = { operation, resource: resource.name, id, before, after, actor, requestId: undefined };
  // Its audit entry and live event in one statement, as a resource write writes them (recorded-rows.ts).
  const recorded = recordedRowsStatement(tx, [{ resource, change }]);
  if (recorded) await tx.execute(recorded);
  await observeRecorded(tx, change);
  return change;
}

/** After COMMIT: numbers the changes' live events (see realtime/sequencer.ts) and announces them. */
export function announceChanges(db: Database, resource: AnyResource, changes: Change[]): Promise<void> {
  if (changes.length > 0) wakeLiveSequencer(db);
  return announce(changes, resource.hooks?.afterCommit as ((change: Change) => Promise<void>) | undefined);
}
