/**
 * Next's proxy (formerly middleware), kept to one job: a server action posted from another site gets a plain 403.
 *
 * Next itself refuses such a request (its CSRF check compares the Origin with the Host), but by throwing, so the client
 * sees a 500 and the log an error. This answers first with the same rule: the Origin's host must equal the
 * `x-forwarded-host` (first value) or else the `host` the request came in with; a request without an Origin passes,
 * as in Next (no browser sends a cross-site POST without one). `serverActions.allowedOrigins` is not set in
 * next.config.mjs; whoever sets it must allow the same hosts here, or this answers 403 where Next would accept.
 *
 * The matcher keeps it off everything else: a proxy that runs makes Next buffer the request body (up to 10 MB), which
 * the API and its uploads must not pay for. It imports nothing from the app: it runs before routing, for every match.
 * Security headers are not set here but in next.config.mjs, so they cover static files and the API too.
 */
import { type NextRequest, NextResponse } from "next/server";

export function proxy(request: NextRequest) {
  if (request.method !== "POST" || isSameOrigin(request)) return NextResponse.next();
  return new NextResponse("Forbidden: this form was sent from another site.\n", {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

function isSameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  // Sandboxed frames and some redirects send "null": never this site.
  if (origin === "null" || !URL.canParse(origin)) return false;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  return host !== null && new URL(origin).host === host;
}

/** Pages only (never /api or Next's own files): a fetch action carries `next-action`, a form posted without JS is multipart. */
export const config = {
  matcher: [
    { source: "/((?!api/|_next/).*)", has: [{ type: "header", key: "next-action" }] },
    { source: "/((?!api/|_next/).*)", has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }] },
  ],
};
