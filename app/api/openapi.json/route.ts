/**
 * GET /api/openapi.json: the REST API's OpenAPI 3.1 document as this caller may use it (docs/rest.md). Per caller,
 * because a complete document would name what the policies hide (a resource, a field, an action); a generator run
 * with an admin's API token (`Authorization: Bearer ...`) gets the whole API the admin has.
 */
import { getAvailability, getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { resolveActor } from "@/server/auth/actor";
import { noteActor } from "@/server/core/logging/request-scope";
import { openApiDocument } from "@/server/core/rest/openapi";
import { REST_PREFIX, restError } from "@/server/http/rest/handler";
import { withRequestLog } from "@/server/ops/logging/with-request-log";
import { resources } from "@/server/resources";

export const dynamic = "force-dynamic";

export const GET = withRequestLog("/api/openapi.json", async (req: Request) => {
  const availability = getAvailability();
  if (availability.isDown) return unavailable(availability.retryAfterSeconds);
  let caller: Awaited<ReturnType<typeof resolveActor>>;
  try {
    caller = await resolveActor(getDb(), req.headers);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    availability.report(error);
    return unavailable(availability.retryAfterSeconds);
  }
  noteActor(caller.actor);
  if (caller.refused) return restError(401, "UNAUTHORIZED", caller.refused);
  const origin = new URL(req.url).origin;
  const document = openApiDocument(resources, caller.actor, { serverUrl: `${origin}${REST_PREFIX}` });
  return Response.json(document, {
    // Per caller: never shared by a cache between callers.
    headers: { "cache-control": "private, no-store", vary: "cookie, authorization" },
  });
});

function unavailable(retryAfter: number): Response {
  return restError(503, "SERVICE_UNAVAILABLE", "The database is not answering; try again shortly.", {
    headers: { "retry-after": String(retryAfter) },
  });
}
