/**
 * The API rate limits through the real /api/trpc handler on a real database, with limits low enough to reach:
 * per IP for anonymous callers, per user when signed in, one hit per call of a batch, a resource's own per-procedure
 * limit, and one shared count across two handler instances on two connection pools (two app instances).
 */
import { count, eq } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/db/client";
import { posts, rateLimits } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createUserWithPassword, signInCookie } from "@/server/auth/testing";
import { defineResource } from "@/server/core/resource";

const PER_IP = 5;
const PER_USER = 8;

let t: TestDatabase;
let route: typeof import("@/app/api/trpc/[trpc]/route");
let api: typeof import("./api-handler");
let limiters: typeof import("./rate-limit");
let cookie: string;
let otherCookie: string;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.API_RATE_LIMIT_PER_IP = String(PER_IP);
  process.env.API_RATE_LIMIT_PER_USER = String(PER_USER);
  route = await import("@/app/api/trpc/[trpc]/route");
  api = await import("./api-handler");
  limiters = await import("./rate-limit");
  const password = "correct horse battery staple";
  await createUserWithPassword(t.db, { name: "Busy Member", email: "busy@limits.test", role: "member" }, password);
  await createUserWithPassword(t.db, { name: "Calm Member", email: "calm@limits.test", role: "member" }, password);
  cookie = await signInCookie(t.db, "busy@limits.test", password);
  otherCookie = await signInCookie(t.db, "calm@limits.test", password);
});
afterAll(() => t.drop());

interface ErrorEnvelope {
  error?: { json: { message: string; data: { code: string; httpStatus: number } } };
}

type Handler = (req: Request) => Promise<Response>;

const list = (handler: Handler, headers: Record<string, string>, calls = 1) =>
  handler(
    new Request(
      calls === 1
        ? "http://localhost/api/trpc/posts.list"
        : `http://localhost/api/trpc/${Array(calls).fill("posts.list").join(",")}?batch=1`,
      { headers },
    ),
  );

async function statuses(handler: Handler, headers: Record<string, string>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await list(handler, headers)).status);
  return out;
}

describe("API rate limits", () => {
  it("refuses an IP past its limit with 429, Retry-After and a plain message; other IPs go on", async () => {
    const ip = { "x-forwarded-for": "203.0.113.1" };
    expect(await statuses(route.GET, ip, PER_IP)).toEqual(Array(PER_IP).fill(200));
    const refused = await list(route.GET, ip);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await refused.json()) as ErrorEnvelope;
    expect(body.error?.json.message).toBe(`Too many requests; retry in ${retryAfter} s.`);
    expect(body.error?.json.data).toMatchObject({ code: "TOO_MANY_REQUESTS", httpStatus: 429 });
    expect((await list(route.GET, { "x-forwarded-for": "203.0.113.2" })).status).toBe(200);
  });

  it("counts a signed-in user across IPs against the per-user limit, apart from other users", async () => {
    const from = (i: number) => ({ cookie, "x-forwarded-for": `198.51.100.${i}` });
    const seen: number[] = [];
    for (let i = 0; i < PER_USER; i++) seen.push((await list(route.GET, from(i))).status);
    expect(seen).toEqual(Array(PER_USER).fill(200));
    const refused = await list(route.GET, from(99));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await list(route.GET, { cookie: otherCookie, "x-forwarded-for": "198.51.100.1" })).status).toBe(200);
  });

  it("counts every call of a batch: a batch of 4 leaves room for 1 more, a batch of 6 is refused whole", async () => {
    const ip = { "x-forwarded-for": "203.0.113.3" };
    expect((await list(route.GET, ip, 4)).status).toBe(200);
    expect((await list(route.GET, ip)).status).toBe(200);
    expect((await list(route.GET, ip)).status).toBe(429);
    expect((await list(route.GET, { "x-forwarded-for": "203.0.113.4" }, PER_IP + 1)).status).toBe(429);
  });

  it("shares one count between two handler instances on two pools (two app instances)", async () => {
    const poolA = createDatabase(t.url, { max: 2 });
    const poolB = createDatabase(t.url, { max: 2 });
    const limiterA = new limiters.SharedRateLimiter(() => poolA.db);
    const limiterB = new limiters.SharedRateLimiter(() => poolB.db);
    try {
      const instanceA = api.createApiHandler({ limiter: limiterA });
      const instanceB = api.createApiHandler({ limiter: limiterB });
      const ip = { "x-forwarded-for": "203.0.113.5" };
      expect(await statuses(instanceA, ip, 3)).toEqual([200, 200, 200]);
      await limiterA.flush(); // what the timer does every 250 ms
      expect(await statuses(instanceB, ip, 3)).toEqual([200, 200, 429]);
      await limiterB.flush();
      expect((await list(instanceA, ip)).status).toBe(200); // A has not heard of B's hits yet: the bounded overshoot
      await limiterA.flush();
      expect((await list(instanceA, ip)).status).toBe(429); // now it has
      const [row] = await t.db
        .select({ count: rateLimits.count })
        .from(rateLimits)
        .where(eq(rateLimits.key, "api:ip:203.0.113.5"));
      expect(row?.count).toBe(6);
    } finally {
      limiterA.stop();
      limiterB.stop();
      await Promise.all([poolA.close(), poolB.close()]);
    }
  });

  it("applies a resource's own per-procedure limit on top, per caller", async () => {
    const handler = api.createApiHandler({
      resourceLimits: { posts: { create: { limit: 2, windowSeconds: 60 } } },
      limits: { perUser: 1_000 },
    });
    const create = (title: string) =>
      handler(
        new Request("http://localhost/api/trpc/posts.create", {
          method: "POST",
          headers: { "content-type": "application/json", cookie: otherCookie },
          body: JSON.stringify(superjson.serialize({ title, body: "Body of a limited post.", status: "draft" })),
        }),
      );
    expect((await create("Limited post one")).status).toBe(200);
    expect((await create("Limited post two")).status).toBe(200);
    const third = await create("Limited post three");
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
    const [n] = await t.db.select({ n: count() }).from(posts);
    expect(n?.n).toBe(2);
    // Other procedures of the resource are not affected.
    expect((await list(handler, { cookie: otherCookie })).status).toBe(200);
  });

  it("answers a resource's limits in meta, and refuses a limit that cannot work at definition", async () => {
    const meta = await route.GET(
      new Request("http://localhost/api/trpc/tags.meta", { headers: { "x-forwarded-for": "203.0.113.9" } }),
    );
    const body = (await meta.json()) as { result: { data: { json: { rateLimit: unknown } } } };
    expect(body.result.data.json.rateLimit).toEqual({});
    const { tags } = await import("@/db/schema");
    expect(() =>
      defineResource("broken", {
        table: tags,
        titleField: "name",
        rateLimit: { create: { limit: 0, windowSeconds: 60 } },
      }),
    ).toThrowError(/rateLimit.create.limit must be a positive integer/);
  });
});
