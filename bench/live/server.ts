/**
 * The `next start` under test: started through bash so its open-files soft limit is raised to the hard limit (10,000
 * sockets need 10,000 descriptors), in its own process group so teardown reaches whatever it forks, with --expose-gc
 * so the memory route can collect before measuring.
 */
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { vmRssBytes } from "./proc";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
/** Kept apart from `.next` so the bench neither needs nor disturbs anyone else's build. */
export const DIST_DIR = ".next-bench-live";

/** `exec`s the command after raising the soft open-files limit as far as the hard limit allows. */
export function spawnWithFdLimit(command: string, args: string[], options: Parameters<typeof spawn>[2]) {
  const script = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"';
  return spawn("bash", ["-c", script, "bash", command, ...args], options);
}

// A connection per request: a reused keep-alive socket can be reset by the server's idle timeout while the bench
// sends on it, and a mutation that fails that way cannot safely be retried.
const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

export function request(
  port: number,
  method: "GET" | "POST",
  urlPath: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method, path: urlPath, agent, headers: options.headers, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: res.headers }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${urlPath} timed out`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

export function closeAgent() {
  agent.destroy();
}

export class NextServer {
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly quiet: () => boolean,
    /** Sees all of the server's stderr, quiet or not (bench:soak counts its errors and uncaught exceptions). */
    private readonly onStderr?: (text: string) => void,
  ) {}

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const args = ["--expose-gc", NEXT_BIN, "start", "-p", String(this.port), "-H", "127.0.0.1"];
    this.child = spawnWithFdLimit(process.execPath, args, {
      cwd: ROOT,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    // Next's own start-up lines are noise here; its errors are not.
    this.child.stderr?.on("data", (chunk: Buffer) => {
      this.onStderr?.(chunk.toString("utf8"));
      if (!this.quiet()) process.stderr.write(chunk);
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error("next start exited before it became healthy");
      const status = await request(this.port, "GET", "/api/health").then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error("next start did not answer /api/health with 200 within 60 s");
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || !this.alive) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const group = -child.pid;
    process.kill(group, "SIGTERM");
    const timer = setTimeout(() => this.alive && process.kill(group, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/** What the memory route says after a full GC in the server process; `pid` is the process that serves requests. */
export interface ServerMemory {
  pid: number;
  collected: boolean;
  rss: number;
  heapUsed: number;
}

export async function collectAndMeasure(port: number): Promise<ServerMemory & { vmRss: number }> {
  const res = await request(port, "POST", "/api/bench/live/memory");
  if (res.status !== 200) throw new Error(`/api/bench/live/memory answered ${res.status}: ${res.body.slice(0, 200)}`);
  const memory = JSON.parse(res.body) as ServerMemory;
  return { ...memory, vmRss: vmRssBytes(memory.pid) };
}
