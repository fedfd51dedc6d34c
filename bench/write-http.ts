/**
 * bench:write's HTTP column: creates through POST /api/trpc/<procedure> (or /api/bench/<procedure>, the hand-written
 * yardstick) on a running `next start`, exactly as the tRPC client sends a mutation (the input as superjson's
 * `{ json, meta }` body, `Authorization: Bearer <API token>`), from `writers` loops that each send their next create
 * when the last one is answered, over keep-alive connections (one socket per writer). A warm-up (JIT, pools, caches,
 * the token's first lookup) runs first and is not counted. Any answer but 200, or a request that fails outright, is an
 * error: counted, and the first one printed with its body.
 *
 * Measuring the API token cache (server/auth/token-cache.ts): start the server with `ATRIUM_BENCH_TOKEN_CACHE=off`
 * for the "without" figure. That variable is a bench-only switch, never an app setting.
 */
import http from "node:http";
import superjson from "superjson";

export interface HttpCreatesOptions {
  /** The server's origin, `http://127.0.0.1:<port>`. */
  url: string;
  /** The API token (plaintext `atr_...`), sent as `Authorization: Bearer`. */
  token: string;
  /** Concurrent writers (default 8). */
  writers?: number;
  /** Measured time. */
  seconds: number;
  /** Time before it, not counted (default 2). */
  warmupSeconds?: number;
  /** The input of the i-th create (i counts up from 0 across warm-up and measurement, so inputs never repeat). */
  make: (i: number) => unknown;
  /** The mutation (default `posts.create`). */
  procedure?: string;
  /** The tRPC endpoint it is served at (default `/api/trpc`; `/api/bench` for the hand-written yardstick). */
  endpoint?: string;
}

export interface HttpCreatesResult {
  /** Creates answered 200 during the measured time. */
  creates: number;
  seconds: number;
  createsPerSecond: number;
  /** Latency of a create, ms, over the measured 200s. */
  p50: number;
  p99: number;
  /** Non-200 answers and failed requests during the measured time. */
  errors: number;
}

const REQUEST_TIMEOUT_MS = 30_000;

interface Answer {
  status: number;
  body: string;
}

interface Phase {
  latencies: number[];
  errors: number;
  elapsedMs: number;
}

/** Drives the creates and returns the measured figures. */
export async function runHttpCreates(options: HttpCreatesOptions): Promise<HttpCreatesResult> {
  const writers = options.writers ?? 8;
  if (!Number.isInteger(writers) || writers < 1) throw new Error(`writers must be a positive integer, got ${writers}`);
  if (!(options.seconds > 0)) throw new Error(`seconds must be positive, got ${options.seconds}`);
  const target = new URL(`${options.endpoint ?? "/api/trpc"}/${options.procedure ?? "posts.create"}`, options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: writers });
  const headers = { authorization: `Bearer ${options.token}`, "content-type": "application/json" };
  let next = 0;
  let reported = false;
  const reportOnce = (what: string) => {
    if (reported) return;
    reported = true;
    console.error(`\x1b[31m[bench]\x1b[0m first failed create: ${what}`);
  };

  const post = (body: string) =>
    new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        target,
        {
          method: "POST",
          agent,
          headers: { ...headers, "content-length": Buffer.byteLength(body) },
          timeout: REQUEST_TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
      req.on("error", reject);
      req.end(body);
    });

  const drive = async (seconds: number): Promise<Phase> => {
    const phase: Phase = { latencies: [], errors: 0, elapsedMs: 0 };
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const writer = async () => {
      while (performance.now() < deadline) {
        const body = JSON.stringify(superjson.serialize(options.make(next++)));
        const t0 = performance.now();
        try {
          const answer = await post(body);
          if (answer.status === 200) {
            phase.latencies.push(performance.now() - t0);
            continue;
          }
          reportOnce(`HTTP ${answer.status}: ${answer.body.slice(0, 2_000)}`);
        } catch (error) {
          reportOnce(error instanceof Error ? error.message : String(error));
        }
        phase.errors++;
      }
    };
    await Promise.all(Array.from({ length: writers }, writer));
    phase.elapsedMs = performance.now() - started;
    return phase;
  };

  try {
    await drive(options.warmupSeconds ?? 2);
    const measured = await drive(options.seconds);
    const sorted = measured.latencies.sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
    const seconds = measured.elapsedMs / 1000;
    return {
      creates: sorted.length,
      seconds,
      createsPerSecond: sorted.length / seconds,
      p50: at(0.5),
      p99: at(0.99),
      errors: measured.errors,
    };
  } finally {
    agent.destroy();
  }
}
