/**
 * Request log retention on a real PostgreSQL: the prune deletes the rows older than the retention and nothing newer,
 * in batches of its size, and stops after its batch budget, leaving the rest for the next run. The scheduled job runs
 * the same prune with LOG_RETENTION_DAYS.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requestLog } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { pruneRequestLog, pruneRequestLogJob, pruneRequestLogSchedule } from "./retention";

let t: TestDatabase;
const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2026-06-15T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** One row per age in days, named after it. */
async function seed(ages: number[]) {
  await t.db.delete(requestLog);
  await t.db.insert(requestLog).values(
    ages.map((age) => ({
      at: new Date(now.getTime() - age * DAY),
      requestId: `age-${age}`,
      method: "GET",
      route: "/api/health",
      status: 200,
      durationMs: 1,
      instance: "test",
    })),
  );
}

const left = async () =>
  (await t.db.select({ requestId: requestLog.requestId }).from(requestLog)).map((r) => r.requestId).sort();

describe("pruneRequestLog", () => {
  beforeEach(() => seed([0, 1, 6.9, 7.1, 8, 30, 365]));

  it("deletes the rows older than the retention, and only those", async () => {
    const result = await pruneRequestLog(t.db, 7, { now, batchSize: 2 });
    expect(result).toMatchObject({ deleted: 4, complete: true });
    expect(await left()).toEqual(["age-0", "age-1", "age-6.9"].sort());
  });

  it("stops after its batch budget, oldest first, and the next run takes the rest", async () => {
    const first = await pruneRequestLog(t.db, 7, { now, batchSize: 1, maxBatches: 2 });
    expect(first).toMatchObject({ deleted: 2, complete: false });
    expect(await left()).toEqual(["age-0", "age-1", "age-6.9", "age-7.1", "age-8"].sort());
    const second = await pruneRequestLog(t.db, 7, { now, batchSize: 1, maxBatches: 10 });
    expect(second).toMatchObject({ deleted: 2, complete: true });
  });

  it("with a longer retention keeps more", async () => {
    await pruneRequestLog(t.db, 31, { now });
    expect(await left()).toContain("age-30");
    expect(await left()).not.toContain("age-365");
    expect(await left()).toHaveLength(6);
  });
});

describe("the job", () => {
  it("runs hourly and prunes with LOG_RETENTION_DAYS", async () => {
    expect(pruneRequestLogSchedule).toMatchObject({ cron: "17 * * * *", job: pruneRequestLogJob });
    await t.db.delete(requestLog);
    const old = { method: "GET", route: "/api/health", status: 200, durationMs: 1, instance: "test" };
    await t.db.insert(requestLog).values([
      { ...old, requestId: "three-days", at: new Date(Date.now() - 3 * DAY) },
      { ...old, requestId: "an-hour", at: new Date(Date.now() - DAY / 24) },
    ]);
    const saved = process.env.LOG_RETENTION_DAYS;
    process.env.LOG_RETENTION_DAYS = "2";
    try {
      const signal = new AbortController().signal;
      const result = await pruneRequestLogJob.run({}, { id: randomUUID(), attempt: 0, signal, db: t.db });
      expect(result).toMatchObject({ deleted: 1 });
    } finally {
      if (saved === undefined) delete process.env.LOG_RETENTION_DAYS;
      else process.env.LOG_RETENTION_DAYS = saved;
    }
    expect(await left()).toEqual(["an-hour"]);
  });
});
