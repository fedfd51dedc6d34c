/**
 * The gate in front of the auth endpoints (`/api/collections/<name>/<action>`), the one every other API passes
 * (server/http/gate.ts): a CORS preflight answered for ALLOWED_ORIGINS, URL and body size, the Origin rule, CORS
 * headers on the answer, the database's breaker, the caller, and the API-wide rate limit (per user when signed in,
 * else per IP) counted against `users.<action>`, the name the request log gives it. An anonymous caller passes, as
 * signing in needs. The sign-in and mail limits per address and per IP are the auth code's own and are counted
 * inside, after this. Refusals are in PocketBase's shape (gate-refusal.ts).
 */
import { createEndpointGate, type EndpointGateOptions } from "../endpoint-gate";
import { pocketBaseAuth } from "./auth";
import { behindGate } from "./gate-refusal";

export type PocketBaseGateOptions = EndpointGateOptions;

/** Answers one auth request (`collection`, `action` from its path); create once per app instance, like its limiter. */
export type PocketBaseAuthHandler = (req: Request, collection: string, action: string) => Promise<Response>;

export function createPocketBaseAuthHandler(options: PocketBaseGateOptions = {}): PocketBaseAuthHandler {
  const names = new WeakMap<Request, string>();
  // The actions are no resource procedures, so no registry: only the API-wide limit counts.
  const gate = createEndpointGate(
    {
      endpoint: "/api/collections",
      calls: (_url, req) => {
        const name = names.get(req);
        return { paths: name ? [name] : [], batch: false };
      },
    },
    options,
  );

  return (req, collection, action) => {
    names.set(req, `${collection}.${action}`);
    return behindGate(gate, req, (forward, caller) => pocketBaseAuth(forward, collection, action, caller));
  };
}
