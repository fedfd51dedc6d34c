/**
 * The database client. Created on first use, never at import time: `next build` evaluates route modules
 * and must not open a connection.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { databaseApplicationNameFromEnv, databaseConnectTimeoutFromEnv, env } from "../env";
import { logger } from "../server/core/logging/logger";
import { DatabaseAvailability } from "./availability";
import { timedClient } from "./query-timing";
import * as schema from "./schema";

export type Database = ReturnType<typeof createDatabase>["db"];

export interface DatabaseOptions {
  max?: number;
  onQuery?: (query: string) => void;
  /** Seconds to wait for a connection (and the bound on requests during an outage); DATABASE_CONNECT_TIMEOUT_SECONDS. */
  connectTimeoutSeconds?: number;
  /** Log outage transitions (the app does; tests that provoke outages may stay quiet). */
  log?: (message: string) => void;
  /** Time every Drizzle query for the metrics (db/query-timing.ts); the app's pool does. */
  timeQueries?: boolean;
}

/**
 * Seconds before a closed connection tries again, by consecutive failures: postgres.js's default grows to 20 s, so
 * after an outage the pool would stay half-empty (and requests queue behind it) for up to 20 s after the database is
 * back. Capped at a quarter second: fast enough to recover within a second, slow enough not to spin.
 */
const reconnectBackoff = (failures: number) => Math.min(0.25, 0.02 * 2 ** failures) * (0.5 + Math.random() / 2);

/** A pool plus its Drizzle handle. Tests and scripts call this with their own URL; the app uses `getDb()`. */
export function createDatabase(url: string, options: DatabaseOptions = {}) {
  const connectTimeout = options.connectTimeoutSeconds ?? databaseConnectTimeoutFromEnv();
  const max = options.max ?? 10;
  const sql = postgres(url, {
    max,
    // Fail fast when the server is unreachable instead of hanging a request (health and the 503s rely on it).
    connect_timeout: connectTimeout,
    backoff: reconnectBackoff,
    idle_timeout: 30,
    onnotice: () => {},
    // Names the app's sessions in pg_stat_activity (PGAPPNAME, default "atrium"); tests find the pool's by it.
    connection: { application_name: databaseApplicationNameFromEnv() },
  });
  // json and jsonb come back as text, for Drizzle's column to parse once. postgres.js would parse them too, and
  // Drizzle parses any string it gets again: a JSON string that reads as JSON ("0", "true", "[1]") came back as a
  // number, boolean or list (found by the field-types property test).
  const asText = (value: string) => value;
  sql.options.parsers[114] = asText;
  sql.options.parsers[3802] = asText;
  // One round trip per statement instead of two (patches/README.md, decision 031): Drizzle hands postgres.js values
  // already mapped to text, numbers, booleans or null, which the server can type itself.
  Object.assign(sql.options, { infer_parameter_types: true });
  const onQuery = options.onQuery;
  // The query hook lets tests count round trips (e.g. to prove expansion is batched).
  const client = options.timeQueries ? timedClient(sql) : sql;
  const db = drizzle(client, {
    schema,
    ...(onQuery ? { logger: { logQuery: (query: string) => onQuery(query) } } : {}),
  });
  const availability = new DatabaseAvailability({
    probe: () => sql`select 1`,
    // As many round trips at once as the pool has connections: each takes a closed one and connects it.
    refill: () => Promise.allSettled(Array.from({ length: max }, () => sql`select 1`)),
    timeoutMs: connectTimeout * 1000,
    ...(options.log ? { log: options.log } : {}),
  });
  availabilities.set(db, availability);
  return {
    db,
    sql,
    availability,
    close: () => {
      availability.close();
      return sql.end({ timeout: 5 });
    },
  };
}

// On globalThis, like the pool below: Next bundles this module once per layer (instrumentation, route handlers, server
// components), and the app's pool is made by whichever copy asks first (instrumentation.ts). A map of each copy's own
// left every route without its pool's breaker, so tRPC's bound on a database gone silent never applied in `next start`.
const shared = globalThis as unknown as { atriumAvailabilities?: WeakMap<object, DatabaseAvailability> };
shared.atriumAvailabilities ??= new WeakMap();
const availabilities = shared.atriumAvailabilities;

/** The circuit breaker of a pool made by `createDatabase` (undefined for a transaction or a foreign handle). */
export function availabilityOf(db: object): DatabaseAvailability | undefined {
  return availabilities.get(db);
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
    globalForDb.atriumDb = createDatabase(DATABASE_URL, {
      max: DATABASE_POOL_MAX,
      log: (message) => logger("db").warn(message),
      timeQueries: true,
    });
  }
  return globalForDb.atriumDb;
}

/**
 * The app's shared Drizzle instance. Throws DatabaseUnavailableError (a 503 wherever it surfaces) while the database
 * is known to be down, so a request that needs it fails at once instead of queueing for a connection.
 */
export function getDb(): Database {
  const { db, availability } = handle();
  availability.assertUp();
  return db;
}

/** The app pool's circuit breaker (health, the HTTP gate and tRPC report failures to it). */
export function getAvailability(): DatabaseAvailability {
  return handle().availability;
}

/** The raw postgres.js pool, for the few things Drizzle does not cover (health ping, LISTEN/NOTIFY). */
export function getSql(): Handle["sql"] {
  return handle().sql;
}
