/**
 * resolveActor on real credentials: session cookies issued by the real Auth.js handler and API tokens stored hashed.
 */

import { eq, sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { TEST_AUTH_SECRET } from "@/env";
import { resolveActor, SECOND_FACTOR_PENDING, SESSION_ENDED } from "./actor";
import { issuePocketBaseToken } from "./pocketbase-token";
import { createSession, revokeSession } from "./sessions";
import { createApiToken, createUserWithPassword, sessionIdOf, signInCookie } from "./testing";
import { tokenCache } from "./token-cache";
import { hashApiToken } from "./tokens";

let t: TestDatabase;
let ada: { id: string; name: string; email: string; role: "admin" | "editor" | "member" };
let adaCookie: string;
const PASSWORD = "ada's long password";

beforeAll(async () => {
  t = await createTestDatabase();
  ada = await createUserWithPassword(t.db, { name: "Ada Actor", email: "ada@test.local", role: "admin" }, PASSWORD);
  adaCookie = await signInCookie(t.db, "ada@test.local", PASSWORD);
});
afterAll(() => t.drop());

const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

describe("resolveActor: sessions", () => {
  it("is anonymous without credentials, and with a cookie it cannot decrypt", async () => {
    expect(await resolveActor(t.db, new Headers())).toEqual({ actor: { kind: "anonymous" } });
    const forged = new Headers({ cookie: "authjs.session-token=not-a-jwe" });
    expect(await resolveActor(t.db, forged)).toEqual({ actor: { kind: "anonymous" } });
  });

  it("resolves a valid session to the user, fresh from the database", async () => {
    const { actor } = await resolveActor(t.db, new Headers({ cookie: adaCookie }));
    expect(actor).toEqual({ kind: "user", via: "session", user: ada });
    await t.db.update(users).set({ role: "editor" }).where(eq(users.id, ada.id));
    const after = await resolveActor(t.db, new Headers({ cookie: adaCookie }));
    expect(after.actor).toMatchObject({ user: { role: "editor" } });
    await t.db.update(users).set({ role: "admin" }).where(eq(users.id, ada.id));
  });

  it("reads the user's avatar in the same lookup, for the header, and keeps it out of the actor", async () => {
    expect((await resolveActor(t.db, new Headers({ cookie: adaCookie }))).avatar).toBeNull();
    const avatar = { id: "7b0c6c0e-6a57-4bd5-9f57-4c8f6f0b8d11", name: "ada.png", size: 12, type: "image/png" };
    await t.db.update(users).set({ avatar }).where(eq(users.id, ada.id));
    const resolved = await resolveActor(t.db, new Headers({ cookie: adaCookie }));
    expect(resolved).toEqual({ actor: { kind: "user", via: "session", user: ada }, avatar });
    await t.db.update(users).set({ avatar: null }).where(eq(users.id, ada.id));
  });

  it("reads the __Secure- cookie name used over https", async () => {
    const value = adaCookie.split("=").slice(1).join("=");
    // The value was encrypted with the plain name as salt, so it does not decrypt under the secure name...
    expect(
      (await resolveActor(t.db, new Headers({ cookie: `__Secure-authjs.session-token=${value}` }))).actor.kind,
    ).toBe("anonymous");
    // ...while a token issued for https does.
    const name = "__Secure-authjs.session-token";
    const sid = await sessionIdOf(adaCookie);
    const secure = await encode({ token: { sub: ada.id, sid }, secret: TEST_AUTH_SECRET, salt: name });
    const { actor } = await resolveActor(t.db, new Headers({ cookie: `${name}=${secure}` }));
    expect(actor).toMatchObject({ kind: "user", via: "session", user: { id: ada.id } });
  });

  it("refuses a cookie without a session row: one issued before sessions were rows, or naming another's", async () => {
    const name = "authjs.session-token";
    const bare = await encode({ token: { sub: ada.id }, secret: TEST_AUTH_SECRET, salt: name });
    expect(await resolveActor(t.db, new Headers({ cookie: `${name}=${bare}` }))).toEqual({
      actor: { kind: "anonymous" },
      refused: SESSION_ENDED,
    });
    const eve = await createUserWithPassword(t.db, { name: "Eve", email: "eve@test.local", role: "member" }, PASSWORD);
    const evesSid = await sessionIdOf(await signInCookie(t.db, eve.email, PASSWORD));
    const borrowed = await encode({ token: { sub: ada.id, sid: evesSid }, secret: TEST_AUTH_SECRET, salt: name });
    expect((await resolveActor(t.db, new Headers({ cookie: `${name}=${borrowed}` }))).refused).toBe(SESSION_ENDED);
  });

  it("refuses the existing session of a user blocked after signing in", async () => {
    const bob = await createUserWithPassword(t.db, { name: "Bob", email: "bob@test.local", role: "member" }, PASSWORD);
    const cookie = await signInCookie(t.db, bob.email, PASSWORD);
    expect((await resolveActor(t.db, new Headers({ cookie }))).actor.kind).toBe("user");
    await t.db.update(users).set({ blocked: true }).where(eq(users.id, bob.id));
    expect(await resolveActor(t.db, new Headers({ cookie }))).toEqual({
      actor: { kind: "anonymous" },
      refused: "This account is blocked.",
    });
  });

  it("refuses a session whose user was deleted", async () => {
    const gus = await createUserWithPassword(t.db, { name: "Gus", email: "gus@test.local", role: "member" }, PASSWORD);
    const cookie = await signInCookie(t.db, gus.email, PASSWORD);
    await t.db.delete(users).where(eq(users.id, gus.id));
    expect(await resolveActor(t.db, new Headers({ cookie }))).toEqual({
      actor: { kind: "anonymous" },
      refused: "This account no longer exists.",
    });
  });

  it("ignores a session cookie when a bearer token is presented", async () => {
    const headers = new Headers({ cookie: adaCookie, authorization: "Bearer atr_nope" });
    expect(await resolveActor(t.db, headers)).toEqual({ actor: { kind: "anonymous" }, refused: "Invalid API token." });
  });
});

describe("resolveActor: API tokens", () => {
  it("resolves read and write tokens to their owner, scope and token id", async () => {
    for (const scope of ["read", "write"] as const) {
      const token = await createApiToken(t.db, ada.id, { scope });
      const [row] = await t.db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.tokenHash, hashApiToken(token)));
      const { actor, refused } = await resolveActor(t.db, bearer(token));
      expect(refused).toBeUndefined();
      expect(actor).toEqual({ kind: "user", via: "token", user: ada, scope, tokenId: row?.id });
    }
  });

  it("stores only a hash and a short prefix, never the token", async () => {
    const token = await createApiToken(t.db, ada.id, { scope: "read", name: "stored" });
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.name, "stored"));
    expect(token).toMatch(/^atr_[\w-]{43}$/);
    expect(row?.prefix).toBe(token.slice(0, 12));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.slice(12));
  });

  it("refuses unknown, malformed and empty tokens", async () => {
    const unknown = `atr_${"A".repeat(43)}`;
    for (const value of [unknown, "atr_short", "ghp_something", ""]) {
      const headers = new Headers({ authorization: `Bearer ${value}` });
      expect(await resolveActor(t.db, headers)).toEqual({
        actor: { kind: "anonymous" },
        refused: "Invalid API token.",
      });
    }
  });

  it("refuses a revoked token", async () => {
    const token = await createApiToken(t.db, ada.id, { scope: "write" });
    await t.db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.tokenHash, hashApiToken(token)));
    expect(await resolveActor(t.db, bearer(token))).toEqual({
      actor: { kind: "anonymous" },
      refused: "Invalid API token.",
    });
  });

  it("refuses an expired token, and accepts one that expires later", async () => {
    const expired = await createApiToken(t.db, ada.id, { scope: "read", expiresAt: new Date(Date.now() - 1000) });
    expect(await resolveActor(t.db, bearer(expired))).toEqual({
      actor: { kind: "anonymous" },
      refused: "This API token has expired.",
    });
    const later = await createApiToken(t.db, ada.id, { scope: "read", expiresAt: new Date(Date.now() + 60_000) });
    expect((await resolveActor(t.db, bearer(later))).actor.kind).toBe("user");
  });

  it("refuses the token of a blocked user", async () => {
    const cy = await createUserWithPassword(t.db, { name: "Cy", email: "cy@test.local", role: "member" }, PASSWORD);
    const token = await createApiToken(t.db, cy.id, { scope: "write" });
    await t.db.update(users).set({ blocked: true }).where(eq(users.id, cy.id));
    expect(await resolveActor(t.db, bearer(token))).toEqual({
      actor: { kind: "anonymous" },
      refused: "This account is blocked.",
    });
  });

  it("records last use, writing at most once a minute per token", async () => {
    const token = await createApiToken(t.db, ada.id, { scope: "read", name: "touched" });
    const lastUsed = async () =>
      (await t.db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.name, "touched")))[0]?.at;
    expect(await lastUsed()).toBeNull();

    await resolveActor(t.db, bearer(token));
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);

    t.queries.length = 0;
    await resolveActor(t.db, bearer(token));
    expect(t.queries.filter((q) => q.startsWith("update"))).toEqual([]);
    expect(await lastUsed()).toEqual(first);

    // A minute later the next use writes again.
    await t.db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now() - interval '61 seconds'` })
      .where(eq(apiTokens.name, "touched"));
    // A minute is far past the token cache's TTL: the next use reads the token again (token-cache.ts).
    tokenCache.clear();
    await resolveActor(t.db, bearer(token));
    expect((await lastUsed())?.getTime()).toBeGreaterThan(first?.getTime() ?? 0);
  });
});

describe("resolveActor: PocketBase auth tokens", () => {
  const openRow = (userId: string, secondFactorPending = false) =>
    createSession(t.db, { userId, method: "api:password", userAgent: "", ip: "", secondFactorPending });

  it("reads the token raw (as the pocketbase SDK sends it) and after Bearer, as the session it names", async () => {
    const { token } = await issuePocketBaseToken({ userId: ada.id, sessionId: await openRow(ada.id) });
    for (const authorization of [token, `Bearer ${token}`, `bearer  ${token} `]) {
      expect(await resolveActor(t.db, new Headers({ authorization }))).toEqual({
        actor: { kind: "user", via: "session", user: ada },
        avatar: null,
      });
    }
    // The header wins over a cookie, as with API tokens: never both.
    const headers = new Headers({ authorization: token, cookie: "authjs.session-token=not-a-jwe" });
    expect((await resolveActor(t.db, headers)).actor.kind).toBe("user");
  });

  it("applies the session checks: ended, waiting for the second factor", async () => {
    const ended = await openRow(ada.id);
    const { token } = await issuePocketBaseToken({ userId: ada.id, sessionId: ended });
    await revokeSession(t.db, ada.id, ended, "revoked by the user");
    expect(await resolveActor(t.db, new Headers({ authorization: token }))).toEqual({
      actor: { kind: "anonymous" },
      refused: SESSION_ENDED,
    });
    const pending = await issuePocketBaseToken({ userId: ada.id, sessionId: await openRow(ada.id, true) });
    expect((await resolveActor(t.db, new Headers({ authorization: pending.token }))).refused).toBe(
      SECOND_FACTOR_PENDING,
    );
  });

  it("leaves every other Authorization value as before: API tokens, and the same refusal for the rest", async () => {
    const apiToken = await createApiToken(t.db, ada.id, { scope: "read" });
    expect((await resolveActor(t.db, bearer(apiToken))).actor).toMatchObject({ via: "token", scope: "read" });
    const refused = { actor: { kind: "anonymous" }, refused: "Invalid API token." };
    for (const authorization of [apiToken, "Basic YWRhOnB3", "eyJhbGciOiJIUzI1NiJ9.e30.", "Bearer eyJ.x.y z"]) {
      expect(await resolveActor(t.db, new Headers({ authorization }))).toEqual(refused);
    }
  });
});
