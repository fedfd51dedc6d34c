import { checkHealth } from "@/server/health";
import { withHsts } from "@/server/http/hsts";

export const dynamic = "force-dynamic";

export async function GET(req?: Request) {
  const health = await checkHealth();
  const response = Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
  return req ? withHsts(response, req.headers) : response;
}
