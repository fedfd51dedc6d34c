/**
 * A production `next start` for a bench that drives the app over HTTP (bench:write's HTTP column, bench:list): optionally built
 * first into its own dist dir, started on a free port against the bench's DATABASE_URL with the bench's env
 * (next-build.ts), healthy (/api/health 200) before it is handed over, and stopped with its whole process group.
 * Plus the caller it needs: a user and an API token written straight into the database, as server/auth/tokens.ts
 * issues them (the plaintext exists only in the answer).
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import { createDatabase } from "../../db/client";
import { freePort } from "../../db/embedded";
import { users } from "../../db/schema";
import { issueApiToken, type TokenScope } from "../../server/auth/tokens";
import { NEXT_BIN, ROOT, spawnWithFdLimit } from "../live/server";
import { benchBuildEnv, benchServerEnv, buildNext } from "./next-build";

/** bench:write's own build, apart from `.next` and every other bench's. */
export const WRITE_BENCH_DIST_DIR = ".next-bench";
const HEALTH_DEADLINE_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export interface NextServerOptions {
  databaseUrl: string;
  /** Run `next build` first (minutes); without it, the dist dir's build must be there and fresh. */
  build: boolean;
  distDir?: string;
  /** Added to the bench's server env, e.g. `{ ATRIUM_BENCH_TOKEN_CACHE: "off" }`. */
  env?: Record<string, string>;
  /** Whether the server's stderr reaches this terminal (its stdout, a log line per request, never does). */
  showErrors?: () => boolean;
  /** Given to Node before Next's own arguments, e.g. `--cpu-prof` (bench:list --profile). */
  nodeArgs?: string[];
}

export interface RunningNext {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  alive(): boolean;
  /** SIGTERM to the whole group, SIGKILL after STOP_GRACE_MS; resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

/** Builds (if asked) and starts `next start`, resolving once /api/health answers 200. */
export async function startNext(options: NextServerOptions): Promise<RunningNext> {
  const buildEnv = benchBuildEnv(options.distDir ?? WRITE_BENCH_DIST_DIR);
  if (options.build) await buildNext(buildEnv);
  const port = await freePort();
  const child = spawnWithFdLimit(
    process.execPath,
    [...(options.nodeArgs ?? []), NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: { ...benchServerEnv(buildEnv, options.databaseUrl), ...options.env },
      // stdout is ignored, not piped: a pipe nobody reads fills after a few hundred request log lines and the server
      // then blocks on its next write.
      stdio: ["ignore", "ignore", "pipe"],
      // Its own process group, so stopping it reaches whatever Next forks and nothing else.
      detached: true,
    },
  );
  const showErrors = options.showErrors ?? (() => true);
  child.stderr?.on("data", (chunk: Buffer) => showErrors() && process.stderr.write(chunk));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stopping: Promise<void> | undefined;
  const running: RunningNext = {
    port,
    url: `http://127.0.0.1:${port}`,
    alive,
    stop() {
      stopping ??= (async () => {
        if (!child.pid || !alive()) return;
        const group = -child.pid;
        process.kill(group, "SIGTERM");
        const timer = setTimeout(() => alive() && process.kill(group, "SIGKILL"), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
  try {
    await waitForHealth(port, alive);
  } catch (error) {
    await running.stop();
    throw error;
  }
  return running;
}

async function waitForHealth(port: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + HEALTH_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error("next start exited before it became healthy (see its output above)");
    if ((await healthStatus(port)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer /api/health with 200 within ${HEALTH_DEADLINE_MS / 1000} s`);
}

/** The status of GET /api/health, or 0 when the request itself failed (not listening yet). */
function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/api/health", agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(0));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
  });
}

export interface BenchCaller {
  userId: string;
  /** The plaintext `atr_...`, for `Authorization: Bearer`. */
  token: string;
}

/**
 * A user of this role with a verified address (the demo's posts.create asks for one) and an API token of this scope,
 * written straight into the bench's database: the token is issued by server/auth/tokens.ts itself.
 */
export async function createUserWithToken(
  databaseUrl: string,
  options: { role: "admin" | "member"; scope?: TokenScope; name?: string },
): Promise<BenchCaller> {
  const handle = createDatabase(databaseUrl, { max: 1 });
  try {
    const tag = randomBytes(4).toString("hex");
    const [user] = await handle.db
      .insert(users)
      .values({
        name: options.name ?? `Bench ${options.role} ${tag}`,
        email: `bench-${options.role}-${tag}@example.com`,
        role: options.role,
        emailVerifiedAt: new Date(),
      })
      .returning({ id: users.id });
    if (!user) throw new Error("inserting the bench user returned no row");
    const { token } = await issueApiToken(handle.db, {
      userId: user.id,
      name: "bench",
      scope: options.scope ?? "write",
    });
    return { userId: user.id, token };
  } finally {
    await handle.close();
  }
}
