/**
 * What a committed write changed, and who is told. A write collects its changes while its transaction runs and hands
 * them out only after COMMIT: first to the resource's `afterCommit` hook, then to every listener registered with
 * `onCommitted` (live updates subscribe here). A rolled-back write is never announced.
 */
import type { Actor } from "./actor";

export type ChangeOperation = "create" | "update" | "delete" | "restore" | "purge" | "revert";

export interface Change<Row = Record<string, unknown>> {
  operation: ChangeOperation;
  resource: string;
  id: string;
  /** The full stored row before and after the change (null where there is none). */
  before: Row | null;
  after: Row | null;
  actor: Actor;
  requestId: string | undefined;
}

type Listener = (change: Change) => void | Promise<void>;
const listeners = new Set<Listener>();

/** Registers a listener for every committed change of every resource; returns the function that removes it. */
export function onCommitted(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Runs one callback, logging (never throwing) what it throws: the write it reports on has committed. */
async function safely(what: string, change: Change, run: () => void | Promise<void>) {
  try {
    await run();
  } catch (error) {
    console.error(`[after-commit] ${what} failed for ${change.operation} ${change.resource} ${change.id}:`, error);
  }
}

export async function announce(changes: Change[], hook: ((change: Change) => void | Promise<void>) | undefined) {
  for (const change of changes) {
    if (hook) await safely("afterCommit hook", change, () => hook(change));
    for (const listener of listeners) await safely("listener", change, () => listener(change));
  }
}
