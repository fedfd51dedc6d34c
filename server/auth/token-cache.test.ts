/**
 * The API token cache (token-cache.ts) on the real database and the real write paths: a token resolved moments ago
 * costs no query, and every change on this instance that must stop it (revoke, block, delete, account deletion) or
 * change its actor (role) applies on the very next request; expiry holds on a cached token; a change made elsewhere
 * applies once the TTL runs out; one token never answers as another; the cache stays within its bound.
 */
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiTokens, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { User } from "@/server/core";
import { resources } from "@/server/resources";
import { callers } from "@/server/testing";
import { resolveActor } from "./actor";
import { deleteOwnAccount } from "./delete-account";
import { createApiToken, createUserWithPassword } from "./testing";
import { type CachedToken, TOKEN_CACHE_TTL_MS, TokenCache, tokenCache, USERS_RESOURCE } from "./token-cache";
import { BLOCKED_ACCOUNT, EXPIRED_TOKEN, hashApiToken, INVALID_TOKEN, verifyApiToken } from "./tokens";

let t: TestDatabase;
let api: ReturnType<typeof callers>;
let admin: User;
const PASSWORD = "a long enough password";
let serial = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  api = callers(t.db);
  admin = await createUserWithPassword(t.db, { name: "Ada", email: "ada@cache.test", role: "admin" }, PASSWORD);
});
afterAll(() => t.drop());
beforeEach(() => tokenCache.clear());

const person = (role: User["role"] = "member") => {
  const n = ++serial;
  return createUserWithPassword(t.db, { name: `Person ${n}`, email: `person${n}@cache.test`, role }, PASSWORD);
};
const resolve = (token: string) => resolveActor(t.db, new Headers({ authorization: `Bearer ${token}` }));
const tokenIdOf = async (token: string) =>
  (
    await t.db
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, hashApiToken(token)))
  )[0]?.id ?? "";
/** The token lookups `run` sends: reads of api_tokens. */
async function lookupsDuring(run: () => Promise<unknown>): Promise<number> {
  t.queries.length = 0;
  await run();
  return t.queries.filter((q) => q.startsWith("select") && q.includes('"api_tokens"')).length;
}

describe("API tokens resolved moments ago", () => {
  it("answer without a query, keyed by the token's hash and never the token", async () => {
    const mia = await person();
    const token = await createApiToken(t.db, mia.id, { scope: "write" });
    expect(await lookupsDuring(() => resolve(token))).toBe(1);
    expect(tokenCache.has(hashApiToken(token))).toBe(true);
    expect(tokenCache.has(token)).toBe(false);
    let again: Awaited<ReturnType<typeof resolve>> | undefined;
    expect(
      await lookupsDuring(async () => {
        again = await resolve(token);
      }),
    ).toBe(0);
    expect(again).toEqual({
      actor: { kind: "user", via: "token", user: mia, scope: "write", tokenId: await tokenIdOf(token) },
    });
  });

  it("do not cost a last_used_at write per request", async () => {
    const token = await createApiToken(t.db, (await person()).id, { scope: "read" });
    t.queries.length = 0;
    for (let i = 0; i < 50; i++) await resolve(token);
    expect(t.queries.filter((q) => q.startsWith("update"))).toHaveLength(1);
    expect(t.queries.filter((q) => q.includes('"api_tokens"'))).toHaveLength(2);
  });

  it("are refused the moment they are revoked through the tokens router, by their owner or an admin", async () => {
    const mia = await person();
    for (const revoke of [
      (id: string) => api.as(mia).tokens.revoke({ id }),
      (id: string) => api.as(admin).tokens.revokeAny({ id }),
    ]) {
      const token = await createApiToken(t.db, mia.id, { scope: "write" });
      expect((await resolve(token)).actor.kind).toBe("user");
      await revoke(await tokenIdOf(token));
      expect(await resolve(token)).toEqual({ actor: { kind: "anonymous" }, refused: INVALID_TOKEN });
    }
  });

  it("are refused the moment their owner is blocked through the engine, and work again once unblocked", async () => {
    const bo = await person();
    const token = await createApiToken(t.db, bo.id, { scope: "write" });
    expect((await resolve(token)).actor.kind).toBe("user");
    await api.as(admin).users.update({ id: bo.id, data: { blocked: true } });
    expect(await resolve(token)).toEqual({ actor: { kind: "anonymous" }, refused: BLOCKED_ACCOUNT });
    // Refusals are not kept: the unblock needs no drop to apply.
    await t.db.update(users).set({ blocked: false }).where(eq(users.id, bo.id));
    expect((await resolve(token)).actor.kind).toBe("user");
  });

  it("carry the owner's new role from the next request after a role change, in either direction", async () => {
    const cy = await person("editor");
    const token = await createApiToken(t.db, cy.id, { scope: "write" });
    expect((await resolve(token)).actor).toMatchObject({ user: { role: "editor" } });
    await api.as(admin).users.update({ id: cy.id, data: { role: "member" } });
    expect((await resolve(token)).actor).toMatchObject({ user: { role: "member" } });
    await api.as(admin).users.update({ id: cy.id, data: { role: "admin" } });
    expect((await resolve(token)).actor).toMatchObject({ user: { role: "admin" } });
  });

  it("are refused the moment their owner is deleted, or deletes their own account", async () => {
    const gus = await person();
    const gusToken = await createApiToken(t.db, gus.id, { scope: "read" });
    expect((await resolve(gusToken)).actor.kind).toBe("user");
    await api.as(admin).users.delete({ id: gus.id });
    expect(await resolve(gusToken)).toEqual({ actor: { kind: "anonymous" }, refused: INVALID_TOKEN });

    const dora = await person();
    const doraToken = await createApiToken(t.db, dora.id, { scope: "write" });
    expect((await resolve(doraToken)).actor.kind).toBe("user");
    expect(await deleteOwnAccount(t.db, dora.id, { confirm: dora.email, currentPassword: PASSWORD })).toEqual({
      ok: true,
    });
    expect((await resolve(doraToken)).actor.kind).toBe("anonymous");
  });

  it("expire on time although cached, without a query", async () => {
    const start = new Date();
    const expiresAt = new Date(start.getTime() + TOKEN_CACHE_TTL_MS / 2);
    const token = await createApiToken(t.db, (await person()).id, { scope: "read", expiresAt });
    expect((await verifyApiToken(t.db, token, start)).ok).toBe(true);
    const justBefore = new Date(expiresAt.getTime() - 1);
    expect(await lookupsDuring(async () => expect((await verifyApiToken(t.db, token, justBefore)).ok).toBe(true))).toBe(
      0,
    );
    let late: Awaited<ReturnType<typeof verifyApiToken>> | undefined;
    expect(
      await lookupsDuring(async () => {
        late = await verifyApiToken(t.db, token, expiresAt);
      }),
    ).toBe(0);
    expect(late).toEqual({ ok: false, refused: EXPIRED_TOKEN });
  });

  it("see a change made elsewhere (another instance, psql) once the TTL has run out, not before", async () => {
    const start = new Date();
    const token = await createApiToken(t.db, (await person()).id, { scope: "write" });
    expect((await verifyApiToken(t.db, token, start)).ok).toBe(true);
    await t.db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.tokenHash, hashApiToken(token)));
    // Nothing on this instance knew of that revoke: the cached answer stands until the TTL...
    const withinTtl = new Date(start.getTime() + TOKEN_CACHE_TTL_MS - 1);
    expect((await verifyApiToken(t.db, token, withinTtl)).ok).toBe(true);
    // ...and not a moment longer.
    const afterTtl = new Date(start.getTime() + TOKEN_CACHE_TTL_MS);
    expect(await verifyApiToken(t.db, token, afterTtl)).toEqual({ ok: false, refused: INVALID_TOKEN });
  });

  it("never answer one token with another's owner or id, nor a token that differs by a character", async () => {
    const owners = await Promise.all([person(), person("editor"), person("admin")]);
    const issued = await Promise.all(
      owners.flatMap((owner) =>
        (["read", "write"] as const).map(async (scope) => {
          const token = await createApiToken(t.db, owner.id, { scope });
          return { token, owner, scope, tokenId: await tokenIdOf(token) };
        }),
      ),
    );
    const flip = (token: string, at: number) => {
      const i = 4 + (at % 43);
      return `${token.slice(0, i)}${token[i] === "A" ? "B" : "A"}${token.slice(i + 1)}`;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ pick: fc.nat(issued.length - 1), mangle: fc.option(fc.nat(), { freq: 2 }) }), {
          minLength: 1,
          maxLength: 30,
        }),
        async (uses) => {
          for (const { pick, mangle } of uses) {
            const chosen = issued[pick];
            if (!chosen) throw new Error("no such token");
            if (mangle === null) {
              const { actor } = await resolve(chosen.token);
              expect(actor).toEqual({
                kind: "user",
                via: "token",
                user: chosen.owner,
                scope: chosen.scope,
                tokenId: chosen.tokenId,
              });
            } else {
              expect(await resolve(flip(chosen.token, mangle))).toEqual({
                actor: { kind: "anonymous" },
                refused: INVALID_TOKEN,
              });
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("are dropped on commits of the resource the listener names", () => {
    expect(resources.users.name).toBe(USERS_RESOURCE);
  });
});

describe("TokenCache", () => {
  const entry = (userId: string, tokenId: string): CachedToken => ({
    user: { id: userId, name: userId, email: `${userId}@cache.test`, role: "member", emailVerifiedAt: null },
    tokenId,
    scope: "read",
    expiresAt: null,
  });

  it("does not keep a lookup that began before a drop: a read racing a block cannot put the old answer back", () => {
    const cache = new TokenCache(1_000, 10);
    const began = cache.begin();
    cache.forgetUser("u1");
    cache.set("h1", entry("u1", "t1"), began, 0);
    expect(cache.get("h1", 1)).toBeUndefined();
    cache.set("h1", entry("u1", "t1"), cache.begin(), 0);
    expect(cache.get("h1", 1)?.tokenId).toBe("t1");
  });

  it("hands out copies: a caller changing its actor changes nobody else's", () => {
    const cache = new TokenCache(1_000, 10);
    cache.set("h1", entry("u1", "t1"), cache.begin(), 0);
    const first = cache.get("h1", 1);
    if (first) first.user.role = "admin";
    expect(cache.get("h1", 2)?.user.role).toBe("member");
  });

  it("stays within its bound, dropping the least recently used, and agrees with a model of itself", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key: fc.nat(7), user: fc.nat(3) }),
      fc.record({ kind: fc.constant("get" as const), key: fc.nat(7) }),
      fc.record({ kind: fc.constant("forgetUser" as const), user: fc.nat(3) }),
      fc.record({ kind: fc.constant("forgetToken" as const), key: fc.nat(7) }),
      fc.record({ kind: fc.constant("wait" as const), ms: fc.nat(600) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 60 }), (max, ops) => {
        const ttl = 1_000;
        const cache = new TokenCache(ttl, max);
        // The model: keys in use order (least recent first), with their user and when they were read.
        let model: { key: string; user: string; readAt: number }[] = [];
        let now = 0;
        for (const o of ops) {
          if (o.kind === "set") {
            const key = `h${o.key}`;
            cache.set(key, entry(`u${o.user}`, `t${o.key}`), cache.begin(), now);
            model = [...model.filter((m) => m.key !== key), { key, user: `u${o.user}`, readAt: now }].slice(-max);
          } else if (o.kind === "get") {
            const key = `h${o.key}`;
            const found = model.find((m) => m.key === key);
            const fresh = found && now - found.readAt < ttl ? found : undefined;
            model = model.filter((m) => m.key !== key);
            if (fresh) model.push(fresh);
            expect(cache.get(key, now)?.user.id).toBe(fresh?.user);
          } else if (o.kind === "forgetUser") {
            cache.forgetUser(`u${o.user}`);
            model = model.filter((m) => m.user !== `u${o.user}`);
          } else if (o.kind === "forgetToken") {
            cache.forgetToken(`t${o.key}`);
            model = model.filter((m) => m.key !== `h${o.key}`);
          } else {
            now += o.ms;
          }
          expect(cache.size).toBeLessThanOrEqual(max);
          expect(cache.size).toBe(model.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
