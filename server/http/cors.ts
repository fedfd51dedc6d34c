/**
 * CORS for the APIs (/api/trpc, /api/v1, the PocketBase endpoints), for the origins in ALLOWED_ORIGINS only (another front end of the same app): a preflight answer,
 * and `Access-Control-Allow-Origin` with credentials on their responses. Any other origin gets no CORS header at all,
 * so the browser keeps it from reading anything.
 */

const ALLOWED_HEADERS = "content-type, authorization, x-request-id, idempotency-key, trpc-accept, last-event-id";
/** Every method the APIs take: REST and PocketBase update with PATCH and delete with DELETE. */
const ALLOWED_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
/** What a cross-origin caller may read besides the simple headers: how long to wait after a 429, a REST create's URL. */
const EXPOSED_HEADERS = "retry-after, location, x-request-id";
/** Browsers cap this anyway (Chromium at 2 h); 10 min keeps a changed ALLOWED_ORIGINS from lingering long. */
const PREFLIGHT_MAX_AGE = "600";

/** The request's Origin when it is one of the allowed origins, else null. */
export function corsOrigin(req: Request, allowed: readonly string[]): string | null {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null" || !URL.canParse(origin)) return null;
  const normal = new URL(origin).origin;
  return allowed.includes(normal) ? origin : null;
}

/** The answer to an OPTIONS request: CORS permission for an allowed origin, a bare 204 or 403 otherwise. */
export function preflightResponse(req: Request, allowed: readonly string[]): Response {
  const headers = new Headers({ vary: "Origin", allow: ALLOWED_METHODS });
  const origin = corsOrigin(req, allowed);
  if (origin) {
    headers.set("access-control-allow-origin", origin);
    headers.set("access-control-allow-credentials", "true");
    headers.set("access-control-allow-methods", ALLOWED_METHODS);
    headers.set("access-control-allow-headers", ALLOWED_HEADERS);
    headers.set("access-control-max-age", PREFLIGHT_MAX_AGE);
    return new Response(null, { status: 204, headers });
  }
  // A preflight from an origin we do not serve: say no plainly (a browser would refuse without the headers anyway).
  const preflight = req.headers.has("origin") && req.headers.has("access-control-request-method");
  return new Response(null, { status: preflight ? 403 : 204, headers });
}

/**
 * The response with CORS headers for an allowed origin. When any origin is allowed, answers differ by Origin, so every
 * response says `Vary: Origin` for caches.
 */
export function withCors(res: Response, req: Request, allowed: readonly string[]): Response {
  if (allowed.length === 0) return res;
  const origin = corsOrigin(req, allowed);
  return withHeaders(res, (headers) => {
    headers.append("vary", "Origin");
    if (origin) {
      headers.set("access-control-allow-origin", origin);
      headers.set("access-control-allow-credentials", "true");
      headers.set("access-control-expose-headers", EXPOSED_HEADERS);
    }
  });
}

/** Responses built by fetch() or Response.redirect() have immutable headers: those are copied first. */
function withHeaders(res: Response, apply: (headers: Headers) => void): Response {
  try {
    apply(res.headers);
    return res;
  } catch {
    const copy = new Response(res.body, { status: res.status, statusText: res.statusText, headers: res.headers });
    apply(copy.headers);
    return copy;
  }
}
