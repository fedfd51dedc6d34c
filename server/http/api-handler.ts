/**
 * The /api/trpc request handler: the gate (gate.ts), then the live stream writer or tRPC. `app/api/trpc/[trpc]/route.ts`
 * serves one; tests create more (one per simulated app instance) with their own limiter or limits.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getAvailability, getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { type ActorResolution, resolveActor } from "@/server/auth/actor";
import { logger } from "@/server/core/logging/logger";
import { noteActor, noteFailure } from "@/server/core/logging/request-scope";
import { answerStreamStart } from "@/server/core/realtime/stream-start";
import type { RateLimitConfig } from "@/server/core/resource";
import { liveStream } from "@/server/live-stream";
import { resources } from "@/server/resources";
import { appRouter } from "@/server/router";
import { createContext, createRequestContext, databaseUnavailable as databaseUnavailableError } from "@/server/trpc";
import { createGate, databaseUnavailable, type RequestLimiter } from "./gate";
import { type GateLimits, gateLimitsFromEnv } from "./limits";
import { instanceLiveSlots, LiveSlots, releaseWhenDone } from "./live-slots";
import { SharedRateLimiter } from "./rate-limit";

const ENDPOINT = "/api/trpc";

/** Every subscription's path (`posts.onChange`, `audit.onChange`): the router keeps its procedures flat by path. */
const SUBSCRIPTIONS = new Set(
  Object.entries(appRouter._def.procedures as Record<string, unknown>)
    .filter(([, procedure]) => procedureType(procedure) === "subscription")
    .map(([path]) => path),
);

function procedureType(procedure: unknown): unknown {
  if (typeof procedure !== "function" || !("_def" in procedure)) return undefined;
  const def: unknown = procedure._def;
  return typeof def === "object" && def !== null && "type" in def ? def.type : undefined;
}

export interface ApiHandlerOptions {
  limiter?: RequestLimiter;
  liveSlots?: LiveSlots;
  /** Replaces the environment's limits (tests). */
  limits?: Partial<GateLimits>;
  /** Replaces the registered resources' own rate limits (tests). */
  resourceLimits?: Record<string, RateLimitConfig>;
}

export function createApiHandler(options: ApiHandlerOptions = {}): (req: Request) => Promise<Response> {
  const limits = () => ({ ...gateLimitsFromEnv(), ...options.limits });
  const gate = createGate({
    endpoint: ENDPOINT,
    limits,
    limiter: options.limiter ?? new SharedRateLimiter(getDb),
    // The instance's count, shared with /api/realtime; a test that sets its own cap gets slots of its own.
    liveSlots:
      options.liveSlots ??
      (options.limits?.liveStreamsPerClient === undefined
        ? instanceLiveSlots()
        : new LiveSlots(() => limits().liveStreamsPerClient)),
    resolveCaller: async (headers) => {
      const caller = await resolveActor(getDb(), headers);
      noteActor(caller.actor);
      return caller;
    },
    resourceLimits: (name) => {
      const given = options.resourceLimits;
      if (given) return Object.hasOwn(given, name) ? given[name] : undefined;
      return Object.hasOwn(resources, name) ? resources[name as keyof typeof resources].rateLimit : undefined;
    },
    isSubscription: (path) => SUBSCRIPTIONS.has(path),
    database: getAvailability,
  });
  return async (req) => {
    try {
      return await gate(req, (forward, caller, release) => dispatch(forward, caller, limits().maxBatch, release));
    } catch (error) {
      // The database went away between the gate's check and the request's first query (a live stream's start, the
      // context): the same 503 as the gate's.
      if (!isDatabaseUnavailable(error)) throw error;
      const availability = getAvailability();
      availability.report(error);
      return databaseUnavailable(availability, null);
    }
  };
}

async function dispatch(
  req: Request,
  caller: ActorResolution | null,
  maxBatchSize: number,
  release: (() => void) | undefined,
): Promise<Response> {
  // Live subscriptions take the direct SSE writer (which gives the stream slot back itself, at no cost per message);
  // tRPC answers everything else, and any live request it refuses.
  const live = await liveStream(req, release);
  if (live) return live;
  const db = getDb();
  const response = await fetchRequestHandler({
    endpoint: ENDPOINT,
    req,
    router: appRouter,
    // The gate refuses larger batches first, with a message naming the limit; this is tRPC's own guard behind it.
    maxBatchSize,
    createContext: () =>
      caller
        ? createContext({
            db,
            headers: req.headers,
            actor: caller.actor,
            ...(caller.refused ? { refused: caller.refused } : {}),
          })
        : createRequestContext(db, req.headers).catch((error: unknown) => {
            if (!isDatabaseUnavailable(error)) throw error;
            getAvailability().report(error);
            throw databaseUnavailableError(error);
          }),
    // A 503 (the database could not answer) says when to try again, like the gate's own.
    responseMeta: ({ errors }) =>
      errors.some((e) => e.code === "SERVICE_UNAVAILABLE")
        ? { headers: { "retry-after": String(getAvailability().retryAfterSeconds) } }
        : {},
    onError({ error, path }) {
      // Client errors are the caller's business; only our own failures belong in the server log, and in the request's
      // own line (which the wrapper writes once the answer is ready).
      if (error.code !== "INTERNAL_SERVER_ERROR") return;
      noteFailure(error.cause ?? error);
      logger("trpc").error({ err: error.cause ?? error, procedure: path ?? "?" }, `${path ?? "?"} failed`);
    },
  });
  // Streams tRPC serves itself (audit.onChange, any other subscription) answer a refusal at their start with its own
  // status instead of an error event on a 200 stream, say how soon to reconnect, and give their slot back when done.
  const answered = await answerStreamStart(response);
  return release ? releaseWhenDone(answered, release, req.signal) : answered;
}
