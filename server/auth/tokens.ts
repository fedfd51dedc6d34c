/**
 * Personal API tokens: `atr_` plus 32 random bytes (base64url). The database keeps a sha256 of the whole token and a
 * short prefix to recognise it; the plaintext exists only in the response that created it.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import type { AppUser } from "@/server/resources";
import { tokenCache } from "./token-cache";

export const TOKEN_PREFIX = "atr_";
/** `atr_` and 8 characters of the secret: enough to tell tokens apart, far too little to guess the rest. */
const VISIBLE_LENGTH = TOKEN_PREFIX.length + 8;
const TOKEN_PATTERN = /^atr_[A-Za-z0-9_-]{43}$/;
/** last_used_at is written at most this often per token, so scripts do not cost a write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export type TokenScope = (typeof apiTokens.$inferSelect)["scope"];

/** The columns a token's owner (or an admin) may see: never the hash. */
export const tokenColumns = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  scope: apiTokens.scope,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  createdAt: apiTokens.createdAt,
};

export type TokenRecord = {
  [K in keyof typeof tokenColumns]: (typeof apiTokens.$inferSelect)[K];
};

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new token and what to store about it. */
export function generateApiToken(): { token: string; prefix: string; tokenHash: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, prefix: token.slice(0, VISIBLE_LENGTH), tokenHash: hashApiToken(token) };
}

export async function issueApiToken(
  db: Database,
  input: { userId: string; name: string; scope: TokenScope; expiresAt?: Date | null },
): Promise<{ token: string; record: TokenRecord }> {
  const { token, prefix, tokenHash } = generateApiToken();
  const [record] = await db
    .insert(apiTokens)
    .values({
      userId: input.userId,
      name: input.name,
      scope: input.scope,
      expiresAt: input.expiresAt ?? null,
      prefix,
      tokenHash,
    })
    .returning(tokenColumns);
  if (!record) throw new Error("inserting an API token returned no row");
  return { token, record };
}

export type TokenCheck =
  | { ok: true; user: AppUser; tokenId: string; scope: TokenScope }
  | { ok: false; refused: string };

export const INVALID_TOKEN = "Invalid API token.";
export const EXPIRED_TOKEN = "This API token has expired.";
export const BLOCKED_ACCOUNT = "This account is blocked.";

/**
 * Resolves a presented token to its owner, or says why it may not be used. A token resolved within the last
 * TOKEN_CACHE_TTL_MS comes from this instance's cache (token-cache.ts: what drops it, and how soon other instances
 * see a revoke); its expiry is checked on every use all the same. Records its use (coarsely, on a database read).
 */
export async function verifyApiToken(db: Database, token: string, now = new Date()): Promise<TokenCheck> {
  // Malformed tokens never reach the database.
  if (!TOKEN_PATTERN.test(token)) return { ok: false, refused: INVALID_TOKEN };
  const tokenHash = hashApiToken(token);
  const cached = tokenCache.get(tokenHash, now.getTime());
  if (cached) {
    if (cached.expiresAt && cached.expiresAt <= now) return { ok: false, refused: EXPIRED_TOKEN };
    return { ok: true, user: cached.user, tokenId: cached.tokenId, scope: cached.scope };
  }
  const began = tokenCache.begin();
  const [row] = await db
    .select({
      id: apiTokens.id,
      scope: apiTokens.scope,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      user: {
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        emailVerifiedAt: users.emailVerifiedAt,
        blocked: users.blocked,
      },
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash))
    .limit(1);
  if (!row || row.revokedAt) return { ok: false, refused: INVALID_TOKEN };
  if (row.expiresAt && row.expiresAt <= now) return { ok: false, refused: EXPIRED_TOKEN };
  if (row.user.blocked) return { ok: false, refused: BLOCKED_ACCOUNT };
  // Only here, once a cache entry has run out, so at most once per TTL per token; and written at most once a
  // LAST_USED_RESOLUTION_MS (longer than the TTL), so last_used_at is never more than that plus the TTL behind.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await touchApiToken(db, row.id);
  }
  const { blocked: _blocked, ...user } = row.user;
  tokenCache.set(
    tokenHash,
    { user, tokenId: row.id, scope: row.scope, expiresAt: row.expiresAt },
    began,
    now.getTime(),
  );
  return { ok: true, user, tokenId: row.id, scope: row.scope };
}

/** Sets last_used_at unless another request already did within the resolution (the WHERE settles races). */
async function touchApiToken(db: Database, id: string): Promise<void> {
  const stale = sql`now() - make_interval(secs => ${LAST_USED_RESOLUTION_MS / 1000})`;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
}
