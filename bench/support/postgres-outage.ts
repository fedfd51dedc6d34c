/**
 * A database outage on demand, for benches that run their own PostgreSQL (db/embedded.ts): `killImmediately` does what
 * `pg_ctl stop -m immediate` does (SIGQUIT to the postmaster: every backend killed at once, no checkpoint, crash
 * recovery at the next start), and `start` brings the same cluster back on the same port with the same settings, so
 * the app server keeps its DATABASE_URL across the outage.
 *
 * The postmaster writes its own command line to `postmaster.opts` at every start; `start` runs that line again, as the
 * owner of the data directory (PostgreSQL refuses to run as root, and db/embedded.ts runs it as `postgres` then).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";

const STOP_TIMEOUT_MS = 30_000;
const START_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `/path/postgres "-D" "/data" "-p" "5432" ...` as PostgreSQL writes it (it quotes every argument, escaping none). */
export function parsePostmasterOpts(text: string): { binary: string; args: string[] } {
  const line = text.trim();
  const firstQuote = line.indexOf(' "');
  if (firstQuote < 0) throw new Error(`postmaster.opts has no arguments: ${line}`);
  const args = [...line.slice(firstQuote).matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? "");
  return { binary: line.slice(0, firstQuote), args };
}

export class PostgresOutage {
  private restarted: ChildProcess | undefined;
  private stderrTail = "";
  /** Set by `stop`: a bench tearing down (Ctrl-C mid-outage) must not have PostgreSQL started behind its back. */
  private stopped = false;

  constructor(
    private readonly dataDir: string,
    /** Any database URL on the cluster: `start` is done when a query answers on it. */
    private readonly url: string,
  ) {}

  /** SIGQUIT to the postmaster, as `pg_ctl stop -m immediate`; resolves once it and its port are gone. */
  async killImmediately(): Promise<void> {
    const pidFile = await readFile(path.join(this.dataDir, "postmaster.pid"), "utf8");
    const pid = Number(pidFile.split("\n")[0]);
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`postmaster.pid holds no pid: ${pidFile.slice(0, 40)}`);
    process.kill(pid, "SIGQUIT");
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (alive(pid)) {
      if (Date.now() > deadline) throw new Error(`the postmaster (${pid}) did not exit within ${STOP_TIMEOUT_MS} ms`);
      await sleep(20);
    }
  }

  /**
   * Starts the cluster again with the command line of its last start; resolves with `performance.now()` at the first
   * query it answered (crash recovery included), which is when it accepts connections again.
   */
  async start(): Promise<number> {
    const { binary, args } = parsePostmasterOpts(await readFile(path.join(this.dataDir, "postmaster.opts"), "utf8"));
    const owner = await stat(this.dataDir);
    const asOwner = process.getuid?.() === 0 ? { uid: owner.uid, gid: owner.gid } : {};
    if (this.stopped) throw new Error("not starting PostgreSQL again: the bench is tearing down");
    this.stderrTail = "";
    const child = spawn(binary, args, { ...asOwner, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env } });
    this.restarted = child;
    child.stderr?.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-2_000);
    });
    const sql = postgres(this.url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      const deadline = Date.now() + START_TIMEOUT_MS;
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`PostgreSQL exited while starting again:\n${this.stderrTail}`);
        }
        const answered = await sql`select 1`.then(
          () => true,
          () => false,
        );
        if (answered) return performance.now();
        if (Date.now() > deadline)
          throw new Error(`PostgreSQL did not accept connections within ${START_TIMEOUT_MS} ms`);
        await sleep(25);
      }
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
    }
  }

  /** Fast shutdown of the cluster `start` started (the first one is db/embedded.ts's to stop). */
  async stop(): Promise<void> {
    this.stopped = true;
    const child = this.restarted;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
