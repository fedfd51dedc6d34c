/**
 * `withLock(db, key, fn)`: runs fn in a transaction holding a PostgreSQL advisory lock on `key`, so two callers with
 * the same key (in any process of any instance) never run fn at the same time; the second waits. The lock goes with
 * the transaction, so a crash can never leave it held.
 */
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Transaction } from "./executor";

export function withLock<T>(db: Database, key: string, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // A namespace keeps these apart from the engine's other advisory locks (which use fixed numbers).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`atrium.lock:${key}`}, 0))`);
    return fn(tx);
  });
}
