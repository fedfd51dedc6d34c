/**
 * Tells the two kinds of failure of a query apart. "The database is unavailable" (unreachable, restarting, out
 * of connections, our session was ended) says nothing about the query: the listener must not move on, it retries the
 * same event later. Anything else means PostgreSQL (or the query builder) refused this very query: a condition that
 * fails at run time, a value it cannot take. That concerns only the audience the query was built for.
 */

/** postgres.js connection errors, the socket errors it passes on (`code` on the error), and our own (below). */
const CONNECTION_CODES = new Set([
  "DATABASE_UNAVAILABLE",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
]);

/**
 * SQLSTATE classes about the server or the session rather than the statement: 08 connection exception, 28 and 3D
 * (credentials or database gone at connect), 40 transaction rollback (serialization, deadlock), 53 insufficient
 * resources, 57P operator intervention (shutdown, crash, recovery), 58 system error (I/O).
 */
const UNAVAILABLE_SQLSTATE = /^(08|28|3D|40|53|57P|58)/;

/** Whether `error` (possibly wrapped by Drizzle in `cause`) means the database, not the query, failed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (CONNECTION_CODES.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code)) return UNAVAILABLE_SQLSTATE.test(code);
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** What a client is told, on every path, when the database could not answer. */
export const DATABASE_UNAVAILABLE_MESSAGE = "The database is temporarily unavailable; try again in a few seconds.";

/**
 * The session of one connection ended (its backend terminated, the socket reset or closed under it): another
 * connection may well work, and the statement was not run (or, for a write, may have been: see Idempotency-Key).
 */
export function isSessionEnded(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "57P01" || code === "CONNECTION_CLOSED" || code === "ECONNRESET" || code === "EPIPE") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Thrown instead of running a query while the database is known to be down (see availability.ts), so a request fails
 * at once instead of waiting for a connection that cannot be made. `retryAfterSeconds` is what clients are told.
 */
export class DatabaseUnavailableError extends Error {
  readonly code = "DATABASE_UNAVAILABLE";
  constructor(
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super("The database is temporarily unavailable.", options);
    this.name = "DatabaseUnavailableError";
  }
}
