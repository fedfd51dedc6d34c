/**
 * The one tRPC setup file: initTRPC, the request context, the error formatter, and the procedures the app uses.
 * Edit it to add a context field or a named middleware; routers never call initTRPC themselves.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Database } from "@/db/client";
import { resolveActor } from "./auth/actor";
import { type Actor, describeActor } from "./core/actor";
import { LIVE_SSE } from "./core/realtime/config";

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
  return {
    db: opts.db,
    headers,
    requestId: given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID(),
    actor: opts.actor ?? { kind: "anonymous" },
    ...(opts.refused ? { refused: opts.refused } : {}),
  };
}

/** The context of an HTTP request or a server component: the caller comes from its session cookie or API token. */
export async function createRequestContext(db: Database, headers: Headers): Promise<Context> {
  const { actor, refused } = await resolveActor(db, headers);
  return createContext({ db, headers, actor, ...(refused ? { refused } : {}) });
}

/** Field errors keyed by dotted path, the shape forms consume: `{ title: ["Too short"] }`. */
export type FieldErrors = Record<string, string[]>;

export function zodFieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  const add = (path: PropertyKey[], message: string) => {
    // Keyed by record field: `update({ id, data: { title } })` reports "title", like create and like the
    // database-derived errors do; batch items keep their index ("items.3.title").
    const relative = path[0] === "data" ? path.slice(1) : path;
    const key = relative.length > 0 ? relative.map(String).join(".") : "_form";
    out[key] = [...(out[key] ?? []), message];
  };
  for (const issue of error.issues) {
    // A field the caller may not set is reported on that field, not as an anonymous form error.
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add([...issue.path, key], `${key} cannot be set here`);
    } else add(issue.path, issue.message);
  }
  return out;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Live subscriptions over SSE: pings, the client's inactivity timeout and a bounded stream length (see config).
  sse: LIVE_SSE,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fieldErrors =
      error.code === "BAD_REQUEST" && cause instanceof ZodError
        ? zodFieldErrors(cause)
        : cause instanceof FieldError
          ? cause.fieldErrors
          : null;
    // Never ship stack traces or internal messages to clients; the server log keeps them.
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      message: internal ? "Something went wrong on our side." : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors,
      },
    };
  },
});

/** A typed error that carries per-field messages, for failures that are not zod's (e.g. a unique slug). */
export class FieldError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors,
  ) {
    super(message);
    this.name = "FieldError";
  }
}

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Refuses requests whose credentials were recognised but must not be used (blocked user, expired token). */
const refuseRejectedCredentials = t.middleware(({ ctx, next }) => {
  if (ctx.refused) throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.refused });
  return next();
});

/** Read-only API tokens may call queries and subscriptions (reads), never mutations. */
const refuseReadOnlyTokenWrites = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && ctx.actor.kind === "user" && ctx.actor.via === "token" && ctx.actor.scope === "read") {
    console.warn(`[access] denied ${type} for read-only token ${describeActor(ctx.actor)}`);
    throw new TRPCError({ code: "FORBIDDEN", message: "This API token is read-only." });
  }
  return next();
});

/** Open to everyone, including anonymous callers; what they may do is up to the resource rules. */
export const publicProcedure = t.procedure.use(refuseRejectedCredentials).use(refuseReadOnlyTokenWrites);

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
    console.warn(`[access] denied admin procedure to ${describeActor(ctx.actor)}`);
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
