/**
 * The per-minute sampler on a real database: one row with what the window saw (requests, errors, percentiles, queries,
 * memory, loop lag), the window starting over after it; and the timer writes rows on its own until it is stopped.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { metricSamples, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { type FinishedRequest, requestFinished } from "@/server/ops/request-events";
import { instanceName } from "./labels";
import { appMetrics, closeAppMetrics } from "./registry";
import { startSampler, stopSampler, takeSample, writeSample } from "./sampler";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
});
afterAll(async () => {
  await stopSampler();
  closeAppMetrics();
  await t.drop();
});

const finished = (durationMs: number, status: number): FinishedRequest => ({
  requestId: crypto.randomUUID(),
  at: new Date(),
  method: "GET",
  route: "/api/trpc",
  procedures: ["posts.list"],
  status,
  durationMs,
  actorId: null,
  ip: null,
  userAgent: null,
  error: null,
});

describe("the metrics sampler", () => {
  it("writes one row with the window's figures, and the next window starts empty", async () => {
    const metrics = appMetrics();
    metrics.window.take(); // whatever earlier code of this process did
    // 1..100 ms, two of them server errors (40 and 80 ms) and one a refusal (not an error).
    for (let ms = 1; ms <= 100; ms++) requestFinished(finished(ms, ms % 40 === 0 ? 503 : ms === 7 ? 403 : 200));
    for (let i = 0; i < 5; i++) await getDb().select().from(users).limit(1);
    const at = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const memory = { liveEvents: null };
    await writeSample(t.db, await takeSample(getDb(), metrics, memory, at));

    const [row] = await t.db.select().from(metricSamples).where(eq(metricSamples.at, at));
    expect(row).toMatchObject({
      instance: instanceName(),
      requests: 100,
      errors: 2,
      liveSubscribers: 0,
      liveEvents: 0,
    });
    // HDR histograms: exact to about 1 %.
    expect(row?.p50Ms).toBeCloseTo(50, -0.5);
    expect(row?.p95Ms).toBeCloseTo(95, -0.5);
    expect(row?.p99Ms).toBeCloseTo(99, -0.5);
    expect(row?.dbQueries).toBeGreaterThanOrEqual(5);
    expect(row?.dbP95Ms).toBeGreaterThan(0);
    expect(row?.jobQueueDepth).toBe(0);
    expect(row?.rssBytes).toBeGreaterThan(10_000_000);
    expect(row?.heapUsedBytes).toBeGreaterThan(1_000_000);
    expect(row?.eventLoopLagP99Ms === null || (row?.eventLoopLagP99Ms ?? -1) >= 0).toBe(true);

    const next = await takeSample(getDb(), metrics, memory, new Date(at.getTime() + 60_000));
    expect(next).toMatchObject({ requests: 0, errors: 0, p50Ms: null, p95Ms: null, p99Ms: null });
  });

  it("samples on a clock-aligned timer until stopped", async () => {
    await t.db.delete(metricSamples);
    const everyMs = 500;
    startSampler({ db: getDb, metrics: appMetrics, everyMs });
    startSampler({ db: getDb, metrics: appMetrics, everyMs }); // a second start changes nothing
    const count = async () => (await t.db.select({ at: metricSamples.at }).from(metricSamples)).length;
    for (let i = 0; i < 100 && (await count()) < 2; i++) await new Promise((r) => setTimeout(r, 50));
    await stopSampler();
    const rows = await t.db.select({ at: metricSamples.at }).from(metricSamples);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) expect(r.at.getTime() % everyMs).toBe(0);
    // One row per window: no two share a start.
    expect(new Set(rows.map((r) => r.at.getTime())).size).toBe(rows.length);
    const stoppedAt = rows.length;
    await new Promise((r) => setTimeout(r, everyMs * 3));
    expect(await count()).toBe(stoppedAt);
  });
});
