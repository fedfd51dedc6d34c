/**
 * The client address used to key per-IP rate limits (sign-in, sign-up, the API).
 *
 * X-Forwarded-For is a list each proxy appends the address it saw to, so only its right end is trustworthy: the
 * address added by the last proxy you run. `TRUSTED_PROXIES` says how many proxies in front of the app append to it
 * (default 1: one load balancer or reverse proxy), and the client is the entry that many places from the right.
 * Entries further left are the client's own words and are ignored, so a client cannot spread its requests over
 * made-up addresses. With more proxies than configured, the limit keys on a proxy's address (all clients share
 * one); with fewer, on what the client sent. Without any proxy Next fills the header with the socket address only
 * when the request has none, so a directly exposed `next start` cannot tell a forged header from a real one: run it
 * behind a proxy (README "Security").
 */
import { env } from "@/env";

export function clientIp(headers: Pick<Headers, "get">, hops: number = env().TRUSTED_PROXIES): string {
  const forwarded = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (forwarded && forwarded.length > 0) {
    // Fewer entries than proxies: the nearest proxy's view is all there is, the leftmost entry.
    return forwarded[Math.max(0, forwarded.length - hops)] ?? "unknown";
  }
  const real = headers.get("x-real-ip")?.trim();
  return real || "unknown";
}
