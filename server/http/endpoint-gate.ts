/**
 * The gate (gate.ts) as every API endpoint beside /api/trpc configures it: the environment's limits under the
 * caller's, the shared rate limiter, the caller resolved once and noted for the request log, the database's breaker,
 * and no live streams. An endpoint passes only what is its own: its path, the procedures a request calls, whose
 * resources' limits count, and, for a streaming endpoint, its slots and database.
 */
import { type Database, getAvailability, getDb } from "@/db/client";
import { type ActorResolution, resolveActor } from "@/server/auth/actor";
import { noteActor } from "@/server/core/logging/request-scope";
import type { RateLimitConfig } from "@/server/core/resource";
import type { ProcedureCalls } from "./batch";
import { createGate, type DatabaseState, type RequestLimiter } from "./gate";
import { type GateLimits, gateLimitsFromEnv } from "./limits";
import { LiveSlots } from "./live-slots";
import { SharedRateLimiter } from "./rate-limit";

/** What a caller of an endpoint's factory may replace (tests). */
export interface EndpointGateOptions {
  limiter?: RequestLimiter;
  /** Replaces the environment's limits (tests). */
  limits?: Partial<GateLimits>;
}

export interface EndpointGateSpec {
  endpoint: string;
  calls: (url: URL, req: Request) => ProcedureCalls;
  /** Whose resources' own rate limits count; none: only the API-wide limit does. */
  registry?: Readonly<Record<string, { readonly rateLimit?: RateLimitConfig }>>;
  /** The endpoint's own defaults, under the caller's limits (a batch's size). */
  defaults?: Partial<GateLimits>;
  /** The pool callers are resolved and counted in; the app's by default. */
  db?: () => Database;
  database?: () => DatabaseState;
  /** A streaming endpoint's slots and which of its calls stream; none by default. */
  liveSlots?: LiveSlots;
  isSubscription?: (path: string) => boolean;
}

/** The caller from a request's headers, noted for the request log. */
export function noteCaller(db: () => Database = getDb): (headers: Headers) => Promise<ActorResolution> {
  return async (headers) => {
    const caller = await resolveActor(db(), headers);
    noteActor(caller.actor);
    return caller;
  };
}

/** The limits an endpoint's gate applies, for the endpoint's own checks under the same numbers. */
export function endpointLimits(
  spec: Pick<EndpointGateSpec, "defaults">,
  options: EndpointGateOptions,
): () => GateLimits {
  return () => ({ ...gateLimitsFromEnv(), ...spec.defaults, ...options.limits });
}

export function createEndpointGate(spec: EndpointGateSpec, options: EndpointGateOptions = {}) {
  const db = spec.db ?? getDb;
  const { registry } = spec;
  return createGate({
    endpoint: spec.endpoint,
    calls: spec.calls,
    limits: endpointLimits(spec, options),
    limiter: options.limiter ?? new SharedRateLimiter(db),
    liveSlots: spec.liveSlots ?? new LiveSlots(() => 0),
    resolveCaller: noteCaller(db),
    resourceLimits: (name) => (registry && Object.hasOwn(registry, name) ? registry[name]?.rateLimit : undefined),
    isSubscription: spec.isSubscription ?? (() => false),
    database: spec.database ?? getAvailability,
  });
}
