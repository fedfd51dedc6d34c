/**
 * Scalar's API reference (`@scalar/api-reference`), served from node_modules by our own origin: its standalone
 * bundle is one script that carries its CSS, so the docs page loads nothing from anywhere else. The bundle's URL
 * carries the installed version, so a browser may keep it for a year and still gets the new one after an upgrade.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/** `next start` and `next dev` run from the project root; node_modules is there (no standalone output). */
const PACKAGE_DIR = path.join(process.cwd(), "node_modules", "@scalar", "api-reference");

export const SCALAR_BUNDLE_FILE = path.join(PACKAGE_DIR, "dist", "browser", "standalone.js");

export const SCALAR_BUNDLE_PATH = "/api/docs/scalar.js";

let version: string | undefined;

/** The installed version, read once: it changes only with `npm install`, which restarts the server. */
export function scalarVersion(): string {
  if (version === undefined) {
    const manifest: unknown = JSON.parse(readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8"));
    const given = typeof manifest === "object" && manifest !== null ? Reflect.get(manifest, "version") : undefined;
    version = typeof given === "string" ? given : "unknown";
  }
  return version;
}

/** Where the page loads the bundle from: versioned, so it may be cached as immutable. */
export function scalarBundleUrl(): string {
  return `${SCALAR_BUNDLE_PATH}?v=${encodeURIComponent(scalarVersion())}`;
}
