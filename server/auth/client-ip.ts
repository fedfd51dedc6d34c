/**
 * The client address used to key per-IP rate limits.
 *
 * Trust assumption: the app runs behind a proxy or load balancer that sets X-Forwarded-For (or X-Real-IP) itself, so
 * its first entry is the real client. Without such a proxy a client can send any X-Forwarded-For it likes and spread
 * its attempts over made-up addresses; the per-email limit still holds, and that is the one that protects an account.
 * Next sets X-Forwarded-For to the socket address only when the request has none.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (forwarded) return forwarded;
  const real = headers.get("x-real-ip")?.trim();
  return real || "unknown";
}
