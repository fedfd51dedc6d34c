/**
 * The database client. Created on first use, never at import time: `next build` evaluates route modules
 * and must not open a connection.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "../env";
import * as schema from "./schema";

export type Database = ReturnType<typeof createDatabase>["db"];

/** A pool plus its Drizzle handle. Tests and scripts call this with their own URL; the app uses `getDb()`. */
export function createDatabase(url: string, options: { max?: number; onQuery?: (query: string) => void } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    // Fail fast when the server is unreachable instead of hanging a request (the health check relies on it).
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
  });
  const onQuery = options.onQuery;
  // The query hook lets tests count round trips (e.g. to prove expansion is batched).
  const db = drizzle(sql, { schema, ...(onQuery ? { logger: { logQuery: (query: string) => onQuery(query) } } : {}) });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

type Handle = ReturnType<typeof createDatabase>;

// Kept on globalThis so Next's hot reload in development reuses one pool instead of leaking a new one per edit.
const globalForDb = globalThis as unknown as { atriumDb?: Handle };

function handle(): Handle {
  if (!globalForDb.atriumDb) {
    const { DATABASE_URL, DATABASE_POOL_MAX } = env();
    if (!DATABASE_URL) {
      throw new Error(
        "DATABASE_URL is not set. Start the app with `npm run dev` (embedded PostgreSQL) or set DATABASE_URL.",
      );
    }
    globalForDb.atriumDb = createDatabase(DATABASE_URL, { max: DATABASE_POOL_MAX });
  }
  return globalForDb.atriumDb;
}

/** The app's shared Drizzle instance. */
export function getDb(): Database {
  return handle().db;
}

/** The raw postgres.js pool, for the few things Drizzle does not cover (health ping, LISTEN/NOTIFY). */
export function getSql(): Handle["sql"] {
  return handle().sql;
}
