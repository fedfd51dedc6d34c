/**
 * Strict-Transport-Security, only on responses the browser received over https. `next start` speaks plain http, so
 * https means a proxy in front that says so (`X-Forwarded-Proto`, first hop). Pure: proxy.ts imports it.
 *
 * Why not a `has` rule in next.config.mjs headers(): a header condition there cost every request about 15 % of
 * throughput in `npm run bench:list` (engine 126 -> 164 req/s without it, the hand-written endpoint alike), so the
 * header is set where a response is made: proxy.ts for pages, the API handler, the health check.
 */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/** Whether the first proxy hop says the client spoke https. */
export function cameOverHttps(headers: Headers): boolean {
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** The response with HSTS added when the request came over https (headers copied if they are immutable). */
export function withHsts(response: Response, request: Headers): Response {
  if (!cameOverHttps(request)) return response;
  try {
    response.headers.set("strict-transport-security", HSTS_VALUE);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    headers.set("strict-transport-security", HSTS_VALUE);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
