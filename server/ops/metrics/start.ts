/**
 * The metrics of a Next server process (docs/operations-metrics.md), started at boot by instrumentation.ts: the
 * registry subscribes to requests and queries at once, and the sampler writes this instance's row every minute. Its
 * timer is unref'd, so it never holds a shutdown; `stopSampler` stops it where a process stops serving but lives on.
 */
import "server-only";
import { getDb } from "@/db/client";
import { metricsFromEnv } from "@/env";
import { logger } from "@/server/core/logging/logger";
import { appMetrics } from "./registry";
import { startSampler } from "./sampler";

export function startMetrics(): void {
  const { METRICS_SAMPLE_SECONDS } = metricsFromEnv();
  startSampler({
    db: getDb,
    metrics: appMetrics,
    everyMs: METRICS_SAMPLE_SECONDS * 1000,
    log: (message) => logger("metrics").warn(message),
  });
}
