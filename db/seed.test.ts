import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts, users } from "./schema";
import { DEMO_POST_COUNT, DEMO_USERS, seedDemoData } from "./seed";
import { createTestDatabase, type TestDatabase } from "./testing/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("seedDemoData", () => {
  it("seeds an empty database once, and is a no-op afterwards, even when run concurrently", async () => {
    const results = await Promise.all([seedDemoData(t.db), seedDemoData(t.db), seedDemoData(t.db)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await seedDemoData(t.db)).toBe(false);

    const [u] = await t.db.select({ n: count() }).from(users);
    const [p] = await t.db.select({ n: count() }).from(posts);
    expect(u?.n).toBe(DEMO_USERS.length);
    expect(p?.n).toBe(DEMO_POST_COUNT);
    const [published] = await t.db.select({ n: count() }).from(posts).where(eq(posts.status, "published"));
    expect(published?.n).toBeGreaterThan(0);
    expect(published?.n).toBeLessThan(DEMO_POST_COUNT);
  });
});
