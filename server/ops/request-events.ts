/**
 * The seam between the request log (server/ops/logging) and the metrics (server/ops/metrics): the HTTP wrapper reports
 * every finished request here once, and each consumer subscribes. Kept on globalThis because Next may evaluate this
 * module once per separately bundled route, and the metrics route must see the requests the tRPC route answered.
 */

/** One answered HTTP request, as the request log and the metrics see it. */
export interface FinishedRequest {
  /** The `X-Request-Id` the request's audit entries carry. */
  requestId: string;
  /** When the request arrived. */
  at: Date;
  method: string;
  /** The route as a pattern (`/api/trpc`, `/api/files/[...path]`), never the raw URL. */
  route: string;
  /** The tRPC procedures of the request (several for a batch); empty for other routes. */
  procedures: string[];
  status: number;
  /** Until the response's headers were ready (a stream's body may run on for minutes). */
  durationMs: number;
  actorId: string | null;
  ip: string | null;
  userAgent: string | null;
  /** A server-side failure's message (never the client's business). */
  error: string | null;
}

type Listener = (request: FinishedRequest) => void;

const state = globalThis as unknown as { atriumRequestListeners?: Set<Listener> };
state.atriumRequestListeners ??= new Set<Listener>();
const listeners = state.atriumRequestListeners;

/** Subscribes to every finished request of this process; returns the unsubscribe. */
export function onRequestFinished(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reports a finished request. A listener that throws never affects the request or the other listeners. */
export function requestFinished(request: FinishedRequest): void {
  for (const listener of listeners) {
    try {
      listener(request);
    } catch {
      // A consumer's bug must not fail the response; the consumer logs its own failures.
    }
  }
}
