/**
 * What a committed write changed, and who is told. A write collects its changes while its transaction runs and hands
 * them out only after COMMIT: first to the resource's `afterCommit` hook, then to every listener registered with
 * `onCommitted` (live updates subscribe here). A rolled-back write is never announced.
 */

import { logger } from "@/server/core/logging/logger";
import type { Actor } from "./actor";
import type { Transaction } from "./executor";

/**
 * What a change is: a record operation, or (in-transaction observers only, for webhooks) a custom action run on a
 * record, whose `after` holds the action's name and input (server/core/actions). Live events, afterCommit hooks and
 * `onCommitted` listeners only ever get record operations.
 */
export type ChangeOperation = RecordChangeOperation | "action";
export type RecordChangeOperation = "create" | "update" | "delete" | "restore" | "purge" | "revert";

export interface Change<Row = Record<string, unknown>> {
  operation: ChangeOperation;
  /** For operation "action": the action's name (`publish`). */
  action?: string;
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
    logger("after-commit").error(
      { err: error },
      `${what} failed for ${change.operation} ${change.resource} ${change.id}`,
    );
  }
}

export async function announce(changes: Change[], hook: ((change: Change) => void | Promise<void>) | undefined) {
  for (const change of changes) {
    if (hook) await safely("afterCommit hook", change, () => hook(change));
    for (const listener of listeners) await safely("listener", change, () => listener(change));
  }
}

/**
 * Observers of every change while its transaction is still open (after its audit entry and live event are written):
 * what they write commits or rolls back with the change. For durable side effects, e.g. a webhook delivery queued
 * as a job in the same transaction. An observer that throws rolls the write back, so they must only fail for real.
 */
type TransactionObserver = (tx: Transaction, change: Change) => Promise<void>;

/**
 * Whether an observer may act on a change of `resource` by `operation`, answered from memory: false lets a create
 * skip its transaction (one-statement-create.ts). Unsure must answer true: the observer then runs as always.
 */
export type ObserverInterest = (resource: string, operation: ChangeOperation) => boolean;

const observers = new Map<TransactionObserver, ObserverInterest>();

export function onRecorded(observer: TransactionObserver, wants: ObserverInterest = () => true): () => void {
  observers.set(observer, wants);
  return () => observers.delete(observer);
}

export async function observeRecorded(tx: Transaction, change: Change): Promise<void> {
  for (const observer of observers.keys()) await observer(tx, change);
}

/** Whether any in-transaction observer may want a change of `resource` by `operation`. */
export function observersWant(resource: string, operation: ChangeOperation): boolean {
  for (const wants of observers.values()) if (wants(resource, operation)) return true;
  return false;
}
