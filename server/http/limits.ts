/** The HTTP gate's limits, from the environment (env.ts documents each variable and its default). */
import { env } from "@/env";

export interface GateLimits {
  maxBatch: number;
  maxUrlBytes: number;
  bodyLimitBytes: number;
  perIp: number;
  perUser: number;
  /** The window of the API-wide limits: per minute. */
  windowSeconds: number;
  liveStreamsPerClient: number;
  allowedOrigins: readonly string[];
}

export function gateLimitsFromEnv(): GateLimits {
  const e = env();
  return {
    maxBatch: e.TRPC_MAX_BATCH,
    maxUrlBytes: e.API_MAX_URL_BYTES,
    bodyLimitBytes: e.API_BODY_LIMIT_BYTES,
    perIp: e.API_RATE_LIMIT_PER_IP,
    perUser: e.API_RATE_LIMIT_PER_USER,
    windowSeconds: 60,
    liveStreamsPerClient: e.LIVE_STREAMS_PER_CLIENT,
    allowedOrigins: e.ALLOWED_ORIGINS,
  };
}
