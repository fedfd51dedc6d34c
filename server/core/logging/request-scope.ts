/**
 * What the request wrapper (with-request-log.ts) learns while its handler runs: the request id (stamped on every log
 * line of the request), the caller once the gate or the context has resolved it, and a server-side failure that the
 * handler answered itself (tRPC turns a throw into a 500 body; the wrapper would otherwise see only the status).
 * AsyncLocalStorage carries it through every await of the request without passing it by hand.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Actor } from "@/server/core/actor";

export interface RequestScope {
  readonly requestId: string;
  actorId: string | null;
  failure: unknown;
}

// On globalThis: Next may evaluate this module once per route bundle, and the tRPC context must find the scope the
// wrapper of the same request opened.
const state = globalThis as unknown as { atriumRequestScope?: AsyncLocalStorage<RequestScope> };
state.atriumRequestScope ??= new AsyncLocalStorage<RequestScope>();
const storage = state.atriumRequestScope;

export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The scope of the request this code runs for; undefined outside a wrapped request (jobs, pages, scripts). */
export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}

/** Records who is calling, for the request's log line; anonymous and system callers stay null. */
export function noteActor(actor: Actor | null | undefined): void {
  const scope = storage.getStore();
  if (scope && actor?.kind === "user") scope.actorId = actor.user.id;
}

/** Records a server-side failure the handler answered itself (a 500 it rendered), for the request's log line. */
export function noteFailure(error: unknown): void {
  const scope = storage.getStore();
  if (scope && scope.failure === null) scope.failure = error;
}
