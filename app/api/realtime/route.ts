/**
 * /api/realtime: PocketBase's realtime API (docs/pocketbase.md, "Realtime"). One handler per app instance, like
 * /api/trpc: its rate limiter is this instance's view of the shared counters, its streams this instance's.
 */
import { createRealtimeHandler, REALTIME_PATH } from "@/server/http/pocketbase/realtime";
import { withRequestLog } from "@/server/ops/logging/with-request-log";

export const dynamic = "force-dynamic";

const handler = withRequestLog(REALTIME_PATH, createRealtimeHandler(), {
  procedures: (_url, method) => [method === "POST" ? "realtime.subscribe" : "realtime.connect"],
});

export { handler as GET, handler as OPTIONS, handler as POST };
