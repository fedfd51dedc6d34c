/**
 * GET /api/openapi.json: the REST API's OpenAPI 3.1 document as this caller may use it (docs/rest.md). Per caller,
 * because a complete document would name what the policies hide (a resource, a field, an action); a generator run
 * with an admin's API token (`Authorization: Bearer ...`) gets the whole API the admin has. Behind the same gate as
 * /api/v1 (rest-gate.ts), counted against the API-wide rate limit only: it calls no procedure.
 */
import { getAvailability, getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { type ActorResolution, resolveActor } from "@/server/auth/actor";
import { noteActor } from "@/server/core/logging/request-scope";
import { openApiDocument } from "@/server/core/rest/openapi";
import { resources } from "@/server/resources";
import { databaseUnavailable, restError } from "./errors";
import { REST_PREFIX } from "./handler";
import { createRestGate, type RestGateOptions } from "./rest-gate";

export const OPENAPI_PATH = "/api/openapi.json";

export function createOpenApiHandler(options: RestGateOptions = {}): (req: Request) => Promise<Response> {
  const gate = createRestGate(OPENAPI_PATH, options);
  return (req) =>
    gate(req, [], async (forward, given) => {
      const caller = given ?? (await resolveAgain(forward));
      if (caller instanceof Response) return caller;
      if (caller.refused) return restError(401, "UNAUTHORIZED", caller.refused);
      const origin = new URL(forward.url).origin;
      const document = openApiDocument(resources, caller.actor, { serverUrl: `${origin}${REST_PREFIX}` });
      return Response.json(document, {
        // Per caller: never shared by a cache between callers.
        headers: { "cache-control": "private, no-store", vary: "cookie, authorization" },
      });
    });
}

/**
 * The gate hands on no caller when resolving it failed (and told the breaker): one more try, as tRPC's context makes,
 * so a database that is down is a 503 and anything else the wrapper's 500.
 */
async function resolveAgain(req: Request): Promise<ActorResolution | Response> {
  try {
    const caller = await resolveActor(getDb(), req.headers);
    noteActor(caller.actor);
    return caller;
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    const availability = getAvailability();
    availability.report(error);
    return databaseUnavailable(availability.retryAfterSeconds);
  }
}
