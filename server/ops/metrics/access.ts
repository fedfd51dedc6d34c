/**
 * Who may read /api/metrics (docs/operations-metrics.md). Denied unless configured: METRICS_TOKEN (a Bearer token,
 * compared in constant time) and/or METRICS_ALLOW (addresses and networks); with both set, a scrape needs both.
 * With neither, only `next dev` answers, and only to loopback, so a developer can look at the page on their machine.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { inNetworks, isIP, type Network } from "@/server/core/webhooks/address";

export interface MetricsAccessConfig {
  token: string | undefined;
  allow: readonly Network[];
  development: boolean;
}

export type MetricsAccess = { ok: true } | { ok: false; status: 401 | 403; message: string; challenge: boolean };

const LOOPBACK = ["127.0.0.1", "::1", "::ffff:127.0.0.1"];

/** Equal-length digests, so the comparison takes the same time whatever the token's length or first difference. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function bearer(authorization: string | null): string | null {
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization?.trim() ?? "");
  return match?.[1] ?? null;
}

/**
 * The decision for one scrape. `ip` is the client address as the app's proxy setting reads it (client-ip.ts); a
 * refusal says only what is missing, never what is configured or expected.
 */
export function checkMetricsAccess(
  config: MetricsAccessConfig,
  request: { authorization: string | null; ip: string },
): MetricsAccess {
  const { token, allow, development } = config;
  if (!token && allow.length === 0) {
    if (development && LOOPBACK.includes(request.ip)) return { ok: true };
    return {
      ok: false,
      status: 403,
      message: "Metrics are not enabled: set METRICS_TOKEN or METRICS_ALLOW.",
      challenge: false,
    };
  }
  if (allow.length > 0 && !(isIP(request.ip) !== 0 && inNetworks(request.ip, allow))) {
    return { ok: false, status: 403, message: "Forbidden.", challenge: false };
  }
  if (token) {
    const given = bearer(request.authorization);
    if (given === null) return { ok: false, status: 401, message: "A bearer token is required.", challenge: true };
    if (!sameToken(given, token)) return { ok: false, status: 403, message: "Forbidden.", challenge: false };
  }
  return { ok: true };
}
