import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium, HOW_TO_INSTALL_CHROMIUM } from "./scripts/chromium";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const executablePath = findChromium();
if (!executablePath) throw new Error(HOW_TO_INSTALL_CHROMIUM);

/** The e2e server writes its database URL here so specs can check the database after acting in the browser. */
export const E2E_STATE_FILE = path.resolve(import.meta.dirname, "test-results", ".e2e-state.json");

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  // Its own folder: Playwright empties outputDir at start, and test-results/ also holds the other runners' reports.
  outputDir: "test-results/playwright",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    // localhost, not 127.0.0.1: Next rewrites the host, and auth redirects depend on it.
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
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
