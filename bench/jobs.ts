/**
 * `npm run bench:jobs [-- --jobs 2000 --workers 4 --producers 8 --poll 2 --seconds 30 --rate 1 --latency-seconds 60]`
 *
 * Background jobs through enqueue -> run -> complete on a throwaway embedded PostgreSQL, side by side in one run:
 * - atrium: `enqueue(job, input, { tx })` inside a transaction (as a write enqueues), run by the app's runtime
 *   (`startJobs`, the job's concurrency = --workers): input checked, timeout and shutdown signal, pg-boss's `work()`
 *   underneath;
 * - pg-boss work(): `boss.send` and --workers `boss.work()` loops (batchSize 1), what the runtime does without Atrium;
 * - bare loop: `boss.send` and --workers hand-written `fetch -> handler -> complete` loops that sleep --poll seconds
 *   only when the queue is empty.
 * Throughput: --jobs jobs sent by --producers concurrent producers while the workers run; jobs/s from the first send
 * to the last completion (or the --seconds window, whichever comes first). Latency: commit (the send's COMMIT
 * returned) to handler start, under that load and at a light --rate of random arrivals (all sides at once, on
 * their own queues).
 */
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import PgBoss from "pg-boss";
import { z } from "zod";
import { createDatabase } from "../db/client";
import { type EmbeddedServer, makeTempDir, startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { defineJob } from "../server/core/jobs/define";
import { enqueue } from "../server/core/jobs/enqueue";
import { startJobs } from "../server/core/jobs/runtime";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "2000" },
    workers: { type: "string", default: "4" },
    producers: { type: "string", default: "8" },
    poll: { type: "string", default: "2" },
    seconds: { type: "string", default: "30" },
    rate: { type: "string", default: "1" },
    "latency-seconds": { type: "string", default: "60" },
  },
});
const jobCount = Number(values.jobs);
const workers = Number(values.workers);
const producers = Number(values.producers);
const poll = Number(values.poll);
const windowSeconds = Number(values.seconds);
const rate = Number(values.rate);
const latencySeconds = Number(values["latency-seconds"]);
if (
  ![jobCount, workers, producers, windowSeconds, latencySeconds].every((n) => Number.isInteger(n) && n > 0) ||
  !(poll >= 0.5) ||
  !(rate > 0)
) {
  console.error(
    "usage: npm run bench:jobs -- [--jobs 2000] [--workers 4] [--producers 8] [--poll 2 (>= 0.5)] [--seconds 30] [--rate 1] [--latency-seconds 60]",
  );
  process.exit(2);
}

const say = (message: string) => console.log(`\x1b[36m[bench]\x1b[0m ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** One way of running jobs: started on a queue, it calls `onRun(i)` as each handler starts. */
interface Side {
  name: string;
  start(
    queue: string,
    onRun: (i: number) => void,
  ): Promise<{ send(i: number): Promise<unknown>; stop(): Promise<void> }>;
}

interface Measured {
  completed: number;
  seconds: number;
  sendSeconds: number;
  latencies: number[];
}

let tempDir: string | undefined;
let pg: EmbeddedServer | undefined;
const bosses: PgBoss[] = [];
/** Once shutting down, pg-boss's complaints about connections PostgreSQL closes are expected. */
let closing = false;
async function cleanup() {
  closing = true;
  await Promise.allSettled(bosses.map((b) => b.stop({ graceful: false, close: true, wait: true })));
  await pg?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
}
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

try {
  tempDir = await makeTempDir("atrium-bench-jobs-");
  pg = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "pg"), database: "bench", ephemeral: true });
  await migrateDatabase(pg.url);
  const url = pg.url;
  const handle = createDatabase(url, { max: 10 });
  const db = handle.db;
  const [version] = await handle.sql`select current_setting('server_version') as v`;

  const newBoss = async (max: number) => {
    const boss = new PgBoss({ connectionString: url, max, supervise: false, schedule: false, migrate: false });
    boss.on("error", (error) => {
      if (!closing) console.error("[pg-boss]", error.message);
    });
    bosses.push(boss);
    return boss.start();
  };
  // The baselines send on a pool of their own, as the app's enqueue uses the app's pool, not the workers'.
  const producer = await newBoss(10);

  const atrium: Side = {
    name: "atrium (enqueue in tx + runtime)",
    async start(queue, onRun) {
      const job = defineJob(queue, {
        input: z.object({ i: z.number().int() }),
        concurrency: workers,
        retry: { limit: 0 },
        run: ({ i }) => {
          onRun(i);
        },
      });
      const runtime = await startJobs({
        url,
        db,
        jobs: [job],
        work: true,
        pollingIntervalSeconds: poll,
        log: () => {},
        applicationName: "bench-atrium",
      });
      return {
        send: (i) => db.transaction((tx) => enqueue(job, { i }, { tx })),
        stop: () => runtime.stop(1_000),
      };
    },
  };
  const work: Side = {
    name: `pg-boss work() x${workers}`,
    async start(queue, onRun) {
      const boss = await newBoss(4);
      await boss.createQueue(queue, { name: queue, retryLimit: 0 });
      const ids: string[] = [];
      for (let w = 0; w < workers; w++) {
        ids.push(
          await boss.work<{ i: number }>(queue, { batchSize: 1, pollingIntervalSeconds: poll }, async ([job]) => {
            if (job) onRun(job.data.i);
          }),
        );
      }
      return {
        send: (i) => producer.send(queue, { i }),
        stop: async () => {
          await Promise.all(ids.map((id) => boss.offWork({ id })));
          await boss.stop({ graceful: true, close: true, wait: true });
        },
      };
    },
  };
  const loop: Side = {
    name: `bare pg-boss loop x${workers}`,
    async start(queue, onRun) {
      const boss = await newBoss(4);
      await boss.createQueue(queue, { name: queue, retryLimit: 0 });
      let stopped = false;
      const loops = Array.from({ length: workers }, async () => {
        while (!stopped) {
          const [job] = await boss.fetch<{ i: number }>(queue, { batchSize: 1 });
          if (!job) {
            await sleep(poll * 1000);
            continue;
          }
          onRun(job.data.i);
          await boss.complete(queue, job.id);
        }
      });
      return {
        send: (i) => producer.send(queue, { i }),
        stop: async () => {
          stopped = true;
          await Promise.all(loops);
          await boss.stop({ graceful: true, close: true, wait: true });
        },
      };
    },
  };
  const sides = [atrium, work, loop];

  const completedOn = async (queue: string) =>
    (await handle.sql`select count(*)::int as n from pgboss.job where name = ${queue} and state = 'completed'`)[0]
      ?.n as number;

  /** --jobs sent by --producers back to back while the workers run; timed to the last completion or the window. */
  async function throughput(side: Side, queue: string, count = jobCount, window = windowSeconds): Promise<Measured> {
    const committed = new Map<number, number>();
    const started = new Map<number, number>();
    const running = await side.start(queue, (i) => started.set(i, performance.now()));
    const t0 = performance.now();
    let next = 0;
    const sending = Promise.all(
      Array.from({ length: producers }, async () => {
        while (next < count) {
          const i = next++;
          await running.send(i);
          committed.set(i, performance.now());
        }
      }),
    ).then(() => performance.now());
    const deadline = t0 + window * 1000;
    let completed = 0;
    while (performance.now() < deadline) {
      completed = await completedOn(queue);
      if (completed >= count) break;
      await sleep(20);
    }
    const t1 = performance.now();
    const sent = await sending;
    await running.stop();
    completed = await completedOn(queue);
    await handle.sql`delete from pgboss.job where name = ${queue}`;
    const latencies = [...started].flatMap(([i, at]) => {
      const c = committed.get(i);
      return c === undefined ? [] : [at - c];
    });
    return { completed, seconds: (t1 - t0) / 1000, sendSeconds: (sent - t0) / 1000, latencies };
  }

  /**
   * Jobs sent at a steady --rate for --latency-seconds, every side at once on its own queue (the load is light).
   * The sides start one after another: pg-boss's create_queue runs DDL that deadlocks when two run at once.
   */
  async function paced(list: Side[]): Promise<number[][]> {
    const runs: {
      running: Awaited<ReturnType<Side["start"]>>;
      committed: Map<number, number>;
      started: Map<number, number>;
      queue: string;
    }[] = [];
    for (const [k, side] of list.entries()) {
      const started = new Map<number, number>();
      const queue = `bench.paced-${k}`;
      runs.push({
        running: await side.start(queue, (i) => started.set(i, performance.now())),
        committed: new Map(),
        started,
        queue,
      });
    }
    // Let the workers settle into their polling before the first send.
    await sleep(poll * 1000);
    const count = Math.round(rate * latencySeconds);
    const t0 = performance.now();
    const sends: Promise<void>[] = [];
    // Arrivals at random (a Poisson process of --rate): sent on a fixed beat, they would keep one phase against the
    // workers' polling beat, and the latency would measure that phase instead of the polling.
    let due = t0;
    for (let i = 0; i < count; i++) {
      due += (-Math.log(1 - Math.random()) * 1000) / rate;
      await sleep(Math.max(0, due - performance.now()));
      for (const run of runs) {
        sends.push(
          Promise.resolve(run.running.send(i)).then(() => {
            run.committed.set(i, performance.now());
          }),
        );
      }
    }
    await Promise.all(sends);
    const deadline = performance.now() + 30_000;
    while (runs.some((r) => r.started.size < count) && performance.now() < deadline) await sleep(50);
    const out: number[][] = [];
    for (const run of runs) {
      await run.running.stop();
      await handle.sql`delete from pgboss.job where name = ${run.queue}`;
      out.push(
        [...run.started].flatMap(([i, at]) => {
          const c = run.committed.get(i);
          return c === undefined ? [] : [at - c];
        }),
      );
    }
    return out;
  }

  say("warming up (50 jobs or 5 s each)");
  for (const [k, side] of sides.entries()) await throughput(side, `bench.warm-${k}`, 50, 5);
  const results = new Map<Side, Measured>();
  for (const [k, side] of sides.entries()) {
    say(`throughput: ${side.name}`);
    results.set(side, await throughput(side, `bench.throughput-${k}`));
  }
  say(`latency: ${rate} job/s for ${latencySeconds} s, all sides at once`);
  const pacedResults = await paced(sides);

  console.log(
    `\nmachine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, PostgreSQL ${version?.v}`,
  );
  console.log(
    `load: ${jobCount} jobs from ${producers} producers, ${workers} workers, polling every ${poll} s, window ${windowSeconds} s\n`,
  );
  const header = `${"side".padEnd(34)}| ${"jobs/s".padStart(8)} | ${"completed".padStart(11)} | ${"sent/s".padStart(7)} | ${"p50 ms".padStart(8)} | ${"p99 ms".padStart(8)}`;
  console.log(`throughput, and latency commit -> handler start under that load`);
  console.log(header);
  console.log("-".repeat(header.length));
  for (const side of sides) {
    const r = results.get(side) as Measured;
    const sorted = [...r.latencies].sort((a, b) => a - b);
    console.log(
      `${side.name.padEnd(34)}| ${(r.completed / r.seconds).toFixed(1).padStart(8)} | ${`${r.completed}/${jobCount}`.padStart(11)} | ${(jobCount / r.sendSeconds).toFixed(0).padStart(7)} | ${percentile(sorted, 50).toFixed(0).padStart(8)} | ${percentile(sorted, 99).toFixed(0).padStart(8)}`,
    );
  }
  console.log(
    `\nlatency commit -> handler start at ${rate} job/s, random arrivals (${Math.round(rate * latencySeconds)} jobs per side)`,
  );
  const header2 = `${"side".padEnd(34)}| ${"p50 ms".padStart(8)} | ${"p99 ms".padStart(8)} | ${"max ms".padStart(8)}`;
  console.log(header2);
  console.log("-".repeat(header2.length));
  for (const [k, side] of sides.entries()) {
    const sorted = [...(pacedResults[k] ?? [])].sort((a, b) => a - b);
    console.log(
      `${side.name.padEnd(34)}| ${percentile(sorted, 50).toFixed(0).padStart(8)} | ${percentile(sorted, 99).toFixed(0).padStart(8)} | ${(sorted.at(-1) ?? Number.NaN).toFixed(0).padStart(8)}`,
    );
  }
  const atriumRate = (results.get(atrium) as Measured).completed / (results.get(atrium) as Measured).seconds;
  const loopRate = (results.get(loop) as Measured).completed / (results.get(loop) as Measured).seconds;
  console.log(
    `\nratio atrium/bare loop: ${(atriumRate / loopRate).toPrecision(2)}x jobs/s (${atriumRate.toFixed(1)} vs ${loopRate.toFixed(1)})`,
  );
  console.log(
    `note: pg-boss's work() waits out its polling interval after every batch, so ${workers} workers with batchSize 1 run at most ${(workers / poll).toFixed(1)} jobs/s at ${poll} s polling`,
  );
  await handle.close();
} catch (error) {
  console.error("\x1b[31m[bench]\x1b[0m", error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
process.exit(process.exitCode ?? 0);
