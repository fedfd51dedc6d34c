/**
 * What jobs survive, on a real PostgreSQL: a worker killed with SIGKILL mid-job (a real child process) hands the job
 * to another worker once its timeout has passed; a graceful stop lets a running job finish, or hands it back for a
 * retry when it outlives the grace; a cron schedule on two instances runs once per tick.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { defineJob, schedule } from "./define";
import { enqueue } from "./enqueue";
import { type JobsRuntime, startJobs } from "./runtime";
import { crashJob } from "./testing/crash-worker";

let t: TestDatabase;
const runtimes: JobsRuntime[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await Promise.all(runtimes.map((r) => r.stop(500)));
  await t.drop();
});

async function start(
  options: Partial<Parameters<typeof startJobs>[0]> & Pick<Parameters<typeof startJobs>[0], "jobs">,
) {
  const runtime = await startJobs({
    url: t.url,
    db: t.db,
    work: true,
    pollingIntervalSeconds: 0.5,
    log: () => {},
    ...options,
  });
  runtimes.push(runtime);
  return runtime;
}

async function jobRows(name: string) {
  const rows = await t.db.execute<{ id: string; state: string; retry_count: number; output: unknown }>(
    sql`select id, state, retry_count, output from pgboss.job where name = ${name} order by created_on`,
  );
  return Array.from(rows);
}

async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a worker killed mid-job", () => {
  it("leaves the job to another worker, which runs it as the next attempt once the timeout has passed", async () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const child = spawn(process.execPath, ["--import", "tsx", "server/core/jobs/testing/crash-worker.ts", t.url], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    await until(
      () => output,
      (o) => o.includes("ready"),
      30_000,
    );
    expect(output).toContain("ready");

    await enqueue(
      crashJob(async () => {}),
      { n: 1 },
      { tx: t.db },
    );
    await until(
      () => output,
      (o) => o.includes("started 0"),
      10_000,
    );
    expect(output).toContain("started 0");
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect((await jobRows("test.crash"))[0]?.state).toBe("active");

    // Another worker, with maintenance every second: the dead worker's job expires after its timeout and is retried.
    const attempts: number[] = [];
    await start({
      jobs: [crashJob(async (attempt) => attempts.push(attempt))],
      maintenanceIntervalSeconds: 1,
    });
    const [row] = await until(
      () => jobRows("test.crash"),
      (r) => r[0]?.state === "completed",
      30_000,
    );
    expect(row).toMatchObject({ state: "completed", retry_count: 1 });
    expect(attempts).toEqual([1]);
  }, 70_000);
});

describe("a graceful stop", () => {
  it("lets a running job finish within the grace, and hands one that outlives it back for a retry", async () => {
    const started: string[] = [];
    const finished: string[] = [];
    const job = defineJob("test.graceful", {
      input: z.object({ ms: z.number() }),
      retry: { limit: 1, delay: 60, backoff: false },
      run: async ({ ms }, { signal }) => {
        started.push(String(ms));
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          signal.addEventListener("abort", () => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (!signal.aborted) finished.push(String(ms));
      },
    });
    const first = await start({ jobs: [job] });
    await enqueue(job, { ms: 800 }, { tx: t.db });
    await until(
      () => started.length,
      (n) => n === 1,
      10_000,
    );
    await first.stop(10_000);
    expect(finished).toEqual(["800"]);
    expect((await jobRows("test.graceful"))[0]?.state).toBe("completed");

    const second = await start({ jobs: [job] });
    await enqueue(job, { ms: 30_000 }, { tx: t.db });
    await until(
      () => started.length,
      (n) => n === 2,
      10_000,
    );
    await second.stop(300);
    const rows = await jobRows("test.graceful");
    // Handed back: failed this attempt, waiting for its retry (a minute away here), not lost and not running.
    expect(rows[1]?.state).toBe("retry");
    expect(JSON.stringify(rows[1]?.output)).toContain("stopped by the worker shutting down");
  }, 40_000);
});

describe("a cron schedule on two instances", () => {
  it("runs once per tick", async () => {
    const runs: { at: number; by: string }[] = [];
    const tick = (by: string) =>
      defineJob("test.tick", { input: z.object({}), run: () => void runs.push({ at: Date.now(), by }) });
    const began = Date.now();
    for (const by of ["a", "b"]) {
      await start({ jobs: [tick(by)], schedules: [schedule("* * * * *", tick(by), {})], cronIntervalSeconds: 1 });
    }
    // pg-boss sends a tick that is less than a minute old at once: the first run comes within seconds.
    await until(
      () => runs.length,
      (n) => n > 0,
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const minutes = new Set<number>();
    for (let at = Math.floor(began / 60_000); at <= Math.floor(Date.now() / 60_000); at++) minutes.add(at);
    // One run per minute the test spanned (one, or two if a minute began meanwhile), never one per instance.
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.length).toBeLessThanOrEqual(minutes.size);
    // And one per tick: pg-boss sends each tick once per 60 s slot, whichever instance sends it. (Not "one per minute
    // of the clock": a tick sent late, under load, may run in the same minute as the next one.)
    const [ticks] = await t.db.execute<{ n: number }>(
      sql`select count(distinct singleton_on)::int as n from pgboss.job
          where name = '__pgboss__send-it' and data->>'name' = 'test.tick'`,
    );
    expect(runs.length).toBeLessThanOrEqual(ticks?.n ?? 0);
  }, 60_000);
});
