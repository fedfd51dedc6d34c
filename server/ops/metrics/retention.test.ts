/** Retention of the metric samples: only rows older than the cutoff go, in bounded batches, whatever their number. */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricSamples } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { pruneMetricSamples, pruneSamples } from "./retention";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const now = Date.UTC(2026, 10, 29, 12, 0);

async function insertAged(minutesAgo: number[]) {
  if (minutesAgo.length === 0) return;
  await t.db
    .insert(metricSamples)
    .values(minutesAgo.map((m, i) => ({ at: new Date(now - m * MINUTE), instance: `host:${i}`, requests: i })));
}

const remaining = async () =>
  (await t.db.select({ at: metricSamples.at }).from(metricSamples)).map((r) => r.at.getTime()).sort((a, b) => a - b);

describe("pruning metric samples", () => {
  it("deletes exactly the rows before the cutoff, batch by batch", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 20 * 24 * 60 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 7 }),
        async (ages, batch, days) => {
          await t.db.delete(metricSamples);
          await insertAged(ages);
          const cutoff = new Date(now - days * DAY);
          const expectedKept = ages
            .map((m) => now - m * MINUTE)
            .filter((at) => at >= cutoff.getTime())
            .sort((a, b) => a - b);
          const deleted = await pruneSamples(t.db, cutoff, { batch, maxBatches: 1_000 });
          expect(deleted).toBe(ages.length - expectedKept.length);
          expect(await remaining()).toEqual(expectedKept);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("stops after maxBatches, leaving the rest for the next run", async () => {
    await t.db.delete(metricSamples);
    await insertAged(Array.from({ length: 25 }, () => 30 * 24 * 60));
    expect(await pruneSamples(t.db, new Date(now), { batch: 10, maxBatches: 2 })).toBe(20);
    expect(await remaining()).toHaveLength(5);
    expect(await pruneSamples(t.db, new Date(now), { batch: 10, maxBatches: 2 })).toBe(5);
  });

  it("the hourly job keeps METRICS_RETENTION_DAYS of samples", async () => {
    await t.db.delete(metricSamples);
    const real = Date.now();
    await t.db.insert(metricSamples).values([
      { at: new Date(real - 3 * DAY), instance: "a" },
      { at: new Date(real - 1 * DAY), instance: "a" },
      { at: new Date(real - 60_000), instance: "a" },
    ]);
    process.env.METRICS_RETENTION_DAYS = "2";
    try {
      const run = pruneMetricSamples.run(
        {},
        { id: "test", attempt: 0, signal: new AbortController().signal, db: t.db },
      );
      expect(await run).toEqual({ deleted: 1 });
    } finally {
      delete process.env.METRICS_RETENTION_DAYS;
    }
    expect(await remaining()).toHaveLength(2);
  });
});
