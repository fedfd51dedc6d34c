/**
 * Credentials sign-in through the real Auth.js route handler (in-process, csrf and all), on a real database:
 * success issues a session cookie; wrong password, blocked account and rate limit are refused with their codes.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimits, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { resolveActor } from "./actor";
import { attemptSignIn, createUserWithPassword, signInCookie } from "./testing";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const PASSWORD = "correct horse battery";

describe("credentials sign-in via /api/auth/callback/credentials", () => {
  it("issues a session cookie that resolves to the user", async () => {
    const user = await createUserWithPassword(
      t.db,
      { name: "Sia Signin", email: "sia@test.local", role: "editor" },
      PASSWORD,
    );
    const cookie = await signInCookie(t.db, "Sia@Test.local", PASSWORD);
    expect(cookie).toMatch(/^authjs\.session-token=/);
    const { actor, refused } = await resolveActor(t.db, new Headers({ cookie }));
    expect(refused).toBeUndefined();
    expect(actor).toEqual({ kind: "user", via: "session", user: { ...user, role: "editor" } });
  });

  it("refuses a wrong password and an unknown email with the same code, and sets no session", async () => {
    await createUserWithPassword(t.db, { name: "Wes Wrong", email: "wes@test.local", role: "member" }, PASSWORD);
    const wrong = await attemptSignIn(t.db, "wes@test.local", "not the password");
    const unknown = await attemptSignIn(t.db, "nobody@test.local", "not the password");
    for (const attempt of [wrong, unknown]) {
      expect(attempt.status).toBe(302);
      expect(attempt).toMatchObject({ error: "CredentialsSignin", code: "invalid_credentials", cookie: null });
      expect(attempt.location).toMatch(/^http:\/\/localhost\/sign-in\?/);
    }
  });

  it("refuses a blocked user, but only after the right password", async () => {
    await createUserWithPassword(
      t.db,
      { name: "Bo Blocked", email: "bo@test.local", role: "member", blocked: true },
      PASSWORD,
    );
    expect(await attemptSignIn(t.db, "bo@test.local", "a wrong guess")).toMatchObject({ code: "invalid_credentials" });
    expect(await attemptSignIn(t.db, "bo@test.local", PASSWORD)).toMatchObject({ code: "blocked", cookie: null });
  });

  it("refuses the 6th attempt for one email within the window, even with the right password", async () => {
    await createUserWithPassword(t.db, { name: "Ray Limit", email: "ray@test.local", role: "member" }, PASSWORD);
    for (let i = 0; i < 5; i++) {
      expect(await attemptSignIn(t.db, "ray@test.local", `guess ${i}`)).toMatchObject({ code: "invalid_credentials" });
    }
    expect(await attemptSignIn(t.db, "ray@test.local", PASSWORD)).toMatchObject({ code: "rate_limited", cookie: null });
    const [counter] = await t.db.select().from(rateLimits).where(eq(rateLimits.key, "signin:email:ray@test.local"));
    expect(counter?.count).toBe(6);
  });

  it("limits attempts per client IP across emails, whatever the client forges into X-Forwarded-For", async () => {
    // One proxy (TRUSTED_PROXIES=1) appended 203.0.113.9; the entries before it are the client's own invention.
    const forged = (i: number) => ({ headers: { "x-forwarded-for": `198.51.100.${i}, 203.0.113.9` } });
    for (let i = 0; i < 30; i++) await attemptSignIn(t.db, `ip-${i}@test.local`, "whatever", forged(i));
    const headers = { "x-forwarded-for": "203.0.113.9" };
    expect(await attemptSignIn(t.db, "ip-x@test.local", "whatever", { headers })).toMatchObject({
      code: "rate_limited",
    });
    // Another address is unaffected.
    const other = await attemptSignIn(t.db, "ip-y@test.local", "whatever", {
      headers: { "x-forwarded-for": "198.51.100.1" },
    });
    expect(other.code).toBe("invalid_credentials");
  }, 120_000); // 31 sign-ins, each a password hash: under a full `npm test` on 2 cores, over the 30 s default

  it("resets the email counter after a successful sign-in", async () => {
    await createUserWithPassword(t.db, { name: "Rene Reset", email: "rene@test.local", role: "member" }, PASSWORD);
    for (let i = 0; i < 4; i++) await attemptSignIn(t.db, "rene@test.local", `guess ${i}`);
    await signInCookie(t.db, "rene@test.local", PASSWORD);
    const rows = await t.db.select().from(rateLimits).where(eq(rateLimits.key, "signin:email:rene@test.local"));
    expect(rows).toEqual([]);
    for (let i = 0; i < 4; i++) {
      expect(await attemptSignIn(t.db, "rene@test.local", `again ${i}`)).toMatchObject({ code: "invalid_credentials" });
    }
  });

  it("never signs in a user without a password (OAuth-only)", async () => {
    await t.db.insert(users).values({ name: "Otto Oauth", email: "otto@test.local" });
    expect(await attemptSignIn(t.db, "otto@test.local", "")).toMatchObject({ code: "invalid_credentials" });
    expect(await attemptSignIn(t.db, "otto@test.local", "anything at all")).toMatchObject({
      code: "invalid_credentials",
    });
  });
});
