import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium, HOW_TO_INSTALL_CHROMIUM } from "./scripts/chromium";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const executablePath = findChromium();
if (!executablePath) throw new Error(HOW_TO_INSTALL_CHROMIUM);

/**
 * Where this run writes its reports and state. `E2E_OUT=test-results/mine E2E_PORT=3300 NEXT_DIST_DIR=.next-mine`
 * lets two runs (two checkouts' worth of work on one machine) go side by side without sharing a file or a port.
 */
const OUT = path.resolve(import.meta.dirname, process.env.E2E_OUT ?? "test-results");

/** The e2e server writes its database URL here so specs can check the database after acting in the browser. */
export const E2E_STATE_FILE = path.join(OUT, ".e2e-state.json");

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json", { outputFile: path.join(OUT, "playwright.json") }]],
  // Its own folder: Playwright empties outputDir at start, and test-results/ also holds the other runners' reports.
  outputDir: path.join(OUT, "playwright"),
  // Bounds on a hang, not speed checks (those are the benches'): a test that takes 16 to 19 s on a quiet 2-core
  // machine passed 30 s on a CI machine about 1.4x slower than that, beside vitest, so each has room for 3x.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    // localhost, not 127.0.0.1: Next rewrites the host, and auth redirects depend on it.
    baseURL: `http://localhost:${PORT}`,
    // A failed test keeps its trace: every action with the DOM before and after it, network, console. Not the
    // screencast filmstrip: Chromium encoding frames for the whole run made the suite about a quarter slower on a
    // 2-core machine (measured on five UI-heavy specs: 146-174 s with it, 117 s without), and the failure
    // screenshot below still shows the last frame.
    // E2E_TRACE=0 turns them off, about 6% faster (four UI-heavy specs: 97 s with, 91 s without), but not in
    // `npm test`: without the time tracing takes, axe's contrast checks caught table headers mid-transition (two CI
    // runs, right after a click).
    trace: process.env.E2E_TRACE === "0" ? "off" : { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // `next start` on a production build (npm test builds first), over a fresh embedded PostgreSQL.
    command: `tsx e2e/support/server.ts ${PORT}`,
    url: `http://localhost:${PORT}/api/health`,
    env: { E2E_STATE_FILE },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
