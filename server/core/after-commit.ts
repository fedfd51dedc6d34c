/**
 * Work that must wait for COMMIT (announcing changes to afterCommit hooks and live listeners) when a write runs inside
 * a transaction someone else opened. The engine's writes open their own transaction and announce once it returns;
 * but inside an outer transaction (a keyed mutation, server/core/idempotency) theirs is only a savepoint, and the
 * outer one may still roll back. Such an outer transaction registers itself here, and what its writes would have
 * announced waits for its own commit, or is dropped with its rollback.
 */
import type { Database } from "@/db/client";
import type { Executor, Transaction } from "./executor";

type Callback = () => Promise<void>;

/** Callbacks waiting for the commit of each open outer transaction, keyed by its handle. */
const waiting = new WeakMap<Executor, Callback[]>();
/** The database each such transaction was opened on: what runs after its COMMIT uses that, the handle being closed. */
const roots = new WeakMap<Executor, Database>();

/** Runs `work` in a transaction; what `afterCommit` is given on its handle runs after it commits, in order. */
export async function transactionWithAfterCommit<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const callbacks: Callback[] = [];
  const result = await db.transaction((tx) => {
    waiting.set(tx, callbacks);
    roots.set(tx, rootDatabase(db));
    return work(tx);
  });
  // Inside another such transaction (this one was a savepoint), they wait for that one's commit in turn.
  for (const callback of callbacks) await afterCommit(db, callback);
  return result;
}

/**
 * Runs `callback` after the commit of the transaction `db` belongs to: later when `db` is a transaction opened by
 * `transactionWithAfterCommit`, now otherwise (the caller's own transaction on the pool has just committed).
 */
export async function afterCommit(db: Executor, callback: Callback): Promise<void> {
  const callbacks = waiting.get(db);
  if (callbacks) callbacks.push(callback);
  else await callback();
}

/**
 * The database behind `db` for work after COMMIT: `db` itself on the pool, or, for a transaction opened by
 * `transactionWithAfterCommit` (a keyed mutation, a PocketBase batch), the database it was opened on, since a
 * callback that runs after its commit would find the transaction's own handle closed.
 */
export function rootDatabase(db: Executor): Database {
  return roots.get(db) ?? (db as Database);
}
