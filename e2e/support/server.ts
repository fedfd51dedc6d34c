/**
 * The server Playwright tests run against: `npm start` (migrate, seed, `next start` in production mode) over a fresh
 * embedded PostgreSQL in a temporary directory, deleted afterwards. Usage: tsx e2e/support/server.ts PORT
 *
 * It records the data directory in $E2E_STATE_FILE; specs read the database URL from there (see ./db.ts).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { makeTempDir } from "../../db/embedded";
import { E2E_ADMIN } from "./credentials";
import { E2E_ESTIMATE_TTL_MS } from "./server-settings";

const port = process.argv[2] ?? "3210";
/** Another front end of the app, as e2e/origin.spec.ts names it. */
const ALLOWED_FRONT_END = "http://front.e2e.test";
const root = path.resolve(import.meta.dirname, "..", "..");
const dataDir = await makeTempDir("atrium-e2e-");

const stateFile = process.env.E2E_STATE_FILE;
if (stateFile) {
  await mkdir(path.dirname(stateFile), { recursive: true });
  await writeFile(stateFile, JSON.stringify({ dataDir }));
}

const { DATABASE_URL: _ignored, ...inherited } = process.env;
const child = spawn(process.execPath, ["--import", "tsx", "scripts/launch.ts", "start", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...inherited,
    NODE_ENV: "production",
    ATRIUM_DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ADMIN_EMAIL: E2E_ADMIN.email,
    ADMIN_PASSWORD: E2E_ADMIN.password,
    // Every browser test signs in from 127.0.0.1: raise the per-IP limits, keep the per-email one the specs check.
    AUTH_RATE_LIMIT_SIGNIN_PER_IP: "1000",
    AUTH_RATE_LIMIT_SIGNUP_PER_IP: "1000",
    AUTH_RATE_LIMIT_SIGNIN_PER_EMAIL: "5",
    // The whole browser suite calls /api/trpc from 127.0.0.1 as a handful of users: keep it far from the API limits
    // and the live stream cap (server/http), which their own tests reach.
    API_RATE_LIMIT_PER_IP: "1000000",
    API_RATE_LIMIT_PER_USER: "1000000",
    LIVE_STREAMS_PER_CLIENT: "10000",
    // e2e/origin.spec.ts: one other front end, and the app itself under its other name (a real cross-origin browser).
    ALLOWED_ORIGINS: `${ALLOWED_FRONT_END},http://127.0.0.1:${port}`,
    // resource-form.spec.ts and resource-table.spec.ts drive /dev/forms and /dev/tables, 404 in production otherwise.
    ATRIUM_DEV_PAGES: "1",
    // Jobs are picked up within half a second instead of the default 2 s (the floor env.ts allows, as the webhooks
    // spec's instance uses): the jobs, tasks, actions and mail specs wait for the worker several times each, and
    // what they check does not depend on how often it polls.
    JOBS_POLL_SECONDS: "0.5",
    // Estimated totals are remembered for a second instead of 10 s: the estimated-totals spec waits the memo out
    // afterwards (./server-settings.ts); the pages show the same either way.
    LIST_ESTIMATE_TTL_MS: String(E2E_ESTIMATE_TTL_MS),
    // The request log still gets every request (the Logs spec reads it); the terminal gets warnings and errors only.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  },
});

const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
process.on("SIGTERM", forward("SIGTERM"));
process.on("SIGINT", forward("SIGINT"));

const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 0)));
await rm(dataDir, { recursive: true, force: true });
process.exit(code);
