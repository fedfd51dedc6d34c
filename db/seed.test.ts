import { count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { posts, projects, users } from "./schema";
import { DEMO_PASSWORD, DEMO_POST_COUNT, DEMO_PROJECTS, DEMO_USERS, seedDemoData, setDemoPasswords } from "./seed";
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
    const seeded = await t.db.select().from(projects);
    expect(seeded).toHaveLength(DEMO_PROJECTS.length);
    // Budgets come back exactly as seeded: numeric, as text.
    expect(seeded.map((p) => p.budget).sort()).toEqual(DEMO_PROJECTS.map((p) => p.budget).sort());
  });

  it("writes no passwords: only development gives the demo users one", async () => {
    const [withPassword] = await t.db.select({ n: count() }).from(users).where(isNotNull(users.passwordHash));
    expect(withPassword?.n).toBe(0);
  });

  it("setDemoPasswords gives every demo user but the admin the demo password, once", async () => {
    const hash = await hashPassword(DEMO_PASSWORD);
    const emails = await setDemoPasswords(t.db, hash, "admin@example.com");
    expect(emails).toEqual(DEMO_USERS.filter((u) => u.role !== "admin").map((u) => u.email));
    const rows = await t.db.select({ email: users.email, hash: users.passwordHash }).from(users);
    expect(rows.find((r) => r.email === "admin@example.com")?.hash).toBeNull();
    const eddie = rows.find((r) => r.email === "editor@example.com")?.hash;
    expect(await verifyPassword(DEMO_PASSWORD, eddie)).toBe(true);

    // A password changed since is kept.
    const changed = await hashPassword("eddies-own-password");
    await t.db.update(users).set({ passwordHash: changed }).where(eq(users.email, "editor@example.com"));
    await setDemoPasswords(t.db, hash, "admin@example.com");
    const [after] = await t.db.select().from(users).where(eq(users.email, "editor@example.com"));
    expect(after?.passwordHash).toBe(changed);
  });
});
