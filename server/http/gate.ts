/**
 * The HTTP gate in front of the tRPC endpoint: everything a request must pass before any procedure runs, cheapest
 * first, so a refused request costs little. In order: CORS preflight, URL length, batch size, the Origin rule, the
 * declared body size, the database (down: 503 at once), the caller (resolved once and handed on), the rate limits,
 * the live stream cap, then the body read under its limit. Every refusal is in tRPC's error shape with one plain
 * sentence (see refusal.ts); all are 4xx but the database's 503.
 */
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/db/unavailable";
import type { ActorResolution } from "@/server/auth/actor";
import { clientIp } from "@/server/auth/client-ip";
import type { RateLimitConfig, RateLimitSpec, ResourceProcedure } from "@/server/core/resource";
import { type ProcedureCalls, procedureCalls, requestTargetBytes } from "./batch";
import { declaresTooLarge, readBodyWithin, withBody } from "./body-limit";
import { preflightResponse, withCors } from "./cors";
import { keyedBatchRefusal } from "./keyed-batch";
import type { GateLimits } from "./limits";
import type { LiveSlots } from "./live-slots";
import { crossSiteRefusal } from "./origin";
import type { LimitDecision, LimitRule } from "./rate-limit";
import { refusal } from "./refusal";

export interface GateOptions {
  /** Where the tRPC endpoint is mounted, e.g. "/api/trpc". */
  endpoint: string;
  /**
   * The procedures a request calls, whose limits it counts against; by default read from a tRPC URL under
   * `endpoint`. The REST API names its one procedure from its own path (server/http/rest).
   */
  calls?: (url: URL, req: Request) => ProcedureCalls;
  limits: () => GateLimits;
  limiter: RequestLimiter;
  liveSlots: LiveSlots;
  /** Who is calling; the result is handed to `dispatch`, so it is resolved once per request. */
  resolveCaller: (headers: Headers) => Promise<ActorResolution>;
  /** A resource's own per-procedure limits (`defineResource(..., { rateLimit })`). */
  resourceLimits: (resource: string) => RateLimitConfig | undefined;
  /** Whether a procedure path is a subscription (a live stream). */
  isSubscription: (path: string) => boolean;
  /** The database's circuit breaker (db/availability.ts). */
  database: () => DatabaseState;
}

/** What the gate needs of the circuit breaker. */
export interface DatabaseState {
  readonly isDown: boolean;
  readonly retryAfterSeconds: number;
  report(error: unknown): void;
}

/** Counts a request's hits against its rules; SharedRateLimiter in the app. */
export interface RequestLimiter {
  check(rules: LimitRule[]): Promise<LimitDecision>;
}

/**
 * Runs the request once it has passed the gate; `caller` is null when resolving it failed (let tRPC try again). A live
 * stream comes with `release`, its slot under the per-client cap, which `dispatch` must call once the stream is over
 * (`releaseWhenDone` does it for any response; the direct SSE writer calls it itself, at no cost per message).
 */
export type Dispatch = (req: Request, caller: ActorResolution | null, release?: () => void) => Promise<Response>;

/** Seconds a client over its live stream cap is told to wait: long enough for one of its streams to end. */
const LIVE_RETRY_AFTER = 10;

export function createGate(options: GateOptions) {
  return async function gate(req: Request, dispatch: Dispatch): Promise<Response> {
    const limits = options.limits();
    const allowed = limits.allowedOrigins;
    if (req.method === "OPTIONS") return preflightResponse(req, allowed);
    const answer = await pass(req, limits, dispatch);
    return withCors(answer, req, allowed);
  };

  async function pass(req: Request, limits: GateLimits, dispatch: Dispatch): Promise<Response> {
    const url = new URL(req.url);
    if (requestTargetBytes(url) > limits.maxUrlBytes) {
      return refusal(414, "BAD_REQUEST", `The request URL is longer than ${limits.maxUrlBytes} bytes.`);
    }
    const calls = options.calls ? options.calls(url, req) : procedureCalls(url, options.endpoint);
    const path = calls.batch ? null : (calls.paths[0] ?? null);
    if (calls.batch && calls.paths.length > limits.maxBatch) {
      const message = `A batch may hold at most ${limits.maxBatch} calls; this one has ${calls.paths.length}.`;
      return refusal(400, "BAD_REQUEST", message);
    }
    const keyedBatch = keyedBatchRefusal(req, calls);
    if (keyedBatch) return keyedBatch;
    const foreign = crossSiteRefusal(req, limits.allowedOrigins);
    if (foreign) return refusal(403, "FORBIDDEN", foreign, { path });
    if (declaresTooLarge(req.headers, limits.bodyLimitBytes)) return tooLarge(limits, path);
    const database = options.database();
    if (database.isDown) return databaseUnavailable(database, path);

    const caller = await options.resolveCaller(req.headers).catch((error: unknown) => {
      database.report(error);
      return null;
    });
    const client = callerKey(req, caller);
    const decision = await options.limiter.check(rateRules(calls, client, caller !== null && isUser(caller), limits));
    if (!decision.allowed) {
      return refusal(429, "TOO_MANY_REQUESTS", `Too many requests; retry in ${decision.retryAfter} s.`, {
        path,
        retryAfter: decision.retryAfter,
      });
    }

    const live = req.method === "GET" && path !== null && options.isSubscription(path);
    const release = live ? options.liveSlots.acquire(client) : undefined;
    if (release === null) {
      const message = `Too many live streams open (at most ${limits.liveStreamsPerClient}); close one or retry in ${LIVE_RETRY_AFTER} s.`;
      return refusal(429, "TOO_MANY_REQUESTS", message, { path, retryAfter: LIVE_RETRY_AFTER });
    }

    let forward = req;
    if (req.body) {
      const read = await readBodyWithin(req, limits.bodyLimitBytes);
      if (!read.ok) return tooLarge(limits, path);
      forward = withBody(req, read.body);
    }
    if (!release) return dispatch(forward, caller);
    try {
      return await dispatch(forward, caller, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  /**
   * The rules one request counts against: the caller's API-wide limit (per user when signed in, else per IP), and the
   * per-procedure limits of the procedures it calls. A batch costs one hit per call.
   */
  function rateRules(calls: ProcedureCalls, client: string, signedIn: boolean, limits: GateLimits): LimitRule[] {
    const rules = new Map<string, LimitRule>();
    const key = `api:${client}`;
    const limit = signedIn ? limits.perUser : limits.perIp;
    rules.set(key, { key, limit, windowSeconds: limits.windowSeconds, cost: Math.max(1, calls.paths.length) });
    for (const path of calls.paths) {
      const spec = procedureLimit(path);
      if (!spec) continue;
      const key = `api:${path}:${client}`;
      const rule = rules.get(key);
      if (rule) rule.cost += 1;
      else rules.set(key, { key, limit: spec.limit, windowSeconds: spec.windowSeconds, cost: 1 });
    }
    return [...rules.values()];
  }

  /** `posts.create` -> posts' `rateLimit.create`, if it has one (own keys only: `constructor` is not a procedure). */
  function procedureLimit(path: string): RateLimitSpec | undefined {
    const dot = path.lastIndexOf(".");
    if (dot <= 0) return undefined;
    const config = options.resourceLimits(path.slice(0, dot));
    const procedure = path.slice(dot + 1);
    return config && Object.hasOwn(config, procedure) ? config[procedure as ResourceProcedure] : undefined;
  }
}

/** The database cannot answer: say so, and when to try again, without touching it. */
export function databaseUnavailable(database: DatabaseState, path: string | null): Response {
  return refusal(503, "SERVICE_UNAVAILABLE", DATABASE_UNAVAILABLE_MESSAGE, {
    path,
    retryAfter: database.retryAfterSeconds,
  });
}

function tooLarge(limits: GateLimits, path: string | null): Response {
  return refusal(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${limits.bodyLimitBytes} bytes.`, { path });
}

function isUser(caller: ActorResolution): boolean {
  return caller.actor.kind === "user";
}

/** Whom the limits count: the signed-in user (a session or any of their API tokens), else the client IP. */
function callerKey(req: Request, caller: ActorResolution | null): string {
  if (caller?.actor.kind === "user") return `user:${caller.actor.user.id}`;
  return `ip:${clientIp(req.headers)}`;
}
