/** The Postgres fixed-window counters, including the race that in-memory limits get wrong across instances. */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { hitRateLimit, hitRateLimits, pruneRateLimits, resetRateLimit } from "./rate-limit";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("hitRateLimit", () => {
  it("allows up to the limit in a window, then refuses with the seconds left", async () => {
    const rule = { key: "test:sequential", limit: 3, windowSeconds: 600 };
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await hitRateLimit(t.db, rule));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results.map((r) => r.count)).toEqual([1, 2, 3, 4, 5]);
    const last = results[4];
    expect(last?.allowed === false && last.retryAfter).toBeGreaterThan(590);
    expect(last?.allowed === false && last.retryAfter).toBeLessThanOrEqual(600);
  });

  it("lets exactly 5 of 20 parallel hits through a limit of 5, from two separate pools (two app instances)", async () => {
    const other = createDatabase(t.url, { max: 10 });
    try {
      const rule = { key: "test:parallel", limit: 5, windowSeconds: 600 };
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => hitRateLimit(i % 2 === 0 ? t.db : other.db, rule)),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(5);
      expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    } finally {
      await other.close();
    }
  });

  it("starts a new window once the old one ended", async () => {
    const rule = { key: "test:window", limit: 1, windowSeconds: 600 };
    await hitRateLimit(t.db, rule);
    expect((await hitRateLimit(t.db, rule)).allowed).toBe(false);
    await t.db
      .update(rateLimits)
      .set({ resetAt: sql`now() - interval '1 second'` })
      .where(eq(rateLimits.key, rule.key));
    expect(await hitRateLimit(t.db, rule)).toEqual({ allowed: true, count: 1 });
  });

  it("counts every rule and refuses with the longest wait when any is over", async () => {
    const short = { key: "test:multi:short", limit: 1, windowSeconds: 60 };
    const long = { key: "test:multi:long", limit: 1, windowSeconds: 3600 };
    expect((await hitRateLimits(t.db, [short, long])).allowed).toBe(true);
    const refused = await hitRateLimits(t.db, [short, long]);
    expect(refused.allowed).toBe(false);
    expect(!refused.allowed && refused.retryAfter).toBeGreaterThan(3000);
    const rows = await t.db.select({ key: rateLimits.key, count: rateLimits.count }).from(rateLimits);
    expect(rows.filter((r) => r.key.startsWith("test:multi:")).map((r) => r.count)).toEqual([2, 2]);
  });

  it("reset forgets a key; prune deletes only finished windows", async () => {
    await hitRateLimit(t.db, { key: "test:reset", limit: 1, windowSeconds: 600 });
    await resetRateLimit(t.db, "test:reset");
    expect((await hitRateLimit(t.db, { key: "test:reset", limit: 1, windowSeconds: 600 })).allowed).toBe(true);

    await hitRateLimit(t.db, { key: "test:old", limit: 1, windowSeconds: 600 });
    await t.db
      .update(rateLimits)
      .set({ resetAt: sql`now() - interval '1 minute'` })
      .where(eq(rateLimits.key, "test:old"));
    expect(await pruneRateLimits(t.db)).toBe(1);
    const keys = (await t.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
    expect(keys).not.toContain("test:old");
    expect(keys).toContain("test:reset");
  });
});
