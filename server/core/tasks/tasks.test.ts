/**
 * Tasks on a real PostgreSQL with real workers: a run moves through its states in order, each change audited and
 * logged for live; a step that throws, outlives its timeout or moves where it may not fails the run and raises an
 * alarm (its hook commits with the failure); runs with one lock key never overlap; `withLock` never lets two holders
 * of a key run at once; a run started in a rolled-back transaction never exists.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { auditLog, liveEvents, taskRuns } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { settleLiveEvents } from "@/server/core/realtime/sequencer";
import { rule } from "../access";
import { defineJob } from "../jobs/define";
import { enqueue } from "../jobs/enqueue";
import { type JobsRuntime, startJobs } from "../jobs/runtime";
import { withLock } from "../lock";
import { defineResource } from "../resource";
import { defineTask } from "./define";
import { createTaskRunner } from "./runner";

const nobody = rule("nobody", () => false);
const runsResource = defineResource("taskRuns", {
  table: taskRuns,
  titleField: "task",
  access: { list: nobody, get: nobody },
});

const alarmed = defineJob("test.alarm", { input: z.object({ runId: z.string(), error: z.string() }), run: () => {} });
const spans: { key: string; run: string; from: number; to: number }[] = [];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const importTask = defineTask("test.import", {
  input: z.object({ rows: z.number().int(), fail: z.enum(["none", "parse", "timeout", "jump"]).default("none") }),
  states: ["queued", "fetching", "parsing", "done", "failed"],
  initial: "queued",
  succeeded: "done",
  failed: "failed",
  transitions: { queued: ["fetching"], fetching: ["parsing"], parsing: ["done"] },
  timeouts: { parsing: "1s" },
  steps: {
    queued: () => ({ next: "fetching" }),
    fetching: ({ input }) => ({ next: input.fail === "jump" ? "done" : "parsing", data: { fetched: input.rows } }),
    parsing: async ({ input, data, signal }) => {
      if (input.fail === "parse") throw new Error("row 3 has no title");
      if (input.fail === "timeout") await new Promise((resolve) => signal.addEventListener("abort", resolve));
      return { next: "done", data: { parsed: Number(data.fetched) * 2 } };
    },
  },
  onAlarm: async ({ tx, runId, error }) => {
    await enqueue(alarmed, { runId, error }, { tx });
  },
});

const lockedTask = defineTask("test.locked", {
  input: z.object({ key: z.string(), name: z.string() }),
  states: ["one", "two", "done", "failed"],
  initial: "one",
  succeeded: "done",
  failed: "failed",
  transitions: { one: ["two"], two: ["done"] },
  lock: ({ key }) => key,
  concurrency: 4,
  steps: {
    one: async ({ input }) => {
      spans.push({ key: input.key, run: input.name, from: Date.now(), to: 0 });
      await pause(300);
      return { next: "two" };
    },
    two: async ({ input }) => {
      await pause(300);
      const span = spans.find((s) => s.run === input.name);
      if (span) span.to = Date.now();
      return { next: "done" };
    },
  },
});

const runner = createTaskRunner({ resource: runsResource, tasks: [importTask, lockedTask] });
let t: TestDatabase;
let jobs: JobsRuntime;

beforeAll(async () => {
  t = await createTestDatabase();
  jobs = await startJobs({
    url: t.url,
    db: t.db,
    jobs: [...runner.jobs, alarmed],
    work: true,
    pollingIntervalSeconds: 0.5,
    log: () => {},
  });
}, 60_000);
afterAll(async () => {
  await jobs.stop(500);
  await t.drop();
});

async function finished(id: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [run] = await t.db.select().from(taskRuns).where(eq(taskRuns.id, id));
    if (run?.finishedAt || Date.now() > deadline) return run;
    await pause(100);
  }
}

async function statesOf(id: string) {
  const entries = await t.db
    .select({ after: auditLog.after, operation: auditLog.operation })
    .from(auditLog)
    .where(and(eq(auditLog.resource, "taskRuns"), eq(auditLog.recordId, id)))
    .orderBy(asc(auditLog.id));
  return entries.map((e) => (e.after as { state?: string } | null)?.state).filter(Boolean);
}

describe("a run", () => {
  it("moves through its states in order, hands data on, and is audited and live at every step", async () => {
    const id = await runner.start(importTask, { rows: 21 }, { db: t.db });
    const run = await finished(id);
    expect(run).toMatchObject({ state: "done", status: "succeeded", data: { fetched: 21, parsed: 42 }, error: null });
    expect(run?.alarmAt).toBeNull();
    expect(await statesOf(id)).toEqual(["queued", "fetching", "parsing", "done"]);
    // Numbered just after each COMMIT, by the sequencer (decision 027): the last one may still be queued here.
    await settleLiveEvents(t.db);
    const events = await t.db.select().from(liveEvents).where(eq(liveEvents.recordId, id));
    expect(events.map((e) => e.operation)).toEqual(["create", "update", "update", "update"]);
  });

  it("fails with the step's error and raises an alarm whose hook commits with the failure", async () => {
    const id = await runner.start(importTask, { rows: 1, fail: "parse" }, { db: t.db });
    const run = await finished(id);
    expect(run).toMatchObject({
      state: "failed",
      status: "failed",
      error: 'the step of "parsing" failed: row 3 has no title',
    });
    expect(run?.alarmAt).toBeInstanceOf(Date);
    const alarms = Array.from(
      await t.db.execute<{ run_id: string }>(
        sql`select data->>'runId' as run_id from pgboss.job where name = 'test.alarm'`,
      ),
    );
    expect(alarms.map((a) => a.run_id)).toContain(id);
    expect(await runner.acknowledge(id, { db: t.db, actor: { kind: "system", reason: "test" } })).toBe(true);
    expect(await runner.acknowledge(id, { db: t.db, actor: { kind: "system", reason: "test" } })).toBe(false);
  });

  it("fails a step that outlives its timeout, with an alarm", async () => {
    const id = await runner.start(importTask, { rows: 1, fail: "timeout" }, { db: t.db });
    const run = await finished(id);
    expect(run).toMatchObject({
      state: "failed",
      error: 'the step of "parsing" took longer than its timeout of 1 s',
    });
    expect(run?.alarmAt).toBeInstanceOf(Date);
  });

  it("fails a step that moves where its transitions do not allow", async () => {
    const id = await runner.start(importTask, { rows: 1, fail: "jump" }, { db: t.db });
    const run = await finished(id);
    expect(run?.state).toBe("failed");
    expect(run?.error).toContain('moved to "done", which is not among its transitions (parsing)');
  });

  it("never exists when started in a transaction that rolls back", async () => {
    const before = await t.db.select().from(taskRuns);
    await expect(
      t.db.transaction(async (tx) => {
        await runner.start(importTask, { rows: 5 }, { tx });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await t.db.select().from(taskRuns)).toHaveLength(before.length);
  });
});

describe("locks", () => {
  it("never lets two runs with one key overlap, while runs with another key go ahead", async () => {
    const ids = await Promise.all(
      [
        ["k1", "a"],
        ["k1", "b"],
        ["k1", "c"],
        ["k2", "d"],
      ].map(([key, name]) => runner.start(lockedTask, { key, name }, { db: t.db })),
    );
    for (const id of ids) expect((await finished(id, 40_000))?.status).toBe("succeeded");
    const k1 = spans.filter((s) => s.key === "k1").sort((x, y) => x.from - y.from);
    expect(k1).toHaveLength(3);
    for (let i = 1; i < k1.length; i++) expect(k1[i]?.from).toBeGreaterThanOrEqual(k1[i - 1]?.to ?? Infinity);
    const d = spans.find((s) => s.run === "d");
    // k2 did not wait for k1's runs to finish.
    expect(d?.from).toBeLessThan(k1[2]?.from ?? 0);
  }, 60_000);

  it("withLock runs one holder of a key at a time", async () => {
    const held: [number, number][] = [];
    await Promise.all(
      Array.from({ length: 4 }, () =>
        withLock(t.db, "recount", async () => {
          const from = Date.now();
          await pause(150);
          held.push([from, Date.now()]);
        }),
      ),
    );
    held.sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < held.length; i++) expect(held[i]?.[0]).toBeGreaterThanOrEqual(held[i - 1]?.[1] ?? Infinity);
  });
});

describe("defineTask", () => {
  it("refuses a definition with a state without a step, an unknown target or a step on a final state", () => {
    expect(() =>
      defineTask("bad", {
        input: z.object({}),
        states: ["a", "b", "ok", "ko"],
        initial: "a",
        succeeded: "ok",
        failed: "ko",
        transitions: { a: ["b"], b: ["nowhere" as "ok"] },
        steps: { a: () => ({ next: "b" }), ok: () => ({ next: "ok" }) },
      }),
    ).toThrow(/"b" has no step.*"b" moves to unknown "nowhere".*"ok" is final/);
  });
});
