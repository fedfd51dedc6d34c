/** The handle engine code runs queries on: the pool, or the transaction of the current write. */
import type { Database } from "@/db/client";

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

/** What a hook that only reads is given (`shapeCreate`): Drizzle's queries, none of its writes or raw SQL. */
export type Reader = Pick<Database, "select" | "selectDistinct" | "selectDistinctOn" | "$count" | "query">;

/**
 * `db`'s reads alone. Not a view of `db` that could be cast back: the object has no insert, update, delete or execute
 * to reach, so a hook declared to only read cannot write outside the transaction it was spared.
 */
export function readerOf(db: Executor): Reader {
  return {
    select: db.select.bind(db),
    selectDistinct: db.selectDistinct.bind(db),
    selectDistinctOn: db.selectDistinctOn.bind(db),
    $count: db.$count.bind(db),
    query: db.query,
  };
}
