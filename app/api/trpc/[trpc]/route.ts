/**
 * /api/trpc: the gate (batch, size, origin, CORS, rate limits, live stream cap; server/http/gate.ts), then live
 * streams or tRPC. One handler per app instance, so its limiter and live stream counts are this instance's.
 */
import { createApiHandler } from "@/server/http/api-handler";
import { trpcProcedures, withRequestLog } from "@/server/ops/logging/with-request-log";

const handler = withRequestLog("/api/trpc", createApiHandler(), { procedures: trpcProcedures("/api/trpc") });

export { handler as GET, handler as OPTIONS, handler as POST };
