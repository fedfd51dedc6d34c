/**
 * Who is calling, from a request's headers: an API token (`Authorization: Bearer atr_...`) first, else the Auth.js
 * session cookie. The user is loaded fresh from the database on every request, so a role change or a block applies
 * at once, even to a session issued before it.
 */
import { eq, isNotNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/server/core/actor";
import type { StoredFile } from "@/server/core/files/column";
import { authSecret } from "./secret";
import { sessionUserId } from "./session-cookie";
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

/** The token of an `Authorization: Bearer <token>` header, "" for a malformed one, null when there is none. */
function bearerToken(headers: Headers): string | null {
  const header = headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? "";
}

/**
 * Reads `Authorization: Bearer atr_...` first, else the Auth.js session cookie (both secure and non-secure names),
 * from these headers. Loads the user fresh from the DB (id, name, email, role, blocked). Credentials that are
 * recognised but unusable (blocked owner, revoked or expired token, deleted user, a session opened with a temporary
 * password) come back as `refused`.
 */
export async function resolveActor(db: Database, headers: Headers): Promise<ActorResolution> {
  const token = bearerToken(headers);
  if (token !== null) {
    const check = token ? await verifyApiToken(db, token) : { ok: false as const, refused: INVALID_TOKEN };
    if (!check.ok) return { actor: ANONYMOUS, refused: check.refused };
    return { actor: { kind: "user", user: check.user, via: "token", tokenId: check.tokenId, scope: check.scope } };
  }

  const row = await sessionUser(db, headers);
  if (row === undefined) return { actor: ANONYMOUS };
  if (!row) return { actor: ANONYMOUS, refused: GONE_ACCOUNT };
  if (row.blocked) return { actor: ANONYMOUS, refused: BLOCKED_ACCOUNT };
  // A session opened with a temporary password opens nothing but the change-password page (which reads the cookie
  // itself): whoever holds it must first prove they can replace it. API tokens are other credentials and still work.
  if (row.passwordChangeRequired) return { actor: ANONYMOUS, refused: PASSWORD_CHANGE_REQUIRED };
  return { actor: { kind: "user", user: appUser(row), via: "session" }, avatar: row.avatar };
}

/** The actor's user: the row without what only sign-in and the header need. */
function appUser(row: NonNullable<Awaited<ReturnType<typeof userRow>>>) {
  const { id, name, email, role } = row;
  return { id, name, email, role };
}

/**
 * The user row behind these headers' session cookie, read fresh: `undefined` when there is no session of ours,
 * `null` when it names a user who no longer exists. The one lookup behind `resolveActor` and the change-password
 * page's `sessionAccount()` (which, unlike the actor, still sees a user who must replace a temporary password).
 */
export async function sessionUser(db: Database, headers: Headers) {
  const userId = await sessionUserId(headers, authSecret());
  // Every session we issue names a users.id; anything else is not ours to trust (nor to send to a uuid column).
  if (!userId || !UUID.test(userId)) return undefined;
  return userRow(db, userId);
}

/** The user behind a signed credential that names them by id (a session, a file token), read fresh; null if gone. */
async function userRow(db: Database, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      blocked: users.blocked,
      passwordChangeRequired: users.passwordChangeRequired,
      hasPassword: isNotNull(users.passwordHash),
      avatar: users.avatar,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
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
