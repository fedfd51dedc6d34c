/**
 * Finds a Chromium for Playwright without downloading one: $CHROMIUM_PATH, then the system package, then a browser
 * Playwright installed earlier. Playwright's own download (`npx playwright install`) is never triggered from here.
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium", "/usr/bin/google-chrome"];

export function findChromium(env: Record<string, string | undefined> = process.env): string | undefined {
  const candidates = [env.CHROMIUM_PATH, ...SYSTEM_PATHS];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright throws when it has no browser of its own; that is the "none found" case below.
  }
  return undefined;
}

export const HOW_TO_INSTALL_CHROMIUM = `No Chromium browser found for the end-to-end tests. Install one of:
  - Debian/Ubuntu:  sudo apt-get install -y chromium
  - macOS:          brew install --cask chromium   (then CHROMIUM_PATH=/Applications/Chromium.app/Contents/MacOS/Chromium)
  - any OS:         npx playwright install chromium
or point CHROMIUM_PATH at an existing Chromium or Chrome binary.`;

/** Flags for headless Chromium in containers and on closed networks (no sandbox as root, no background traffic). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];
