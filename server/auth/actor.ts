/**
 * Who is calling, from a request's headers: the Authorization header first (an API token, `Bearer atr_...`, or a
 * PocketBase auth token, raw or after `Bearer`), else the Auth.js session cookie. For a session the user is loaded
 * fresh from the database on every request, so a role change or a block applies at once, even to a session issued
 * before it. An API token is reused for a few seconds once resolved (token-cache.ts): a change on this instance drops
 * it at once, one made on another instance applies here within TOKEN_CACHE_TTL_MS.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accountSettings, authSessions, users } from "@/db/schema";
import type { Actor } from "@/server/core/actor";
import type { StoredFile } from "@/server/core/files/column";
import { pocketBaseTokenOf, verifyPocketBaseToken } from "./pocketbase-token";
import { authSecret } from "./secret";
import { type SessionClaims, sessionClaims } from "./session-cookie";
import { touchSession } from "./sessions";
import { BLOCKED_ACCOUNT, INVALID_TOKEN, verifyApiToken } from "./tokens";

/**
 * Who is calling; for a session, also the user's avatar (read in the same lookup), so a page's header shows the
 * picture without a query of its own.
 */
export type ActorResolution = { actor: Actor; refused?: string; avatar?: StoredFile | null };

const ANONYMOUS: Actor = { kind: "anonymous" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const GONE_ACCOUNT = "This account no longer exists.";
export const PASSWORD_CHANGE_REQUIRED = "Choose a new password first (/account/password): this one was temporary.";
export const SESSION_ENDED = "This session has ended: sign in again.";
export const SECOND_FACTOR_PENDING = "Enter your two-factor code first (/sign-in/two-factor).";
export const TWO_FACTOR_REQUIRED = "Your role requires two-factor authentication: set it up first (/account/security).";

/** The token of an `Authorization: Bearer <token>` header, "" for a malformed one, null when there is none. */
function bearerToken(headers: Headers): string | null {
  const header = headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? "";
}

/**
 * Reads the Authorization header first, else the Auth.js session cookie (both secure and non-secure names), from
 * these headers. The header may hold an API token (`Bearer atr_...`) or a PocketBase auth token (pocketbase-token.ts:
 * raw, as the `pocketbase` SDK sends it, or after `Bearer`), which stands for its session row exactly as a cookie
 * does. Loads the user from the DB (id, name, email, role, blocked): fresh for a session, from the token cache for an
 * API token resolved within its TTL (token-cache.ts). Credentials that are recognised but unusable (blocked owner,
 * revoked or expired token, deleted user, a session opened with a temporary password) come back as `refused`.
 */
export async function resolveActor(db: Database, headers: Headers): Promise<ActorResolution> {
  const pocketBaseToken = pocketBaseTokenOf(headers);
  if (pocketBaseToken !== null) {
    const check = await verifyPocketBaseToken(pocketBaseToken);
    // A forged or foreign JWT is as unknown as a malformed API token; one of ours past its `exp` is an ended session.
    if (!check.ok) return { actor: ANONYMOUS, refused: check.expired ? SESSION_ENDED : INVALID_TOKEN };
    return sessionResolution(await sessionRow(db, { sub: check.claims.userId, sid: check.claims.sessionId }));
  }

  const token = bearerToken(headers);
  if (token !== null) {
    const check = token ? await verifyApiToken(db, token) : { ok: false as const, refused: INVALID_TOKEN };
    if (!check.ok) return { actor: ANONYMOUS, refused: check.refused };
    return { actor: { kind: "user", user: check.user, via: "token", tokenId: check.tokenId, scope: check.scope } };
  }

  return sessionResolution(await sessionUser(db, headers));
}

/** The caller a session row makes, whichever credential named it (the cookie, or a PocketBase token). */
function sessionResolution(row: SessionRow): ActorResolution {
  if (row === undefined) return { actor: ANONYMOUS };
  if (!row) return { actor: ANONYMOUS, refused: GONE_ACCOUNT };
  const refused = sessionRefusal(row);
  if (refused) return { actor: ANONYMOUS, refused };
  return { actor: { kind: "user", user: appUser(row), via: "session" }, avatar: row.avatar };
}

/**
 * Why a session of an existing user opens nothing, or null when it opens everything. The pages that let such a user
 * out of the state (change password, second step, set up two-factor) read the row through `sessionUser` themselves.
 */
export function sessionRefusal(row: NonNullable<SessionRow>): string | null {
  if (row.blocked) return BLOCKED_ACCOUNT;
  if (!row.session.live) return SESSION_ENDED;
  if (row.session.secondFactorPending) return SECOND_FACTOR_PENDING;
  // A session opened with a temporary password opens nothing but the change-password page (which reads the cookie
  // itself): whoever holds it must first prove they can replace it. API tokens are other credentials and still work.
  if (row.passwordChangeRequired) return PASSWORD_CHANGE_REQUIRED;
  if (row.twoFactorRequired && !row.twoFactorEnabled) return TWO_FACTOR_REQUIRED;
  return null;
}

/** The actor's user: the row without what only sign-in and the header need. */
function appUser(row: NonNullable<UserRow>) {
  const { id, name, email, role, emailVerifiedAt } = row;
  return { id, name, email, role, emailVerifiedAt };
}

export type SessionRow = Awaited<ReturnType<typeof sessionUser>>;

/**
 * The user row behind these headers' session cookie, read fresh together with the session's own row and the roles
 * that must use two-factor, in one query: `undefined` when there is no session of ours, `null` when it names a user
 * who no longer exists. The one lookup behind `resolveActor` and `sessionAccount()` (which, unlike the actor, still
 * sees a session that must first change a password or give a second factor).
 */
export async function sessionUser(db: Database, headers: Headers) {
  const claims = await sessionClaims(headers, authSecret());
  return claims ? sessionRow(db, claims) : undefined;
}

/** `sessionUser` for claims already read from a credential: a session cookie's, or a PocketBase token's. */
async function sessionRow(db: Database, claims: SessionClaims) {
  // Every session we issue names a users.id; anything else is not ours to trust (nor to send to a uuid column).
  if (!UUID.test(claims.sub)) return undefined;
  const sid = claims.sid && UUID.test(claims.sid) ? claims.sid : null;
  const [row] = await db
    .select({
      ...userColumns,
      session: {
        id: authSessions.id,
        live: sql<boolean>`coalesce(${authSessions.revokedAt} is null and ${authSessions.expiresAt} > now(), false)`,
        secondFactorPending: sql<boolean>`coalesce(${authSessions.secondFactorPending}, false)`,
        stale: sql<boolean>`coalesce(${authSessions.lastSeenAt} < now() - interval '1 minute', false)`,
      },
      twoFactorRequired: sql<boolean>`coalesce(${users.role}::text = any(${accountSettings.requireTwoFactorRoles}), false)`,
    })
    .from(users)
    // A cookie without a sid (issued before sessions were rows) or naming another user's session joins nothing: ended.
    .leftJoin(
      authSessions,
      and(eq(authSessions.id, sid ?? "00000000-0000-0000-0000-000000000000"), eq(authSessions.userId, users.id)),
    )
    .leftJoin(accountSettings, eq(accountSettings.id, 1))
    .where(eq(users.id, claims.sub))
    .limit(1);
  if (!row) return null;
  const { stale, ...session } = row.session ?? { id: null, live: false, secondFactorPending: false, stale: false };
  // Coarse, and off the answer's path: a failure to record it must not fail the request.
  if (session.id && session.live && stale) void touchSession(db, session.id).catch(() => undefined);
  return { ...row, session };
}

const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  emailVerifiedAt: users.emailVerifiedAt,
  blocked: users.blocked,
  passwordChangeRequired: users.passwordChangeRequired,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`,
  twoFactorEnabled: sql<boolean>`${users.twoFactorEnabledAt} is not null`,
  avatar: users.avatar,
};

type UserRow = Awaited<ReturnType<typeof userRow>>;

/** The user behind a signed credential that names them by id (a file token), read fresh; null if gone. */
async function userRow(db: Database, userId: string) {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

/**
 * The caller a `files.token()` names (server/core/files/token.ts): the user, read fresh, so a blocked or deleted
 * user's tokens stop working at once. A user still on a temporary password gets nothing, as with their session.
 */
export async function resolveFileTokenActor(db: Database, userId: string): Promise<ActorResolution> {
  if (!UUID.test(userId)) return { actor: ANONYMOUS, refused: GONE_ACCOUNT };
  const row = await userRow(db, userId);
  if (!row) return { actor: ANONYMOUS, refused: GONE_ACCOUNT };
  if (row.blocked) return { actor: ANONYMOUS, refused: BLOCKED_ACCOUNT };
  if (row.passwordChangeRequired) return { actor: ANONYMOUS, refused: PASSWORD_CHANGE_REQUIRED };
  return { actor: { kind: "user", user: appUser(row), via: "session" } };
}
