/**
 * Where to go after signing in. Only same-origin relative paths are kept: anything else (`https://evil.example`,
 * `//evil.example`, `/\evil.example`, `javascript:`) would turn the sign-in page into an open redirect.
 */
const BASE = "http://atrium.invalid";

export function safeCallbackUrl(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Back to the sign-in or sign-up page would only show the form again.
  if (url.pathname === "/sign-in" || url.pathname === "/sign-up") return fallback;
  return path;
}
