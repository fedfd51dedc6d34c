/**
 * /api/metrics: this instance's figures in Prometheus's text format (docs/operations-metrics.md), for a scraper with
 * METRICS_TOKEN or from METRICS_ALLOW; everyone else is refused before anything is collected. Logged like every API
 * route, so refused scrapes show in the request log (and scrapes count under the route `/api/metrics`).
 */
import { env, metricsFromEnv } from "@/env";
import { clientIp } from "@/server/auth/client-ip";
import { withRequestLog } from "@/server/ops/logging/with-request-log";
import { checkMetricsAccess } from "@/server/ops/metrics/access";
import { appMetrics } from "@/server/ops/metrics/registry";

export const dynamic = "force-dynamic";

export const GET = withRequestLog("/api/metrics", async (req: Request): Promise<Response> => {
  const config = metricsFromEnv();
  const access = checkMetricsAccess(
    { token: config.METRICS_TOKEN, allow: config.METRICS_ALLOW, development: env().NODE_ENV === "development" },
    { authorization: req.headers.get("authorization"), ip: clientIp(req.headers) },
  );
  if (!access.ok) {
    return new Response(`${access.message}\n`, {
      status: access.status,
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-store",
        ...(access.challenge ? { "www-authenticate": 'Bearer realm="metrics"' } : {}),
      },
    });
  }
  const { registry } = appMetrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
});
