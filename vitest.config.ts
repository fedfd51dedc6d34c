import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React's server build; tests are server code, so it is a no-op here.
      "server-only": path.resolve(import.meta.dirname, "db/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    // Playwright specs live in e2e/ and run under Playwright, never under vitest.
    exclude: ["node_modules/**", "e2e/**", ".next*/**", ".data/**"],
    globalSetup: ["db/testing/global-setup.ts"],
    // A JSON line per request at info would bury the failures in the report; tests that check log lines capture their
    // own (server/core/logging/testing.ts) at any level.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    // next-auth imports "next/server" without an extension, which Node's ESM resolver rejects; let Vite resolve it.
    server: { deps: { inline: ["next-auth"] } },
    // Files in parallel on at least 3 workers. Vitest's default (cores - 1) is a single worker on a 2-core machine, and
    // most files spend their time waiting on PostgreSQL, child processes, servers or timers (the outage, jobs and
    // webhook tests sleep on purpose): more workers overlap those waits with another file's work. Measured on 2 cores,
    // the suite alone: 438 s with 1 worker, 241 s with 2, 198 s with 3. Three once made db/availability.test.ts flaky
    // (a stray ECONNRESET under load); it now takes each test's own errors and retries once.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
