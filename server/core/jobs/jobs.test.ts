/**
 * Jobs on a real PostgreSQL through pg-boss: the transactional outbox (a job of a rolled-back write never exists,
 * one of a committed write runs exactly once even with two workers polling), retries with backoff, the timeout, and
 * a shutdown that lets a running job finish.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { defineJob } from "./define";
import { enqueue, JobNotQueuedError } from "./enqueue";
import { type JobsRuntime, startJobs } from "./runtime";

let t: TestDatabase;
const runtimes: JobsRuntime[] = [];

/** What the handlers saw, by job. */
const seen = new Map<string, { input: unknown; attempt: number; worker: string }[]>();
const record = (job: string, input: unknown, attempt: number, worker: string) =>
  seen.set(job, [...(seen.get(job) ?? []), { input, attempt, worker }]);

const once = defineJob("test.once", {
  input: z.object({ n: z.number().int() }),
  run: (input, { id }) => record("test.once", input, 0, id),
});
const flaky = defineJob("test.flaky", {
  input: z.object({ failures: z.number().int() }),
  retry: { limit: 3, delay: 1, backoff: true },
  run: (input, { attempt }) => {
    record("test.flaky", input, attempt, "");
    if (attempt < input.failures) throw new Error(`failure ${attempt + 1}`);
    return { done: attempt };
  },
});
const slow = defineJob("test.slow", {
  input: z.object({}),
  retry: { limit: 0 },
  timeout: "1s",
  run: (_input, { signal }) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      signal.addEventListener("abort", () => clearTimeout(timer));
    }),
});
const jobs = [once, flaky, slow];

async function state(name: string) {
  const rows = await t.db.execute<{ state: string; retry_count: number; output: unknown }>(
    sql`select state, retry_count, output from pgboss.job where name = ${name} order by created_on`,
  );
  return Array.from(rows);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  for (const name of ["a", "b"]) {
    runtimes.push(
      await startJobs({
        url: t.url,
        db: t.db,
        jobs,
        work: true,
        pollingIntervalSeconds: 0.5,
        log: () => {},
        applicationName: name,
      }),
    );
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.stop(1_000)));
  await t.drop();
});

describe("enqueue in a transaction", () => {
  it("never runs a job whose write rolled back, and runs a committed one exactly once with two workers", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await enqueue(once, { n: 1 }, { tx });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await t.db.transaction(async (tx) => {
      await enqueue(once, { n: 2 }, { tx });
    });
    const rows = await until(
      () => state("test.once"),
      (r) => r.every((row) => row.state === "completed"),
    );
    expect(rows.map((r) => r.state)).toEqual(["completed"]);
    // Both workers poll every half second: give a second run every chance to happen.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(seen.get("test.once")?.map((s) => s.input)).toEqual([{ n: 2 }]);
  });

  it("refuses an input its schema refuses, and a job whose queue does not exist, without queueing anything", async () => {
    // @ts-expect-error n must be a number
    await expect(enqueue(once, { n: "x" }, { tx: t.db })).rejects.toThrow();
    const unknown = defineJob("test.unknown", { input: z.object({}), run: () => {} });
    await expect(enqueue(unknown, {}, { tx: t.db })).rejects.toBeInstanceOf(JobNotQueuedError);
  });
});

describe("enqueue's values", () => {
  it("keeps a nested input as JSON, and delays a job by seconds or to a date", async () => {
    const input = { n: 7 };
    const soon = await enqueue(once, input, { tx: t.db, startAfter: 3_600 });
    const later = await enqueue(once, input, { tx: t.db, startAfter: new Date(Date.now() + 7_200_000) });
    const rows = Array.from(
      await t.db.execute<{ id: string; kind: string; n: number; wait: number }>(
        sql`select id, jsonb_typeof(data) as kind, (data->>'n')::int as n,
              extract(epoch from start_after - now())::int as wait
            from pgboss.job where id in (${soon}, ${later}) order by start_after`,
      ),
    );
    expect(rows.map((r) => [r.kind, r.n])).toEqual([
      ["object", 7],
      ["object", 7],
    ]);
    expect(rows[0]?.wait).toBeGreaterThan(3_500);
    expect(rows[1]?.wait).toBeGreaterThan(7_000);
    // Not to run in this test: cancel them.
    await t.db.execute(sql`update pgboss.job set state = 'cancelled' where id in (${soon}, ${later})`);
  });
});

describe("singleton keys", () => {
  it("queues one job per key while one waits, and still refuses a queue that does not exist", async () => {
    const keyed = defineJob("test.keyed", {
      input: z.object({ userId: z.string() }),
      singletonKey: ({ userId }) => userId,
      run: () => {},
    });
    const runtime = await startJobs({ url: t.url, db: t.db, jobs: [keyed], work: false, log: () => {} });
    runtimes.push(runtime);
    const later = { tx: t.db, startAfter: 3_600 };
    expect(await enqueue(keyed, { userId: "u1" }, later)).toMatch(/^[0-9a-f-]{36}$/);
    expect(await enqueue(keyed, { userId: "u1" }, later)).toBeNull();
    expect(await enqueue(keyed, { userId: "u2" }, later)).toMatch(/^[0-9a-f-]{36}$/);
    const missing = defineJob("test.keyed-missing", {
      input: z.object({ userId: z.string() }),
      singletonKey: ({ userId }) => userId,
      run: () => {},
    });
    await expect(enqueue(missing, { userId: "u1" }, { tx: t.db })).rejects.toBeInstanceOf(JobNotQueuedError);
  });
});

describe("retries", () => {
  it("retries with backoff until it succeeds, and keeps the output", async () => {
    await enqueue(flaky, { failures: 2 }, { tx: t.db });
    const [row] = await until(
      () => state("test.flaky"),
      (r) => r[0]?.state === "completed",
      30_000,
    );
    expect(row).toMatchObject({ state: "completed", retry_count: 2 });
    expect(seen.get("test.flaky")?.map((s) => s.attempt)).toEqual([0, 1, 2]);
  }, 40_000);

  it("fails an attempt that outlives its timeout, with the reason", async () => {
    await enqueue(slow, {}, { tx: t.db });
    const [row] = await until(
      () => state("test.slow"),
      (r) => r[0]?.state === "failed",
    );
    expect(row?.state).toBe("failed");
    expect(JSON.stringify(row?.output)).toContain("took longer than its timeout of 1 s");
  });
});

describe("waking workers", () => {
  it("starts a committed job on a worker that would not poll for a minute: its NOTIFY wakes the worker", async () => {
    const woken = defineJob("test.woken", {
      input: z.object({}),
      run: (input, { id }) => record("test.woken", input, 0, id),
    });
    const sleepy = await startJobs({
      url: t.url,
      db: t.db,
      jobs: [woken],
      work: true,
      pollingIntervalSeconds: 60,
      log: () => {},
    });
    runtimes.push(sleepy);
    // Its first poll happens at start; wait past it so only a wake-up can start the job now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await t.db.transaction(async (tx) => {
      await enqueue(woken, {}, { tx });
    });
    const rows = await until(
      () => state("test.woken"),
      (r) => r[0]?.state === "completed",
      15_000,
    );
    expect(rows[0]?.state).toBe("completed");
  }, 30_000);
});
