/** The database handle two-factor code runs on: the pool, or a caller's transaction (an admin action runs in one). */
import type { Database } from "@/db/client";

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type TwoFactorDb = Database | Transaction;

/** One transaction; inside a caller's transaction, a savepoint (Drizzle's nested `transaction`). */
export function transaction<T>(db: TwoFactorDb, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return (db as Database).transaction(work);
}
