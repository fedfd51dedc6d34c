/** The handle engine code runs queries on: the pool, or the transaction of the current write. */
import type { Database } from "@/db/client";

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;
