/**
 * The Origin rule for cookie-authenticated writes (CSRF protection that does not depend on SameSite or on a CORS
 * preflight happening to be required): a POST that carries the session cookie is refused when the browser says it
 * comes from another site (`Sec-Fetch-Site: cross-site`) or names an Origin that is neither this app nor one of
 * ALLOWED_ORIGINS.
 *
 * - Requests with an Authorization header are exempt: credentials in a header are never sent by a browser on its own,
 *   and with one present the session cookie is not read at all (server/auth/actor.ts resolves the header, never both).
 * - A POST with no Origin and no cross-site Sec-Fetch-Site is accepted. Every current browser sends Origin on every
 *   POST (same-origin ones too), and a forged request needs the victim's browser, so a request without one comes from
 *   a client holding the cookie itself (curl, a test), which gains nothing by forging. `Origin: null` (sandboxed
 *   frames, some redirects) is foreign.
 */
import { SESSION_COOKIE_NAMES } from "@/server/auth/session-cookie";

/** True when the Cookie header holds an Auth.js session cookie (or a chunk of one: `name.0`, `name.1`). */
export function carriesSessionCookie(headers: Headers): boolean {
  const cookie = headers.get("cookie");
  if (!cookie) return false;
  return cookie.split(";").some((pair) => {
    const name = pair.split("=", 1)[0]?.trim() ?? "";
    return SESSION_COOKIE_NAMES.some((n) => name === n || name.startsWith(`${n}.`));
  });
}

/**
 * The origins this request was addressed to: the URL Next gives the handler, and what a proxy in front says
 * (X-Forwarded-Host/-Proto, else Host). Trusting those headers is safe here: a browser cannot set them for a forged
 * request, and a client that can set them has no victim's cookie to abuse.
 */
export function ownOrigins(req: Request): Set<string> {
  const url = new URL(req.url);
  const origins = new Set([url.origin]);
  const first = (name: string) => req.headers.get(name)?.split(",")[0]?.trim() || undefined;
  const proto = first("x-forwarded-proto")?.replace(/:$/, "") ?? url.protocol.replace(/:$/, "");
  for (const host of [first("x-forwarded-host"), first("host")]) {
    if (!host) continue;
    const candidate = `${proto}://${host}`;
    if (URL.canParse(candidate)) origins.add(new URL(candidate).origin);
  }
  return origins;
}

/** `origin` (an Origin header value) in its normal form, or null for "null" and anything unreadable. */
function normalOrigin(origin: string): string | null {
  return origin !== "null" && URL.canParse(origin) ? new URL(origin).origin : null;
}

const FOREIGN = "Requests from another site may not use this session.";

/** Why this request must be refused under the Origin rule, or null when it may proceed. */
export function crossSiteRefusal(req: Request, allowed: readonly string[]): string | null {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return null;
  if (req.headers.has("authorization") || !carriesSessionCookie(req.headers)) return null;
  const header = req.headers.get("origin");
  const origin = header === null ? null : normalOrigin(header);
  if (header !== null && !(origin && (allowed.includes(origin) || ownOrigins(req).has(origin)))) return FOREIGN;
  // Another site is welcome only when it is one of ALLOWED_ORIGINS, named by the browser's Origin.
  if (req.headers.get("sec-fetch-site") === "cross-site" && !(origin && allowed.includes(origin))) return FOREIGN;
  return null;
}
