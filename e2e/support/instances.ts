/**
 * Extra `next start` processes of the same production build (the one the e2e server runs: `.next`, or NEXT_DIST_DIR
 * when set), each on a free port over a database the caller names: several app instances behind one PostgreSQL, as
 * in a deployment with more than one server.
 *
 * Each instance connects with its own PGAPPNAME (postgres.js reads it), so pg_stat_activity tells whose connection
 * is whose. `stop` waits for the process to exit and kills it if it will not, so no server outlives a run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { freePort } from "../../db/embedded";
import { E2E_ADMIN } from "./credentials";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
/** Lines of output kept per instance, shown when it fails to start. */
const KEEP_LINES = 200;

export interface Instance {
  name: string;
  /** `http://localhost:PORT` (localhost as in playwright.config: Auth.js derives URLs from the host). */
  url: string;
  /** The application_name of its database connections. */
  appName: string;
  child: ChildProcess;
  /** Its recent stdout and stderr, for failure messages. */
  output(): string;
}

const running = new Set<ChildProcess>();
// Last resort if the worker exits without afterAll (a crash): no server may outlive it. Stop is the normal path.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts `next start` on a free port and resolves once its /api/health answers 200 (the database is reachable). */
export async function startInstance(
  name: string,
  databaseUrl: string,
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<Instance> {
  const port = await freePort();
  const appName = `atrium-e2e-${name}-${port}`;
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...inherited, // NEXT_DIST_DIR among them, so a local run uses the build it made
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      PGAPPNAME: appName,
      // env.ts refuses to serve in production without these; sessions are not used across instances (API tokens).
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      // Every spec calls from 127.0.0.1: stay far from the API limits, which their own tests reach, and from the
      // per-IP sign-in limits, whose counters (in the shared database) the main server's specs have been filling.
      AUTH_RATE_LIMIT_SIGNIN_PER_IP: "1000",
      AUTH_RATE_LIMIT_SIGNUP_PER_IP: "1000",
      API_RATE_LIMIT_PER_IP: "1000000",
      API_RATE_LIMIT_PER_USER: "1000000",
      LIVE_STREAMS_PER_CLIENT: "10000",
      ...options.env,
    },
  });
  running.add(child);
  child.once("exit", () => running.delete(child));

  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    if (lines.length > KEEP_LINES) lines.splice(0, lines.length - KEEP_LINES);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const instance: Instance = {
    name,
    url: `http://localhost:${port}`,
    appName,
    child,
    output: () => lines.join("\n"),
  };
  try {
    await waitForHealth(instance, options.timeoutMs ?? 30_000);
  } catch (error) {
    await stopInstance(instance);
    throw error;
  }
  return instance;
}

async function waitForHealth(instance: Instance, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (instance.child.exitCode !== null || instance.child.signalCode !== null) {
      throw new Error(`instance ${instance.name} exited before it was healthy:\n${instance.output()}`);
    }
    try {
      const res = await fetch(`${instance.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`instance ${instance.name} not healthy within ${timeoutMs} ms (${last}):\n${instance.output()}`);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function stopInstance(instance: Instance, graceMs = 5_000): Promise<void> {
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
