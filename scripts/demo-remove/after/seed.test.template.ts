// db/seed.test.ts once `npm run demo:remove` has taken the demo blog out (named .template.ts so vitest skips it here).
import { count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData, setDemoPasswords } from "./seed";

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
    expect(u?.n).toBe(DEMO_USERS.length);
  });

  it("writes no passwords: only development gives the seeded users one", async () => {
    const [withPassword] = await t.db.select({ n: count() }).from(users).where(isNotNull(users.passwordHash));
    expect(withPassword?.n).toBe(0);
  });

  it("setDemoPasswords gives every seeded user but the admin the shared password, once", async () => {
    const hash = await hashPassword(DEMO_PASSWORD);
    const emails = await setDemoPasswords(t.db, hash, "admin@example.com");
    expect(emails).toEqual(DEMO_USERS.filter((u) => u.role !== "admin").map((u) => u.email));
    const rows = await t.db.select({ email: users.email, hash: users.passwordHash }).from(users);
    expect(rows.find((r) => r.email === "admin@example.com")?.hash).toBeNull();
    expect(await verifyPassword(DEMO_PASSWORD, rows.find((r) => r.email === "editor@example.com")?.hash)).toBe(true);

    // A password changed since is kept.
    const changed = await hashPassword("eddies-own-password");
    await t.db.update(users).set({ passwordHash: changed }).where(eq(users.email, "editor@example.com"));
    await setDemoPasswords(t.db, hash, "admin@example.com");
    const [after] = await t.db.select().from(users).where(eq(users.email, "editor@example.com"));
    expect(after?.passwordHash).toBe(changed);
  });
});
