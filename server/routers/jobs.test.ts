/**
 * The jobs router on a real PostgreSQL with pg-boss running real workers: counts, pages and one job as pg-boss left
 * them, retry and cancel with their audit entries (and their refusals, which change nothing), schedules with their
 * next run, the queues of another app on the same schema kept out of sight, and hostile input answered 400.
 */
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { auditLog, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { User } from "@/server/core";
import { defineJob, schedule } from "@/server/core/jobs/define";
import { enqueue } from "@/server/core/jobs/enqueue";
import { type JobsRuntime, startJobs } from "@/server/core/jobs/runtime";
import { nextRun } from "@/server/core/jobs/schedules";
import { rejection } from "@/server/testing";
import { createCallerFactory, createContext, router } from "@/server/trpc";
import { createJobsRouter } from "./jobs";

let t: TestDatabase;
let runtime: JobsRuntime;
/** The flaky job fails while this is false: the "missing setting" an admin fixes before retrying. */
let settingPresent = false;

const flaky = defineJob("test.admin.flaky", {
  input: z.object({ n: z.number().int() }),
  retry: { limit: 0 },
  run: () => {
    if (!settingPresent) throw new Error("the setting is missing");
    return { ok: true };
  },
});
const quick = defineJob("test.admin.quick", { input: z.object({ n: z.number().int() }), run: (input) => input });
const later = defineJob("test.admin.later", { input: z.object({}), run: () => {} });
const testJobs = [flaky, quick, later];
const testSchedules = [schedule("15 6 * * *", quick, { n: 0 }, { tz: "Europe/Paris" })];

const caller = createCallerFactory(router({ jobs: createJobsRouter(testJobs) }));
const people = {} as Record<"admin" | "editor" | "member", User>;
const as = (who: keyof typeof people) =>
  caller(createContext({ db: t.db, actor: { kind: "user", user: people[who], via: "session" } })).jobs;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const stateOf = async (id: string) =>
  (await t.db.execute<{ state: string }>(sql`select state from pgboss.job where id = ${id}`))[0]?.state;
const auditOf = (id: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.resource, "jobs"), eq(auditLog.recordId, id)));

/** A job of `flaky` that has failed for good. */
async function failedJob(): Promise<string> {
  const id = (await enqueue(flaky, { n: Math.floor(Math.random() * 1e6) }, { tx: t.db })) as string;
  await until(
    () => stateOf(id),
    (s) => s === "failed",
  );
  return id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  for (const role of ["admin", "editor", "member"] as const) {
    const [user] = await t.db
      .insert(users)
      .values({ name: `Jo ${role}`, email: `${role}@jobs.test`, role })
      .returning({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        emailVerifiedAt: users.emailVerifiedAt,
      });
    people[role] = user as User;
  }
  runtime = await startJobs({
    url: t.url,
    db: t.db,
    jobs: testJobs,
    schedules: testSchedules,
    work: true,
    pollingIntervalSeconds: 0.5,
    log: () => {},
  });
  // Another app sharing the pgboss schema: its queue and job must never show here.
  await runtime.boss.createQueue("other.app");
  await runtime.boss.send("other.app", { secret: "theirs" });
}, 60_000);

afterAll(async () => {
  await runtime?.stop(1_000);
  await t.drop();
});

describe("who may call jobs.*", () => {
  const calls = {
    queues: (j: ReturnType<typeof as>) => j.queues(),
    schedules: (j: ReturnType<typeof as>) => j.schedules(),
    list: (j: ReturnType<typeof as>) => j.list({}),
    get: (j: ReturnType<typeof as>) => j.get({ id: "00000000-0000-4000-8000-000000000000" }),
    retry: (j: ReturnType<typeof as>) => j.retry({ queue: flaky.name, id: "00000000-0000-4000-8000-000000000000" }),
    cancel: (j: ReturnType<typeof as>) => j.cancel({ queue: later.name, id: "00000000-0000-4000-8000-000000000000" }),
  };
  for (const [name, call] of Object.entries(calls)) {
    it(`${name}: admins only (editors and members are refused, anonymous callers asked to sign in)`, async () => {
      expect((await rejection(call(as("editor")))).code).toBe("FORBIDDEN");
      expect((await rejection(call(as("member")))).code).toBe("FORBIDDEN");
      expect((await rejection(call(caller(createContext({ db: t.db })).jobs))).code).toBe("UNAUTHORIZED");
    });
  }
});

describe("reading", () => {
  it("counts jobs by state per queue of the app, zeros included, and nothing of another app", async () => {
    const id = (await enqueue(quick, { n: 1 }, { tx: t.db })) as string;
    await until(
      () => stateOf(id),
      (s) => s === "completed",
    );
    const queues = await as("admin").queues();
    expect(queues.map((q) => q.name)).toEqual([flaky.name, quick.name, later.name]);
    const q = queues.find((x) => x.name === quick.name);
    expect(q?.counts.completed).toBeGreaterThanOrEqual(1);
    expect(Object.keys(q?.counts ?? {}).sort()).toEqual([
      "active",
      "cancelled",
      "completed",
      "created",
      "failed",
      "retry",
    ]);
    expect(queues.find((x) => x.name === later.name)).toMatchObject({ retryLimit: 2, timeoutSeconds: 300 });
    const all = await as("admin").list({ perPage: 100 });
    expect(all.items.some((j) => j.queue === "other.app")).toBe(false);
  });

  it("lists failed jobs with input, error and attempts, newest first, without the error's stack", async () => {
    const older = await failedJob();
    const newer = await failedJob();
    const page = await as("admin").list({ state: "failed", queue: flaky.name, perPage: 1 });
    expect(page).toMatchObject({ page: 1, perPage: 1, totalPages: page.totalItems });
    expect(page.totalItems).toBeGreaterThanOrEqual(2);
    const [first] = page.items;
    expect(first).toMatchObject({
      id: newer,
      queue: flaky.name,
      state: "failed",
      attempts: 1,
      maxAttempts: 1,
      error: "the setting is missing",
      canRetry: true,
      canCancel: false,
    });
    expect(JSON.parse(first?.input ?? "")).toEqual({ n: expect.any(Number) });
    // The stack pg-boss kept (it names this file) stays on the server.
    const [raw] = await t.db.execute<{ output: string }>(
      sql`select output::text as output from pgboss.job where id = ${newer}`,
    );
    expect(raw?.output).toContain("jobs.test.ts");
    expect(JSON.stringify(page)).not.toContain("jobs.test.ts");
    const second = await as("admin").list({ state: "failed", queue: flaky.name, perPage: 1, page: 2 });
    expect(second.items[0]?.id).toBe(older);
  });

  it("cuts a huge input to the bound, and says so", async () => {
    const id = (await enqueue(later, {}, { tx: t.db, startAfter: new Date(Date.now() + 3_600_000) })) as string;
    await t.db.execute(
      sql`update pgboss.job set data = ${JSON.stringify({ blob: "x".repeat(50_000) })}::jsonb where id = ${id}`,
    );
    const [row] = (await as("admin").list({ queue: later.name, perPage: 100 })).items.filter((j) => j.id === id);
    expect(row?.input.length).toBe(1_000);
    expect(row?.inputTruncated).toBe(true);
    const one = await as("admin").get({ id });
    expect(one.input.length).toBe(20_000);
    expect(one.inputTruncated).toBe(true);
  });

  it("gets one job, NOT_FOUND for an unknown id or another app's job, and from the archive read-only", async () => {
    const id = (await enqueue(quick, { n: 7 }, { tx: t.db })) as string;
    await until(
      () => stateOf(id),
      (s) => s === "completed",
    );
    const job = await as("admin").get({ id });
    expect(job).toMatchObject({ id, state: "completed", output: '{"n": 7}', archivedAt: null, attempts: 1 });
    const [other] = await t.db.execute<{ id: string }>(sql`select id from pgboss.job where name = 'other.app'`);
    expect((await rejection(as("admin").get({ id: other?.id as string }))).code).toBe("NOT_FOUND");
    expect((await rejection(as("admin").get({ id: "00000000-0000-4000-8000-000000000000" }))).code).toBe("NOT_FOUND");
    // What pg-boss's maintenance does to a finished job after the archive interval.
    await t.db.execute(sql`with moved as (delete from pgboss.job where id = ${id} returning *)
      insert into pgboss.archive (id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff,
        start_after, started_on, singleton_key, singleton_on, expire_in, created_on, completed_on, keep_until,
        dead_letter, policy, output)
      select id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after,
        started_on, singleton_key, singleton_on, expire_in, created_on, completed_on, keep_until, dead_letter, policy,
        output from moved`);
    const archived = await as("admin").get({ id });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(archived).toMatchObject({ canRetry: false, canCancel: false });
    const refused = await rejection(as("admin").cancel({ queue: quick.name, id }));
    expect(refused).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("archived") });
  });

  it("lists the schedules with their next run, computed in their time zone", async () => {
    const before = new Date();
    const [s] = await as("admin").schedules();
    expect(s).toMatchObject({ queue: quick.name, cron: "15 6 * * *", timeZone: "Europe/Paris", input: '{"n": 0}' });
    const next = s?.nextRunAt as Date;
    expect(next.getTime()).toBeGreaterThan(before.getTime());
    expect(next.getTime() - before.getTime()).toBeLessThanOrEqual(24 * 3600 * 1000);
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", timeStyle: "short" }).format(next)).toBe(
      "06:15",
    );
  });
});

describe("nextRun", () => {
  it("follows the time zone across a daylight saving change, and is null for an expression that does not parse", () => {
    // 08:00 in New York on the Monday after DST began (2026-03-08): 12:00 UTC, not 13:00.
    expect(nextRun("0 8 * * 1", "America/New_York", new Date("2026-03-07T00:00:00Z"))?.toISOString()).toBe(
      "2026-03-09T12:00:00.000Z",
    );
    expect(nextRun("not cron", "UTC", new Date())).toBeNull();
  });
});

describe("retry", () => {
  it("gives a failed job one more attempt, which succeeds once the cause is fixed; one audit entry", async () => {
    const id = await failedJob();
    settingPresent = true;
    try {
      const retried = await as("admin").retry({ queue: flaky.name, id });
      expect(retried).toMatchObject({ id, state: "retry", maxAttempts: 2, canRetry: false, canCancel: true });
      await until(
        () => stateOf(id),
        (s) => s === "completed",
      );
      expect(await as("admin").get({ id })).toMatchObject({ state: "completed", attempts: 2, maxAttempts: 2 });
    } finally {
      settingPresent = false;
    }
    const entries = await auditOf(id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      operation: "retry",
      actorKind: "user",
      actorId: people.admin.id,
      actorLabel: people.admin.name,
      before: { queue: flaky.name, state: "failed" },
      after: { queue: flaky.name, state: "retry" },
    });
  });

  it("refuses a job that is not failed or cancelled, and one named under the wrong queue, changing nothing", async () => {
    const done = (await enqueue(quick, { n: 2 }, { tx: t.db })) as string;
    await until(
      () => stateOf(done),
      (s) => s === "completed",
    );
    const refused = await rejection(as("admin").retry({ queue: quick.name, id: done }));
    expect(refused).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("completed") });
    const failed = await failedJob();
    expect((await rejection(as("admin").retry({ queue: quick.name, id: failed }))).code).toBe("NOT_FOUND");
    expect(await stateOf(failed)).toBe("failed");
    expect([...(await auditOf(done)), ...(await auditOf(failed))]).toEqual([]);
  });

  it("changes a job once when two admins retry it at the same moment", async () => {
    const id = await failedJob();
    const results = await Promise.allSettled([
      as("admin").retry({ queue: flaky.name, id }),
      as("admin").retry({ queue: flaky.name, id }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(await auditOf(id)).toHaveLength(1);
  });
});

describe("cancel", () => {
  it("cancels a waiting job, refuses a second cancel, and a retry resumes it as new; each step audited", async () => {
    const id = (await enqueue(later, {}, { tx: t.db, startAfter: new Date(Date.now() + 3_600_000) })) as string;
    expect(await as("admin").cancel({ queue: later.name, id })).toMatchObject({
      state: "cancelled",
      canRetry: true,
      canCancel: false,
    });
    expect(await stateOf(id)).toBe("cancelled");
    expect((await rejection(as("admin").cancel({ queue: later.name, id }))).code).toBe("CONFLICT");
    const resumed = await as("admin").retry({ queue: later.name, id });
    expect(resumed).toMatchObject({ state: "created", attempts: 0, maxAttempts: 3, finishedAt: null });
    const entries = await auditOf(id);
    expect(entries.map((e) => [e.operation, e.before, e.after])).toEqual([
      ["cancel", { queue: later.name, state: "created" }, { queue: later.name, state: "cancelled" }],
      ["retry", { queue: later.name, state: "cancelled" }, { queue: later.name, state: "created" }],
    ]);
  });
});

describe("hostile input", () => {
  it("answers 400 naming the field for any malformed target, never a 500, and changes nothing", async () => {
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          queue: fc.oneof(fc.string({ maxLength: 80 }), fc.constant(flaky.name), fc.constant("other.app")),
          id: fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.uuid().map((u) => `${u}x`),
            fc.constant(""),
          ),
        }),
        async (input) => {
          fc.pre(!(input.queue === flaky.name && z.uuid().safeParse(input.id).success));
          for (const call of [as("admin").retry, as("admin").cancel]) {
            const error = await rejection(call(input));
            expect(error.code).toBe("BAD_REQUEST");
            expect(Object.keys(error.fieldErrors).every((k) => k === "queue" || k === "id")).toBe(true);
            expect(Object.keys(error.fieldErrors).length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (input) => {
        try {
          await as("admin").list(input as never);
        } catch (error) {
          expect((error as { code?: string }).code).toBe("BAD_REQUEST");
        }
      }),
      { numRuns: 100 },
    );
    const after = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    expect(after).toEqual(before);
  });

  it("bounds a page: perPage over 100 and a page past 1000 are refused", async () => {
    expect((await rejection(as("admin").list({ perPage: 101 }))).fieldErrors).toHaveProperty("perPage");
    expect((await rejection(as("admin").list({ page: 1001 }))).fieldErrors).toHaveProperty("page");
    expect((await rejection(as("admin").list({ queue: "other.app" }))).fieldErrors).toEqual({
      queue: ["Not a queue of this app."],
    });
  });
});
