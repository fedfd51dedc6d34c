import { getAvailability } from "@/db/client";
import { checkHealth } from "@/server/health";
import { withRequestLog } from "@/server/ops/logging/with-request-log";

export const dynamic = "force-dynamic";

const answer = withRequestLog("/api/health", async () => {
  const health = await checkHealth();
  const ok = health.status === "ok";
  return Response.json(health, {
    status: ok ? 200 : 503,
    headers: {
      "cache-control": "no-store",
      ...(ok ? {} : { "retry-after": String(getAvailability().retryAfterSeconds) }),
    },
  });
});

/** In-process callers (the resilience harness, the API fuzz) may ask without a request of their own. */
export function GET(req: Request = new Request("http://localhost/api/health")): Promise<Response> {
  return answer(req);
}
