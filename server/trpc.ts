/**
 * The one tRPC setup file: initTRPC, the request context, the error formatter, and the procedures the app uses.
 * Edit it to add a context field or a named middleware; routers never call initTRPC themselves.
 */
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Database } from "@/db/client";

/** Who is calling. Sessions and API tokens arrive with the auth issue; until then HTTP callers are anonymous. */
export type Actor = { kind: "anonymous" } | { kind: "system"; reason: string };

export interface Context {
  db: Database;
  actor: Actor;
  headers: Headers;
}

/** Builds the context. The HTTP handler and server components pass the request headers and the shared pool. */
export function createContext(opts: { db: Database; headers?: Headers; actor?: Actor }): Context {
  return { db: opts.db, headers: opts.headers ?? new Headers(), actor: opts.actor ?? { kind: "anonymous" } };
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

/** Open to everyone, including anonymous callers. */
export const publicProcedure = t.procedure;

/**
 * Server-side callers only (seed, jobs, tests). Over HTTP nobody is `system`, so these are denied there.
 * Replaced by role-based procedures once sign-in exists.
 */
export const systemProcedure = t.procedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== "system") throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign-in required." });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
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
