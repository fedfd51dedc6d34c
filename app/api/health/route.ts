import { getAvailability } from "@/db/client";
import { checkHealth } from "@/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  const ok = health.status === "ok";
  return Response.json(health, {
    status: ok ? 200 : 503,
    headers: {
      "cache-control": "no-store",
      ...(ok ? {} : { "retry-after": String(getAvailability().retryAfterSeconds) }),
    },
  });
}
