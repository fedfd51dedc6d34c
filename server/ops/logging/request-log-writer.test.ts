/**
 * The request log writer on a real PostgreSQL: rows carry every field of the finished request; the sample keeps that
 * share of successful requests and every 4xx and 5xx; a flood fills the buffer to its bound and no further, the
 * rest counted and reported; a database that refuses the insert loses nothing that fits, and the rows are written
 * once it answers again.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { requestLog } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { DatabaseUnavailableError } from "@/db/unavailable";
import { type CapturedLogs, captureLogs } from "@/server/core/logging/testing";
import type { FinishedRequest } from "@/server/ops/request-events";
import { INSTANCE, RequestLogWriter } from "./request-log-writer";

let t: TestDatabase;
let logs: CapturedLogs;

beforeAll(async () => {
  t = await createTestDatabase();
  logs = captureLogs();
});
afterAll(async () => {
  logs.restore();
  await t.drop();
});

function finished(overrides: Partial<FinishedRequest> = {}): FinishedRequest {
  return {
    requestId: randomUUID(),
    at: new Date(),
    method: "POST",
    route: "/api/trpc",
    procedures: ["posts.create"],
    status: 200,
    durationMs: 12.5,
    actorId: null,
    ip: "203.0.113.5",
    userAgent: "writer-test/1.0",
    error: null,
    ...overrides,
  };
}

const rowsOf = (requestId: string) => t.db.select().from(requestLog).where(eq(requestLog.requestId, requestId));

describe("rows", () => {
  it("carry the request's fields, a batch's procedures comma-separated, and this instance", async () => {
    const writer = new RequestLogWriter({ db: () => t.db, sample: 1, capacity: 100 });
    const actorId = randomUUID();
    const request = finished({ procedures: ["posts.list", "tags.list"], actorId, status: 503, error: "db down" });
    writer.accept(request);
    await writer.flush();
    const [row] = await rowsOf(request.requestId);
    expect(row).toMatchObject({
      requestId: request.requestId,
      method: "POST",
      route: "/api/trpc",
      procedure: "posts.list,tags.list",
      status: 503,
      durationMs: 12.5,
      actorId,
      ip: "203.0.113.5",
      userAgent: "writer-test/1.0",
      error: "db down",
      instance: INSTANCE,
    });
    expect(row?.at.getTime()).toBe(request.at.getTime());
    expect(writer.stats()).toMatchObject({ written: 1, waiting: 0, dropped: 0 });
  });

  it("bound what a client sent, and keep an actor id only when it is a uuid", async () => {
    const writer = new RequestLogWriter({ db: () => t.db, sample: 1, capacity: 100 });
    const request = finished({ userAgent: "x".repeat(10_000), actorId: "not-a-uuid", procedures: ["a".repeat(5_000)] });
    writer.accept(request);
    await writer.flush();
    const [row] = await rowsOf(request.requestId);
    expect(row?.userAgent).toHaveLength(512);
    expect(row?.procedure).toHaveLength(1_000);
    expect(row?.actorId).toBeNull();
  });
});

describe("sampling", () => {
  it("keeps exactly the successes whose coin falls under the sample, and every 4xx and 5xx", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(
          fc.record({
            status: fc.constantFrom(200, 201, 204, 302, 400, 401, 404, 429, 500, 503),
            coin: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          }),
          { maxLength: 200 },
        ),
        (sample, requests) => {
          // The coin is tossed for successes only: failures are kept without one.
          const coins = requests.filter((r) => r.status < 400).map((r) => r.coin);
          const writer = new RequestLogWriter({
            db: () => t.db,
            sample,
            capacity: 1_000,
            random: () => coins.shift() ?? 0,
          });
          for (const { status } of requests) writer.accept(finished({ status }));
          const expected = requests.filter((r) => r.status >= 400 || r.coin < sample).length;
          expect(writer.stats().waiting).toBe(expected);
          expect(writer.stats().sampledOut).toBe(requests.length - expected);
        },
      ),
    );
  });

  it("at 0 writes errors only; at 1, everything", async () => {
    const none = new RequestLogWriter({ db: () => t.db, sample: 0, capacity: 100 });
    const ok = finished({ status: 200 });
    const refused = finished({ status: 403 });
    const failed = finished({ status: 500, error: "boom" });
    for (const request of [ok, refused, failed]) none.accept(request);
    await none.flush();
    expect(await rowsOf(ok.requestId)).toHaveLength(0);
    expect(await rowsOf(refused.requestId)).toHaveLength(1);
    expect(await rowsOf(failed.requestId)).toHaveLength(1);
  });
});

describe("bounds", () => {
  it("a flood fills the buffer to its capacity and no further; the dropped are counted and reported in one warning", async () => {
    const writer = new RequestLogWriter({ db: () => t.db, sample: 1, capacity: 1_000, batchSize: 1_000 });
    logs.clear();
    // Not started and flushed only below: the flood arrives faster than any write.
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200_000; i++) writer.accept(finished({ status: i % 2 ? 200 : 500 }));
    const grown = process.memoryUsage().heapUsed - before;
    expect(writer.stats()).toMatchObject({ waiting: 1_000, dropped: 199_000 });
    // 1,000 rows of a few hundred bytes each, not 200,000 (which would take well over 50 MB).
    expect(grown).toBeLessThan(50 * 1_048_576);
    await writer.flush();
    expect(writer.stats()).toMatchObject({ written: 1_000, waiting: 0 });
    const warnings = logs.entries().filter((line) => line.area === "request-log" && line.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ dropped: 199_000, capacity: 1_000 });
  });

  it("a database that refuses keeps the rows that fit, warns once, and writes them once it answers", async () => {
    let down = true;
    const db = (): Database => {
      if (down) throw new DatabaseUnavailableError(5, { cause: new Error("connect ECONNREFUSED") });
      return t.db;
    };
    const writer = new RequestLogWriter({ db, sample: 1, capacity: 10, batchSize: 5 });
    logs.clear();
    const requests = Array.from({ length: 12 }, () => finished());
    for (const request of requests) writer.accept(request);
    await writer.flush();
    await writer.flush();
    expect(writer.stats()).toMatchObject({ written: 0, waiting: 10, dropped: 2, failedWrites: 2 });
    const failures = logs.entries().filter((line) => line.area === "request-log" && /failed/.test(String(line.msg)));
    expect(failures).toHaveLength(1);

    down = false;
    await writer.flush();
    expect(writer.stats()).toMatchObject({ written: 10, waiting: 0 });
    const kept = await Promise.all(requests.slice(0, 10).map((r) => rowsOf(r.requestId)));
    expect(kept.every((rows) => rows.length === 1)).toBe(true);
  });

  it("stop writes what waits and drops what comes after", async () => {
    const writer = new RequestLogWriter({ db: () => t.db, sample: 1, capacity: 100 }).start();
    const last = finished();
    writer.accept(last);
    await writer.stop();
    expect(await rowsOf(last.requestId)).toHaveLength(1);
    writer.accept(finished());
    expect(writer.stats()).toMatchObject({ waiting: 0, dropped: 1 });
  });
});
