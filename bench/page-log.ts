/**
 * `npm run bench:page-log [-- --concurrency 16 --rounds 3 --seconds 5 --level info|warn]`
 *
 * What logging a page request costs (server/ops/logging/page-requests.ts), against the same server without it, in
 * alternating rounds of one run. The server is Node's own HTTP server answering a fixed page at once, the cheapest
 * page there can be, so the difference is the whole cost: the diagnostics_channel listener, the request id, the
 * cookie's caller (a real Auth.js session cookie, decrypted once and then remembered), the route match against a
 * build's 60 patterns, and the JSON line, written as production writes it (to /dev/null; `--level warn` measures
 * LOG_LEVEL=warn, where a success writes no line). Rows for the request log are not written here:
 * they are batched after the answers (bench of the writer: request-log-writer.test.ts's flood).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import pino from "pino";
import { createLogger, replaceLogger } from "../server/core/logging/logger";
import { startPageRequestLog, stopPageRequestLog } from "../server/ops/logging/page-requests";
import { pageRoutes } from "../server/ops/logging/page-routes";

const SECRET = "bench-secret-bench-secret-bench-secret-00";
process.env.AUTH_SECRET ??= SECRET;

const { values } = parseArgs({
  options: {
    concurrency: { type: "string", default: "16" },
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "5" },
    level: { type: "string", default: "info" },
  },
});
const level = values.level === "warn" ? "warn" : "info";
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);

/** Sixty patterns shaped like an app's: the match walks them as it would in a real build. */
const routes = pageRoutes(
  Array.from({ length: 60 }, (_, i) =>
    i % 2 === 0
      ? { page: `/section-${i}`, regex: `^/section\\-${i}(?:/)?$` }
      : { page: `/section-${i}/[id]`, regex: `^/section\\-${i}/([^/]+?)(?:/)?$` },
  ),
);

async function main() {
  // As production writes: synchronously, one write per line (logger.ts), here to /dev/null.
  replaceLogger(
    createLogger({ level, format: "json", destination: pino.destination({ dest: "/dev/null", sync: true }) }),
  );
  const cookieName = "authjs.session-token";
  const token = await encode({
    token: { sub: "3f1b2d4c-0000-4000-8000-000000000001", sid: "s1" },
    secret: process.env.AUTH_SECRET as string,
    salt: cookieName,
  });
  const cookie = `${cookieName}=${token}; theme=dark`;
  const body = Buffer.from("<!doctype html><title>page</title><p>hello</p>");
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html", "content-length": body.length }).end(body);
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

  const get = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const req = http.get(
        { host: "127.0.0.1", port, path: "/section-59/abc?tab=1", agent, headers: { cookie } },
        (res) => {
          res.resume();
          res.on("end", () => resolve(performance.now() - started));
        },
      );
      req.on("error", reject);
    });

  async function round(logging: boolean, ms: number) {
    if (logging) startPageRequestLog(routes);
    else stopPageRequestLog();
    const times: number[] = [];
    const until = performance.now() + ms;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) times.push(await get());
      }),
    );
    stopPageRequestLog();
    return times;
  }

  await round(false, 2_000);
  await round(true, 2_000);
  const results = { baseline: [] as number[], logged: [] as number[], rps: { baseline: 0, logged: 0 } };
  for (let i = 0; i < rounds; i++) {
    for (const mode of ["baseline", "logged"] as const) {
      const times = await round(mode === "logged", seconds * 1000);
      results[mode].push(...times);
      results.rps[mode] += times.length / seconds / rounds;
    }
  }
  const pct = (xs: number[], p: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
  };
  console.log(
    `machine: ${os.cpus().length} cores, Node ${process.version}; ${concurrency} clients, ${rounds}x${seconds}s`,
  );
  for (const mode of ["baseline", "logged"] as const) {
    const xs = results[mode];
    console.log(
      `${mode.padEnd(9)} ${results.rps[mode].toFixed(0).padStart(7)} req/s  p50 ${pct(xs, 0.5).toFixed(2)} ms  p99 ${pct(xs, 0.99).toFixed(2)} ms`,
    );
  }
  const perRequestUs = (1 / results.rps.logged - 1 / results.rps.baseline) * 1e6 * 1;
  console.log(
    `ratio logged/baseline: ${(results.rps.logged / results.rps.baseline).toFixed(3)}x req/s; ~${perRequestUs.toFixed(1)} µs of one core per request`,
  );
  agent.destroy();
  server.close();
}

await main();
