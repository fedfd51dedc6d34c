/** Linking OAuth identities to users by verified email (the provider round trip itself needs the internet). */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { linkOAuthUser } from "./oauth";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("linkOAuthUser", () => {
  it("creates a member for a new verified email, and finds the same user next time", async () => {
    const first = await linkOAuthUser(t.db, { email: "New@Test.local", name: "Nia New", emailVerified: true });
    const again = await linkOAuthUser(t.db, { email: "new@test.local", name: "Other Name", emailVerified: true });
    expect(first.ok && again.ok && first.userId === again.userId).toBe(true);
    const rows = await t.db.select().from(users).where(eq(users.email, "new@test.local"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "Nia New", role: "member", passwordHash: null, blocked: false });
  });

  it("matches an existing password user by email, keeping their role", async () => {
    const [ed] = await t.db
      .insert(users)
      .values({ name: "Ed", email: "ed@test.local", role: "editor" })
      .returning({ id: users.id });
    expect(await linkOAuthUser(t.db, { email: "ed@test.local", name: "Ed E.", emailVerified: true })).toEqual({
      ok: true,
      userId: ed?.id,
    });
    expect((await t.db.select().from(users).where(eq(users.email, "ed@test.local")))[0]?.role).toBe("editor");
  });

  it("refuses unverified or missing emails, and creates nobody", async () => {
    expect(await linkOAuthUser(t.db, { email: "sneaky@test.local", name: "S", emailVerified: false })).toEqual({
      ok: false,
      reason: "unverified_email",
    });
    expect(await linkOAuthUser(t.db, { email: null, name: "S", emailVerified: true })).toMatchObject({ ok: false });
    expect(await t.db.select().from(users).where(eq(users.email, "sneaky@test.local"))).toEqual([]);
  });

  it("refuses a blocked user", async () => {
    await t.db.insert(users).values({ name: "Bo", email: "bo@test.local", blocked: true });
    expect(await linkOAuthUser(t.db, { email: "bo@test.local", name: "Bo", emailVerified: true })).toEqual({
      ok: false,
      reason: "blocked",
    });
  });

  it("takes an unverified account from whoever signed up with the address: its password and sessions go", async () => {
    await t.db
      .insert(users)
      .values({ name: "Squatter", email: "owner@test.local", passwordHash: "scrypt$x", emailVerifiedAt: null });
    const link = await linkOAuthUser(t.db, { email: "owner@test.local", name: "Owner", emailVerified: true });
    expect(link).toMatchObject({ ok: true });
    const [row] = await t.db.select().from(users).where(eq(users.email, "owner@test.local"));
    expect(row?.passwordHash).toBeNull();
    expect(row?.emailVerifiedAt).toBeInstanceOf(Date);
  });
});
