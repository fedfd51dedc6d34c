/**
 * `metrics.*` on a real database: the dashboard's figures combine instances per minute as the charts say (sums of
 * counts, the worst of percentiles and gauges), the Logs page's come from the request log in SQL, a request's audit
 * entries are found by its id; everyone but admins is refused, and hostile ranges answer 400 naming the field.
 */
import fc from "fast-check";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, metricSamples, posts, requestLog, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createApiToken } from "@/server/auth/testing";
import type { User } from "@/server/core";
import { callers, rejection } from "@/server/testing";

let t: TestDatabase;
let route: typeof import("@/app/api/trpc/[trpc]/route");
let admin: User;
let member: User;
let editor: User;
let bearer: Record<string, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  route = await import("@/app/api/trpc/[trpc]/route");
  const people = await t.db
    .insert(users)
    .values([
      { name: "Ada Admin", email: "ada@metrics.test", role: "admin" },
      { name: "Meg Member", email: "meg@metrics.test", role: "member" },
      { name: "Ed Editor", email: "ed@metrics.test", role: "editor" },
    ])
    .returning();
  [admin, member, editor] = [people[0] as User, people[1] as User, people[2] as User];
  bearer = { authorization: `Bearer ${await createApiToken(t.db, admin.id, { scope: "read" })}` };
});
afterAll(() => t.drop());

const MINUTE = 60_000;

describe("metrics.dashboard", () => {
  it("sums counts across instances and takes the worst of percentiles and gauges, per minute", async () => {
    const minute = new Date(Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE);
    await t.db.delete(metricSamples);
    await t.db.insert(metricSamples).values([
      {
        at: minute,
        instance: "a:1",
        requests: 10,
        errors: 1,
        p50Ms: 5,
        p95Ms: 100,
        p99Ms: 150,
        dbQueries: 40,
        dbP95Ms: 2,
        liveSubscribers: 3,
        liveEvents: 7,
        jobQueueDepth: 3,
        rssBytes: 100,
        heapUsedBytes: 50,
        eventLoopLagP99Ms: 12,
      },
      {
        at: minute,
        instance: "b:2",
        requests: 20,
        errors: 0,
        p50Ms: 8,
        p95Ms: 300,
        p99Ms: 400,
        dbQueries: 60,
        dbP95Ms: 4,
        liveSubscribers: 2,
        liveEvents: 3,
        jobQueueDepth: 5,
        rssBytes: 200,
        heapUsedBytes: 40,
        eventLoopLagP99Ms: 20,
      },
      // Older than the day: never shown.
      { at: new Date(minute.getTime() - 2 * 24 * 60 * MINUTE), instance: "a:1", requests: 999 },
    ]);
    const api = callers(t.db).as(admin);
    const hour = await api.metrics.dashboard({ range: "hour" });
    expect(hour.samples).toBe(1);
    expect(hour.totals).toEqual({ requests: 30, errors: 1 });
    expect(hour.points.length).toBeGreaterThanOrEqual(60);
    expect(hour.points.length).toBeLessThanOrEqual(61);
    const point = hour.points.find((p) => p.at.getTime() === minute.getTime());
    expect(point).toEqual({
      at: minute,
      requests: 30,
      errors: 1,
      p50Ms: 8,
      p95Ms: 300,
      p99Ms: 400,
      dbQueries: 100,
      dbP95Ms: 4,
      liveSubscribers: 5,
      liveEvents: 10,
      jobQueueDepth: 5,
      rssBytes: 200,
      heapUsedBytes: 50,
      eventLoopLagP99Ms: 20,
    });
    // Every other minute is a gap, not a zero.
    expect(hour.points.filter((p) => p.requests !== null)).toHaveLength(1);

    const day = await api.metrics.dashboard({ range: "day" });
    expect(day.bucketMinutes).toBe(10);
    expect(day.totals.requests).toBe(30);
    // Per minute, averaged over the 10-minute bucket.
    expect(day.points.find((p) => p.requests !== null)?.requests).toBe(3);
  });
});

describe("metrics.requestLog", () => {
  it("counts requests and 5xx errors and computes percentiles from the request log", async () => {
    const minute = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
    await t.db.delete(requestLog);
    await t.db.insert(requestLog).values(
      Array.from({ length: 100 }, (_, i) => ({
        at: new Date(minute + i * 100),
        requestId: `req-${i}`,
        method: "GET",
        route: "/api/trpc",
        status: i < 3 ? 502 : i < 10 ? 404 : 200,
        durationMs: i + 1,
        instance: "a:1",
      })),
    );
    const to = new Date(minute + 30 * MINUTE);
    const chart = await callers(t.db)
      .as(admin)
      .metrics.requestLog({ from: new Date(to.getTime() - 60 * MINUTE), to });
    expect(chart.bucketMinutes).toBe(1);
    expect(chart.totals).toEqual({ requests: 100, errors: 3 });
    const point = chart.points.find((p) => p.at.getTime() === minute);
    expect(point).toEqual({ at: new Date(minute), requests: 100, errors: 3, p50Ms: 50.5, p95Ms: 95.05, p99Ms: 99.01 });
    expect(chart.points.filter((p) => p.requests > 0)).toHaveLength(1);

    const week = await callers(t.db)
      .as(admin)
      .metrics.requestLog({ from: new Date(to.getTime() - 7 * 24 * 60 * MINUTE), to });
    expect(week.points.length).toBeLessThanOrEqual(120);
    expect(week.totals.requests).toBe(100);
  });
});

describe("metrics.requestAudit", () => {
  it("lists the audit entries with the request's id, oldest first, with their records' titles", async () => {
    const [post] = await t.db
      .insert(posts)
      .values({ title: "Audited post", slug: "audited-post", body: "A body.", authorId: admin.id })
      .returning({ id: posts.id });
    const postId = post?.id as string;
    const entry = { actorKind: "user" as const, actorId: admin.id, actorLabel: "Ada Admin", resource: "posts" };
    await t.db.insert(auditLog).values([
      { ...entry, operation: "create", recordId: postId, after: { title: "Audited post" }, requestId: "req-audit" },
      { ...entry, operation: "update", recordId: postId, after: { status: "published" }, requestId: "req-audit" },
      { ...entry, operation: "update", recordId: postId, after: { status: "draft" }, requestId: "req-other" },
    ]);
    const { items, totalItems } = await callers(t.db).as(admin).metrics.requestAudit({ requestId: "req-audit" });
    expect(totalItems).toBe(2);
    expect(items.map((e) => e.operation)).toEqual(["create", "update"]);
    expect(items[0]).toMatchObject({
      resource: "posts",
      resourceLabel: "Post",
      recordId: postId,
      title: { title: "Audited post", deleted: false },
      actorKind: "user",
      actorLabel: "Ada Admin",
    });
    expect((await callers(t.db).as(admin).metrics.requestAudit({ requestId: "nothing" })).items).toEqual([]);
  });
});

describe("metrics.*: admins only", () => {
  const range = { from: new Date(Date.now() - 60 * MINUTE), to: new Date() };
  const calls = {
    dashboard: (api: ReturnType<ReturnType<typeof callers>["as"]>) => api.metrics.dashboard({ range: "hour" }),
    requestLog: (api: ReturnType<ReturnType<typeof callers>["as"]>) => api.metrics.requestLog(range),
    requestAudit: (api: ReturnType<ReturnType<typeof callers>["as"]>) => api.metrics.requestAudit({ requestId: "x" }),
  };
  for (const [name, call] of Object.entries(calls)) {
    it(`${name} is refused to anonymous callers, members and editors`, async () => {
      const c = callers(t.db);
      expect((await rejection(call(c.anonymous))).code).toBe("UNAUTHORIZED");
      expect((await rejection(call(c.as(member)))).code).toBe("FORBIDDEN");
      expect((await rejection(call(c.as(editor)))).code).toBe("FORBIDDEN");
    });
  }
});

interface Envelope {
  error?: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } } };
}

async function query(path: string, input: unknown, raw = false) {
  const text = raw ? String(input) : JSON.stringify(superjson.serialize(input));
  const res = await route.GET(
    new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(text)}`, { headers: bearer }),
  );
  const body = (await res.json()) as Envelope;
  return {
    status: res.status,
    message: body.error?.json.message ?? "",
    fieldErrors: body.error?.json.data.fieldErrors,
  };
}

describe("hostile ranges over HTTP", () => {
  const now = Date.now();
  it("answers 400 naming the field", async () => {
    const backwards = await query("metrics.requestLog", { from: new Date(now), to: new Date(now - MINUTE) });
    expect(backwards.status).toBe(400);
    expect(Object.keys(backwards.fieldErrors ?? {})).toEqual(["to"]);
    const empty = await query("metrics.requestLog", { from: new Date(now), to: new Date(now) });
    expect(Object.keys(empty.fieldErrors ?? {})).toEqual(["to"]);
    const wide = await query("metrics.requestLog", { from: new Date(now - 40 * 24 * 60 * MINUTE), to: new Date(now) });
    expect(wide.status).toBe(400);
    expect(Object.keys(wide.fieldErrors ?? {})).toEqual(["from"]);
    const text = await query("metrics.requestLog", { from: "yesterday", to: new Date(now) });
    expect(text.status).toBe(400);
    expect(Object.keys(text.fieldErrors ?? {})).toEqual(["from"]);
    const invalid = await query(
      "metrics.requestLog",
      '{"json":{"from":"not a date","to":"2026-01-01T00:00:00.000Z"},"meta":{"values":{"from":["Date"],"to":["Date"]}}}',
      true,
    );
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.fieldErrors ?? {})).toEqual(["from"]);
    const range = await query("metrics.dashboard", { range: "year" });
    expect(range.status).toBe(400);
    expect(Object.keys(range.fieldErrors ?? {})).toEqual(["range"]);
    const extra = await query("metrics.dashboard", { range: "hour", sql: "drop table users" });
    expect(extra.status).toBe(400);
  });

  it("never answers 5xx nor leaks internals, whatever the range", async () => {
    const anyDate = fc.oneof(
      fc.date({ noInvalidDate: true }),
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(fc.record({ from: anyDate, to: anyDate }, { requiredKeys: [] }), async (input) => {
        const res = await query("metrics.requestLog", input);
        expect([200, 400]).toContain(res.status);
        expect(res.message).not.toMatch(/select |percentile|statement_timeout|\n\s+at /i);
        if (res.status === 400) expect(Object.keys(res.fieldErrors ?? {}).length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});
