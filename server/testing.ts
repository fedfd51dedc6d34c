/** Test helpers: tRPC callers acting as a given actor on a test database. */

import { ZodError } from "zod";
import type { Database } from "@/db/client";
import type { User } from "./core";
import { createCaller } from "./router";
import { createContext, FieldError, zodFieldErrors } from "./trpc";

export function callers(db: Database) {
  return {
    /** Server-side caller that passes every access rule (seed, jobs). */
    system: createCaller(createContext({ db, actor: { kind: "system", reason: "test" } })),
    anonymous: createCaller(createContext({ db })),
    /** A signed-in user, as a browser session would present them (the HTTP matrix test covers real sessions). */
    as: (user: User) => createCaller(createContext({ db, actor: { kind: "user", user, via: "session" } })),
  };
}

/** Resolves to the error a promise rejects with (fails the test if it resolves). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; fieldErrors: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: string; message: string; cause?: unknown };
    const cause = e.cause;
    const fieldErrors =
      cause instanceof ZodError ? zodFieldErrors(cause) : cause instanceof FieldError ? cause.fieldErrors : {};
    return { code: e.code, message: e.message, fieldErrors };
  }
  throw new Error("expected the call to fail, but it succeeded");
}
