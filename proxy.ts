/**
 * Next's proxy (formerly middleware), for pages: a server action posted from another site gets a plain 403, and a page
 * served over https carries Strict-Transport-Security.
 *
 * Next itself refuses such a request (its CSRF check compares the Origin with the Host), but by throwing, so the client
 * sees a 500 and the log an error. This answers first with the same rule: the Origin's host must equal the
 * `x-forwarded-host` (first value) or else the `host` the request came in with; a request without an Origin passes,
 * as in Next (no browser sends a cross-site POST without one). `serverActions.allowedOrigins` is not set in
 * next.config.mjs; whoever sets it must allow the same hosts here, or this answers 403 where Next would accept.
 *
 * It imports nothing that touches the database: it runs before routing, for every page request. The other security
 * headers are set in next.config.mjs, so they cover static files and the API too.
 */
import { type NextRequest, NextResponse } from "next/server";
import { cameOverHttps, HSTS_VALUE } from "./server/http/hsts";

export function proxy(request: NextRequest) {
  if (request.method === "POST" && !isSameOrigin(request)) {
    return new NextResponse("Forbidden: this form was sent from another site.\n", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
  const response = NextResponse.next();
  // HSTS depends on the request, so it is set here for pages, not in next.config.mjs (server/http/hsts.ts says why).
  if (cameOverHttps(request.headers)) response.headers.set("strict-transport-security", HSTS_VALUE);
  return response;
}

function isSameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  // Sandboxed frames and some redirects send "null": never this site.
  if (origin === "null" || !URL.canParse(origin)) return false;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  return host !== null && new URL(origin).host === host;
}

/**
 * Pages only: never /api (the API sets its own HSTS, and a proxy that runs makes Next buffer request bodies, which the
 * API and its uploads must not pay for) nor Next's own files and static assets.
 */
export const config = {
  matcher: ["/((?!api/|_next/|favicon\\.ico$|icon\\.svg$|.*\\.(?:png|jpg|jpeg|gif|webp|avif|svg|ico|txt|xml)$).*)"],
};
