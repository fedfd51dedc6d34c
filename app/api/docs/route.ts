/**
 * GET /api/docs: the REST API's docs page, Scalar's API reference over GET /api/openapi.json. The browser fetches
 * the document itself, with its session cookie, so the page shows what this caller may use (docs/rest.md), and
 * everything it loads is ours (scalar-bundle.ts): it works offline, behind a firewall, with no CDN. Its
 * Content-Security-Policy is set in next.config.mjs (the bundle needs one thing the app's policy forbids; see there).
 */
import { withRequestLog } from "@/server/ops/logging/with-request-log";
import { scalarBundleUrl } from "./scalar-bundle";

export const dynamic = "force-dynamic";

const TITLE = "Atrium API";
const DOCUMENT_URL = "/api/openapi.json";

/**
 * Scalar's options (its `data-configuration`). Anything that would reach another origin is off: the default fonts
 * (fonts.scalar.com), the AI agent (offered on localhost), the developer toolbar, telemetry. No dark mode toggle: the
 * page follows the system's light or dark setting, and a toggle would pin one choice in localStorage.
 */
const CONFIGURATION = {
  metaData: { title: TITLE },
  withDefaultFonts: false,
  hideDarkModeToggle: true,
  showDeveloperTools: "never",
  agent: { disabled: true },
  telemetry: false,
};

export const GET = withRequestLog("/api/docs", () => {
  return new Response(page(), {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" },
  });
});

function page(): string {
  // Scalar mounts where the `#api-reference` element is; as a JSON script element it is data, never run.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${TITLE}</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml">
</head>
<body>
<noscript>This page needs JavaScript. The OpenAPI document itself is at <a href="${DOCUMENT_URL}">${DOCUMENT_URL}</a>.</noscript>
<script id="api-reference" type="application/json" data-url="${DOCUMENT_URL}" data-configuration="${attribute(JSON.stringify(CONFIGURATION))}"></script>
<script src="${attribute(scalarBundleUrl())}"></script>
</body>
</html>
`;
}

function attribute(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
