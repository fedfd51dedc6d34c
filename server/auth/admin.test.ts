import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { describeEnsureAdmin, ensureAdmin } from "./admin";
import { hashPassword, verifyPassword } from "./password";
import { signInCookie } from "./testing";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const find = async (email: string) => (await t.db.select().from(users).where(eq(users.email, email)))[0];

describe("ensureAdmin", () => {
  it("creates the admin when no user has the email, and the password signs in", async () => {
    expect(await ensureAdmin(t.db, "Root@Test.local", "first-admin-password")).toBe("created");
    expect(await find("root@test.local")).toMatchObject({ role: "admin", blocked: false });
    expect(await signInCookie(t.db, "root@test.local", "first-admin-password")).toContain("session-token");
  });

  it("is idempotent and never overwrites a password changed since", async () => {
    const changed = await hashPassword("changed-by-the-admin");
    await t.db.update(users).set({ passwordHash: changed }).where(eq(users.email, "root@test.local"));
    expect(await ensureAdmin(t.db, "root@test.local", "first-admin-password")).toBe("unchanged");
    expect((await find("root@test.local"))?.passwordHash).toBe(changed);
  });

  it("promotes an existing user (the seeded Ada) and gives a password only if it has none", async () => {
    await t.db.insert(users).values({ name: "Ada Admin", email: "ada@test.local", role: "member" });
    expect(await ensureAdmin(t.db, "ada@test.local", "ada-admin-password")).toBe("promoted");
    const ada = await find("ada@test.local");
    expect(ada).toMatchObject({ name: "Ada Admin", role: "admin" });
    expect(await verifyPassword("ada-admin-password", ada?.passwordHash)).toBe(true);

    const kept = await hashPassword("eds-own-password");
    await t.db.insert(users).values({ name: "Ed", email: "ed@test.local", role: "editor", passwordHash: kept });
    expect(await ensureAdmin(t.db, "ed@test.local", "env-password")).toBe("promoted");
    expect(await find("ed@test.local")).toMatchObject({ role: "admin", passwordHash: kept });
  });

  it("unblocks the declared admin, so restarting with ADMIN_EMAIL is a way back in after a lockout", async () => {
    const kept = await hashPassword("blocked-admins-own-password");
    await t.db
      .insert(users)
      .values({ name: "Locked Out", email: "locked@test.local", role: "admin", blocked: true, passwordHash: kept });
    const result = await ensureAdmin(t.db, "locked@test.local", "env-password-unused");
    expect(result).toBe("unblocked");
    expect(describeEnsureAdmin("Locked@Test.local", result)).toBe(
      "admin locked@test.local unblocked (ADMIN_EMAIL is made an active admin at every start)",
    );
    const locked = await find("locked@test.local");
    expect(locked).toMatchObject({ role: "admin", blocked: false, passwordHash: kept });
    // In the user's history, like a change made through the API.
    const trail = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.resource, "users"), eq(auditLog.recordId, locked?.id ?? "")));
    expect(trail).toMatchObject([
      {
        actorKind: "system",
        actorLabel: "ADMIN_EMAIL at start-up",
        operation: "update",
        before: { blocked: true },
        after: { blocked: false },
      },
    ]);
    expect(await signInCookie(t.db, "locked@test.local", "blocked-admins-own-password")).toContain("session-token");
    expect(await ensureAdmin(t.db, "locked@test.local", "env-password-unused")).toBe("unchanged");
    expect(describeEnsureAdmin("locked@test.local", "unchanged")).toBeNull();

    await t.db
      .insert(users)
      .values({ name: "Blocked Member", email: "blocked-member@test.local", blocked: true, passwordHash: kept });
    expect(await ensureAdmin(t.db, "blocked-member@test.local", "env-password-unused")).toBe("promoted and unblocked");
    expect(await find("blocked-member@test.local")).toMatchObject({ role: "admin", blocked: false });
  });

  it("settles two instances starting at once on one admin", async () => {
    const results = await Promise.all([
      ensureAdmin(t.db, "twin@test.local", "twin-password-1"),
      ensureAdmin(t.db, "twin@test.local", "twin-password-1"),
    ]);
    expect(results.sort()).toEqual(["created", "unchanged"]);
    expect(await t.db.select().from(users).where(eq(users.email, "twin@test.local"))).toHaveLength(1);
  });
});
