/**
 * `/api/realtime`, PocketBase's realtime API (docs/pocketbase.md, "Realtime"), served from Atrium's live updates:
 * `GET` opens a client's event stream (`PB_CONNECT` with its id, then `{ action, record }` per change on each
 * topic), `POST { clientId, subscriptions }` sets its topics and its auth. Both pass the same HTTP gate as /api/trpc
 * (size, origin, CORS, database, rate limits), and every stream takes a slot under the same per-client cap as tRPC's
 * live streams (`instanceLiveSlots`). Events come from the instance's one live listener, filtered per topic by the
 * engine's rules for the client's user; a POST that reaches another instance than the stream's is handed over
 * through PostgreSQL (realtime-store.ts).
 */
import { availabilityOf, type Database, getAvailability, getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { type ActorResolution, resolveActor } from "@/server/auth/actor";
import { clientIp } from "@/server/auth/client-ip";
import { resources } from "@/server/resources";
import { createEndpointGate, type EndpointGateOptions } from "../endpoint-gate";
import { instanceLiveSlots, type LiveSlots } from "../live-slots";
import { pocketBaseError } from "./errors";
import { pocketBaseGateRefusal } from "./gate-refusal";
import { CLIENTS_RETRY_AFTER_SECONDS } from "./realtime-config";
import { hubFor } from "./realtime-hub";
import { setSubscriptions } from "./realtime-post";
import type { Registry } from "./realtime-topics";

export const REALTIME_PATH = "/api/realtime";

/** The name the gate counts realtime requests under (no resource has it, so only the API-wide limit applies). */
const CALL = "realtime";

export interface RealtimeHandlerOptions extends EndpointGateOptions {
  /** This instance's pool (tests simulate a second instance with a second pool); the app's by default. */
  database?: Database;
  /** The per-client stream slots; the instance's, shared with /api/trpc, by default. */
  liveSlots?: LiveSlots;
  /** Streams this instance keeps open at once (the first handler of a pool sets it). */
  maxClients?: number;
  registry?: Registry;
}

export function createRealtimeHandler(options: RealtimeHandlerOptions = {}): (req: Request) => Promise<Response> {
  const db = () => options.database ?? getDb();
  const availability = () => (options.database && availabilityOf(options.database)) || getAvailability();
  const registry: Registry = options.registry ?? resources;
  const gate = createEndpointGate(
    {
      endpoint: REALTIME_PATH,
      calls: () => ({ paths: [CALL], batch: false }),
      db,
      database: availability,
      liveSlots: options.liveSlots ?? instanceLiveSlots(),
      // Only a GET takes a slot (the gate asks for GETs only): the event stream.
      isSubscription: (path) => path === CALL,
    },
    options,
  );

  async function dispatch(req: Request, caller: ActorResolution | null, release?: () => void): Promise<Response> {
    const database = db();
    const hub = hubFor(database, options.maxClients);
    if (req.method === "GET") {
      const done = release ?? (() => {});
      let client: Awaited<ReturnType<typeof hub.connect>>;
      try {
        client = await hub.connect({ ip: clientIp(req.headers), signal: req.signal, registry, onClose: done });
      } catch (error) {
        done();
        throw error;
      }
      if (client !== "full") return client.response;
      done();
      return pocketBaseError(
        503,
        "This server holds as many realtime connections as it may; retry shortly.",
        {},
        {
          "retry-after": String(CLIENTS_RETRY_AFTER_SECONDS),
        },
      );
    }
    if (req.method !== "POST")
      return pocketBaseError(405, "Use GET to connect and POST to subscribe.", {}, { allow: "GET, POST" });
    const resolved = caller ?? (await resolveActor(database, req.headers));
    return setSubscriptions(req, resolved, { db: database, hub, registry });
  }

  return async (req) => {
    let answered = false;
    try {
      const answer = await gate(req, (forward, caller, release) => {
        answered = true;
        return dispatch(forward, caller, release);
      });
      // The gate's own refusals are in tRPC's error shape; PocketBase clients read theirs.
      return answered || req.method === "OPTIONS" ? answer : await pocketBaseGateRefusal(answer);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const breaker = availability();
      breaker.report(error);
      return pocketBaseError(
        503,
        "The database is not answering; try again shortly.",
        {},
        {
          "retry-after": String(breaker.retryAfterSeconds),
        },
      );
    }
  };
}
