/**
 * API tokens this instance resolved in the last few seconds, so a script's requests do not each pay a query (the
 * token joined to its owner) before their real work (issue 20). What is kept is what `verifyApiToken` answers for a
 * usable token: the owner as the actor carries them, the token's id, scope and expiry. It is keyed by the token's
 * sha256 (never the token itself), kept at most TOKEN_CACHE_TTL_MS, in at most TOKEN_CACHE_MAX_ENTRIES entries (the
 * least recently used go first). Refusals are never kept: an unknown, revoked, expired or blocked token is read from
 * the database every time, and nobody can fill the cache with tokens that do not work.
 *
 * Safe on this instance at once: every change here that makes a token unusable, or its owner another actor, drops
 * what the cache holds for it before the change is answered. A token revoked (server/routers/tokens.ts), any
 * committed change of a users record through the engine (role, blocked, deleted, email: the onCommitted listener
 * below; deleting an account goes through it too), and the direct updates in server/auth of what an actor carries
 * (email verified). Expiry is checked on every hit against the stored `expiresAt`. A lookup that was under way when
 * something was dropped is not kept, so a read racing the change cannot put the old answer back.
 *
 * On other instances within the TTL: they learn of the change from the database when their entry runs out, so a token
 * revoked, or a user blocked or demoted, on one instance is refused (or demoted) on every instance at most
 * TOKEN_CACHE_TTL_MS later. Changes made straight in the database (a restore, psql) are seen the same way.
 */
import { onCommitted } from "@/server/core/changes";
import type { AppUser } from "@/server/resources";
import type { TokenScope } from "./tokens";

/** How long a resolved token is reused: the longest another instance's revoke or block can go unseen here. */
export const TOKEN_CACHE_TTL_MS = 5_000;
/** Tokens kept per instance: about 300 bytes each, so at most a few MB, and far more than the scripts of one app. */
export const TOKEN_CACHE_MAX_ENTRIES = 10_000;
/** The resource whose committed changes drop its record's tokens; a test proves the name matches the registry. */
export const USERS_RESOURCE = "users";

export interface CachedToken {
  user: AppUser;
  tokenId: string;
  scope: TokenScope;
  expiresAt: Date | null;
}

interface Entry extends CachedToken {
  /** `now` (ms) when it was read from the database. */
  readAt: number;
}

export class TokenCache {
  /** Map order is use order: the first entry is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every drop: a lookup that started before one is not kept. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly enabled = true,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  has(tokenHash: string): boolean {
    return this.entries.has(tokenHash);
  }

  /** The token resolved within the TTL, as of `now` (ms); a copy, so no caller can change what others get. */
  get(tokenHash: string, now: number): CachedToken | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    this.entries.delete(tokenHash);
    const age = now - entry.readAt;
    // A clock that went back counts as stale too: the entry's age is then unknown.
    if (age < 0 || age >= this.ttlMs) return undefined;
    this.entries.set(tokenHash, entry);
    const { user, tokenId, scope, expiresAt } = entry;
    return { user: { ...user, emailVerifiedAt: copyDate(user.emailVerifiedAt) }, tokenId, scope, expiresAt };
  }

  /** Call before reading a token from the database; hand the result to `set`. */
  begin(): number {
    return this.generation;
  }

  /** Keeps a token read at `now` (ms), unless something was dropped since its lookup `began`. */
  set(tokenHash: string, token: CachedToken, began: number, now: number): void {
    if (!this.enabled || began !== this.generation) return;
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, {
      ...token,
      user: { ...token.user, emailVerifiedAt: copyDate(token.user.emailVerifiedAt) },
      readAt: now,
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  /** Drops the token with this id (revoked, deleted). */
  forgetToken(tokenId: string): void {
    this.generation++;
    for (const [hash, entry] of this.entries) if (entry.tokenId === tokenId) this.entries.delete(hash);
  }

  /** Drops every token of this user (blocked, deleted, another role, another address). */
  forgetUser(userId: string): void {
    this.generation++;
    for (const [hash, entry] of this.entries) if (entry.user.id === userId) this.entries.delete(hash);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

const copyDate = (date: Date | null) => (date ? new Date(date.getTime()) : null);

/**
 * Bench-only switch: `ATRIUM_BENCH_TOKEN_CACHE=off` keeps nothing, so `bench:write` can show the HTTP column with and
 * without the cache. Like ATRIUM_BENCH it is deliberately not in env.ts: it is no app setting, and a deployment that
 * set it would only be slower.
 */
const cacheEnabled = process.env.ATRIUM_BENCH_TOKEN_CACHE !== "off";

/** This instance's cache, the one `verifyApiToken` reads. */
export const tokenCache = new TokenCache(TOKEN_CACHE_TTL_MS, TOKEN_CACHE_MAX_ENTRIES, cacheEnabled);

/*
 * Registered when this module loads, i.e. before anything can be cached. The engine announces a change after its
 * COMMIT, on the instance that made it: a block, a role change, a delete of the user through any path of the engine
 * (tRPC, REST, PocketBase, actions, batches, reverts) drops their tokens here before that request is answered.
 */
onCommitted((change) => {
  if (change.resource === USERS_RESOURCE) tokenCache.forgetUser(change.id);
});

/** Drops a token that was revoked or deleted: call after the change committed. */
export function forgetApiToken(tokenId: string): void {
  tokenCache.forgetToken(tokenId);
}

/** Drops every token of a user whose row changed outside the engine: call after the change committed. */
export function forgetApiTokensOf(userId: string): void {
  tokenCache.forgetUser(userId);
}
