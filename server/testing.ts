/** Test helpers: tRPC callers acting as a given actor on a test database. */
import type { Database } from "@/db/client";
import { createCaller } from "./router";
import { createContext } from "./trpc";

export function callers(db: Database) {
  return {
    /** Server-side caller that passes every access rule (seed, jobs). */
    system: createCaller(createContext({ db, actor: { kind: "system", reason: "test" } })),
    anonymous: createCaller(createContext({ db })),
  };
}

/** Resolves to the error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string; fieldErrors: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: string; message: string; cause?: unknown };
    const cause = e.cause as { fieldErrors?: Record<string, string[]>; issues?: { path: PropertyKey[]; message: string }[] } | undefined;
    const fieldErrors: Record<string, string[]> = { ...(cause?.fieldErrors ?? {}) };
    for (const issue of cause?.issues ?? []) {
      const key = issue.path.map(String).join(".") || "_form";
      fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
    }
    return { code: e.code, message: e.message, fieldErrors };
  }
  throw new Error("expected the call to fail, but it succeeded");
}
