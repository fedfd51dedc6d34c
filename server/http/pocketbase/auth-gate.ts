/**
 * The gate in front of the auth endpoints (`/api/collections/<name>/<action>`), the one every other API passes
 * (server/http/gate.ts): a CORS preflight answered for ALLOWED_ORIGINS, URL and body size, the Origin rule, CORS
 * headers on the answer, the database's breaker, the caller, and the API-wide rate limit (per user when signed in,
 * else per IP) counted against `users.<action>`, the name the request log gives it. An anonymous caller passes, as
 * signing in needs. The sign-in and mail limits per address and per IP are the auth code's own and are counted
 * inside, after this. Refusals are in PocketBase's shape (gate-refusal.ts).
 */
import { getAvailability, getDb } from "@/db/client";
import { resolveActor } from "@/server/auth/actor";
import { noteActor } from "@/server/core/logging/request-scope";
import { createGate, type RequestLimiter } from "../gate";
import { type GateLimits, gateLimitsFromEnv } from "../limits";
import { LiveSlots } from "../live-slots";
import { SharedRateLimiter } from "../rate-limit";
import { pocketBaseAuth } from "./auth";
import { behindGate } from "./gate-refusal";

export interface PocketBaseGateOptions {
  limiter?: RequestLimiter;
  /** Replaces the environment's limits (tests). */
  limits?: Partial<GateLimits>;
}

/** Answers one auth request (`collection`, `action` from its path); create once per app instance, like its limiter. */
export type PocketBaseAuthHandler = (req: Request, collection: string, action: string) => Promise<Response>;

export function createPocketBaseAuthHandler(options: PocketBaseGateOptions = {}): PocketBaseAuthHandler {
  const names = new WeakMap<Request, string>();
  const gate = createGate({
    endpoint: "/api/collections",
    calls: (_url, req) => {
      const name = names.get(req);
      return { paths: name ? [name] : [], batch: false };
    },
    limits: () => ({ ...gateLimitsFromEnv(), ...options.limits }),
    limiter: options.limiter ?? new SharedRateLimiter(getDb),
    liveSlots: new LiveSlots(() => 0),
    resolveCaller: async (headers) => {
      const caller = await resolveActor(getDb(), headers);
      noteActor(caller.actor);
      return caller;
    },
    // The actions are no resource procedures, so no resource's `rateLimit` names them: only the API-wide limit counts.
    resourceLimits: () => undefined,
    isSubscription: () => false,
    database: getAvailability,
  });

  return (req, collection, action) => {
    names.set(req, `${collection}.${action}`);
    return behindGate(gate, req, (forward, caller) => pocketBaseAuth(forward, collection, action, caller));
  };
}
