/**
 * /api/v1: the REST API (docs/rest.md). One handler per app instance, like /api/trpc: its rate limiter is this
 * instance's view of the shared counters.
 */
import { createRestHandler, REST_PREFIX } from "@/server/http/rest/handler";
import { restProcedures } from "@/server/http/rest/log-names";
import { withRequestLog } from "@/server/ops/logging/with-request-log";

const handler = withRequestLog(REST_PREFIX, createRestHandler(), { procedures: restProcedures });

export { handler as DELETE, handler as GET, handler as OPTIONS, handler as PATCH, handler as POST };
