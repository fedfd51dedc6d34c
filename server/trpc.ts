/**
 * The one tRPC setup file: initTRPC, the request context, the error formatter, and the procedures the app uses.
 * Edit it to add a context field or a named middleware; routers never call initTRPC themselves.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { availabilityOf, type Database } from "@/db/client";
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  DatabaseUnavailableError,
  isDatabaseUnavailable,
  isSessionEnded,
} from "@/db/unavailable";
import { resolveActor } from "./auth/actor";
import { type Actor, describeActor } from "./core/actor";
import { mapDatabaseError } from "./core/db-errors";
import { FieldError, type FieldErrors, summarizeFieldErrors, zodFieldErrors } from "./core/errors";
import { idempotentMutation } from "./core/idempotency/run";
import { logger } from "./core/logging/logger";
import { currentRequest, noteActor } from "./core/logging/request-scope";
import { LIVE_SSE } from "./core/realtime/config";
import { wireTransformer } from "./core/wire";

export type { Actor } from "./core/actor";

export interface Context {
  db: Database;
  actor: Actor;
  headers: Headers;
  /**
   * Set when the request carried credentials that must not be used (a blocked user's session, an expired or
   * revoked token): every procedure then answers UNAUTHORIZED with this message instead of running anonymously.
   */
  refused?: string;
  /** Ties the audit entries of one request together: the caller's `x-request-id`, or a fresh one. */
  requestId: string;
}

/** Builds a context for a known actor: server-side callers and tests. HTTP requests use `createRequestContext`. */
export function createContext(opts: { db: Database; headers?: Headers; actor?: Actor; refused?: string }): Context {
  const headers = opts.headers ?? new Headers();
  const given = headers.get("x-request-id");
  // Inside a logged HTTP request (server/ops/logging): its log line learns the caller, and the audit entries get the
  // id that line and the request log row carry.
  noteActor(opts.actor);
  return {
    db: opts.db,
    headers,
    requestId: currentRequest()?.requestId ?? (given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID()),
    actor: opts.actor ?? { kind: "anonymous" },
    ...(opts.refused ? { refused: opts.refused } : {}),
  };
}

/** The context of an HTTP request or a server component: the caller comes from its session cookie or API token. */
export async function createRequestContext(db: Database, headers: Headers): Promise<Context> {
  const { actor, refused } = await resolveActor(db, headers);
  return createContext({ db, headers, actor, ...(refused ? { refused } : {}) });
}

export { FieldError, type FieldErrors, zodFieldErrors } from "./core/errors";

const t = initTRPC.context<Context>().create({
  // superjson behind a guard that refuses what no schema could (NUL, `__proto__`, runaway nesting): core/wire.ts.
  transformer: wireTransformer,
  // Live subscriptions over SSE: pings, the client's inactivity timeout and a bounded stream length (see config).
  sse: LIVE_SSE,
  errorFormatter({ shape, error }) {
    const { fieldErrors, message } = clientError(error, shape.message);
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors,
      },
    };
  },
});

/**
 * What a client is told: never a stack trace or an internal message (the server log keeps them), field errors where
 * they apply, and one human sentence as the message (not zod's JSON dump of its issues).
 */
export function clientError(error: TRPCError, message: string): { fieldErrors: FieldErrors | null; message: string } {
  const cause = error.cause;
  if (error.code === "INTERNAL_SERVER_ERROR")
    return { fieldErrors: null, message: "Something went wrong on our side." };
  if (error.code === "BAD_REQUEST" && cause instanceof ZodError) {
    const fieldErrors = zodFieldErrors(cause);
    return { fieldErrors, message: summarizeFieldErrors(fieldErrors) };
  }
  if (cause instanceof FieldError) return { fieldErrors: cause.fieldErrors, message };
  // tRPC wraps what failed while reading the request (malformed JSON, say) with the failure's own text.
  if (cause && error.message === cause.message) {
    return { fieldErrors: null, message: "The request could not be read: its body or input is not valid JSON." };
  }
  return { fieldErrors: null, message };
}

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Pauses before the retries of a read whose connection's session had just ended (procedureNet). */
const READ_RETRY_PAUSES_MS = [0, 10, 50];

/** What a client is told when the database could not answer: nothing was necessarily written, nor not written. */
export function databaseUnavailable(cause: unknown): TRPCError {
  return new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: DATABASE_UNAVAILABLE_MESSAGE,
    cause,
  });
}

/**
 * A value the schemas let through but PostgreSQL refuses (a data exception, a constraint) as the caller's 400 or 409
 * with the field named; a database that cannot answer as a 503, reported to the pool's circuit breaker.
 */
function refusedByDatabase(db: Context["db"], cause: unknown): TRPCError | undefined {
  const mapped = mapDatabaseError(cause);
  if (mapped) return mapped;
  if (isDatabaseUnavailable(cause)) {
    availabilityOf(db)?.report(cause);
    return databaseUnavailable(cause);
  }
  return undefined;
}

/**
 * Who may call at all (run inside the net below):
 * - credentials that were recognised but must not be used (blocked user, expired token) are refused;
 * - read-only API tokens may call queries and subscriptions (reads), never mutations.
 */
function assertMayCall(ctx: Context, type: string): void {
  if (ctx.refused) throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.refused });
  if (type === "mutation" && ctx.actor.kind === "user" && ctx.actor.via === "token" && ctx.actor.scope === "read") {
    logger("access").warn(`denied ${type} for read-only token ${describeActor(ctx.actor)}`);
    throw new TRPCError({ code: "FORBIDDEN", message: "This API token is read-only." });
  }
}

/**
 * The net under every procedure, one middleware for all of these jobs: each tRPC middleware level copies the call's
 * options twice with a slow helper, so levels are what a procedure call costs (six levels were a tenth of a create's
 * CPU, docs/decisions/027-write-path.md; decision 033 folded the last ones):
 * - the caller is checked (assertMayCall);
 * - whatever code path ran the query, a value PostgreSQL refuses is the caller's 400 or 409, not our 500, and a
 *   database that cannot answer is a 503 with Retry-After (see api-handler.ts);
 * - while the database is down, requests are refused at once (no queueing for a connection); a procedure running when
 *   it goes down gets DATABASE_CONNECT_TIMEOUT_SECONDS more, then is answered 503 (db/availability.ts);
 * - a read whose connection's session had just ended (its backend terminated, the socket reset, found only when the
 *   query was sent) runs again on another connection: it wrote nothing, and the database itself is fine. After a mass
 *   termination every idle connection is such a one, and each is found out only when used: a few tries, a moment
 *   apart, so the closes already under way are seen and the next try opens a fresh connection;
 * - a mutation sent with an Idempotency-Key runs at most once per key and input, in one transaction with its key
 *   (its `ctx.db` is that transaction); a retry gets the first answer. Queries and subscriptions ignore the header.
 */
const procedureNet = t.middleware(async ({ ctx, type, path, getRawInput, next }) => {
  const call = () => {
    assertMayCall(ctx, type);
    if (type !== "mutation") return next();
    const { db, actor, headers } = ctx;
    // Without a key the context stays as it is: passing one to `next` would copy it on every call.
    return idempotentMutation({ db, actor, headers, path, getRawInput }, (keyed) =>
      keyed === db ? next() : next({ ctx: { db: keyed } }),
    );
  };
  const withRetries = async () => {
    let result = await call();
    for (const pause of READ_RETRY_PAUSES_MS) {
      if (type !== "query" || result.ok || !isSessionEnded(result.error.cause)) return result;
      await new Promise((resolve) => setTimeout(resolve, pause));
      result = await next();
    }
    return result;
  };
  let result: Awaited<ReturnType<typeof withRetries>>;
  try {
    const availability = availabilityOf(ctx.db);
    result = availability ? await availability.bound(withRetries) : await withRetries();
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw databaseUnavailable(error);
    throw refusedByDatabase(ctx.db, error) ?? error;
  }
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") {
    const refused = refusedByDatabase(ctx.db, result.error.cause);
    if (refused) throw refused;
  }
  return result;
});

/** Open to everyone, including anonymous callers; what they may do is up to the resource rules. */
export const publicProcedure = t.procedure.use(procedureNet);

/** A signed-in user (session or token); narrows `ctx.actor` so `ctx.actor.user` is there. */
export const userProcedure = publicProcedure.use(({ ctx, next }) => {
  const actor = ctx.actor;
  if (actor.kind !== "user") throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return next({ ctx: { ...ctx, actor } });
});

/** A signed-in user in the browser (not an API token): token management must not be reachable by tokens. */
export const sessionProcedure = userProcedure.use(({ ctx, next }) => {
  if (ctx.actor.via !== "session") {
    throw new TRPCError({ code: "FORBIDDEN", message: "API tokens cannot manage tokens; sign in instead." });
  }
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** Admins only. */
export const adminProcedure = userProcedure.use(({ ctx, next }) => {
  if (ctx.actor.user.role !== "admin") {
    logger("access").warn(`denied admin procedure to ${describeActor(ctx.actor)}`);
    throw new TRPCError({ code: "FORBIDDEN", message: "Admins only." });
  }
  return next();
});

/** The list contract every table and API list returns. */
export function listOutput<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    perPage: z.number().int(),
    totalItems: z.number().int(),
    totalPages: z.number().int(),
  });
}
