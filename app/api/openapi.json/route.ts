/**
 * GET /api/openapi.json: the REST API's OpenAPI 3.1 document as the caller may use it (server/http/rest/
 * openapi-handler.ts, docs/rest.md). One handler per app instance, like /api/v1: its rate limiter is this instance's
 * view of the shared counters.
 */
import { createOpenApiHandler, OPENAPI_PATH } from "@/server/http/rest/openapi-handler";
import { withRequestLog } from "@/server/ops/logging/with-request-log";

export const dynamic = "force-dynamic";

const handler = withRequestLog(OPENAPI_PATH, createOpenApiHandler());

export { handler as GET, handler as OPTIONS };
