/**
 * `auth-with-password` and `auth-refresh`. Signing in goes through the sign-in form's own check (authorizeCredentials:
 * rate limits per address and IP, the password hash, the blocked flag), then opens a session row like every sign-in
 * (listed on /account/security as "api:password"), and answers a token naming that row. What this API cannot finish
 * (a second factor, a temporary password to replace, two-factor to set up first) is refused with what to do instead:
 * no token is issued that could open nothing.
 */
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accountSettings, users } from "@/db/schema";
import { PASSWORD_CHANGE_REQUIRED, resolveActor, SESSION_ENDED, TWO_FACTOR_REQUIRED } from "@/server/auth/actor";
import { authorizeCredentials, type SignedInUser } from "@/server/auth/credentials";
import {
  BlockedAccount,
  InvalidCredentials,
  RateLimited,
  SIGN_IN_MESSAGES,
  tooManyAttempts,
} from "@/server/auth/errors";
import { openSession } from "@/server/auth/open-session";
import { pocketBaseTokenOf, verifyPocketBaseToken } from "@/server/auth/pocketbase-token";
import { readAuthForm } from "./auth-form";
import { authAnswer } from "./auth-record";
import type { AuthRequest } from "./auth-request";
import { pocketBaseError } from "./errors";

/** PocketBase's answer to wrong credentials, the same whether or not the address has an account. */
export const FAILED_TO_AUTHENTICATE = "Failed to authenticate.";
export const TOKEN_REQUIRED = "The request requires valid record authorization token.";
export const TWO_FACTOR_NOT_SUPPORTED =
  "This account uses two-factor authentication, which Atrium's PocketBase API does not support yet: " +
  "sign in on the website (/sign-in), where the second step asks for your code.";
/** The session's `method` (auth_sessions), shown on /account/security: a password, given through this API. */
export const API_SESSION_METHOD = "api:password";

/** Atrium's own bounds on sign-in (credentials.ts), not PocketBase's 255: every password Atrium accepts works. */
const MAX_IDENTITY = 320;
const MAX_PASSWORD = 1024;

export async function authWithPassword({ req, db, json }: AuthRequest): Promise<Response> {
  const read = await readAuthForm(req);
  if (!read.ok) return read.response;
  const { form } = read;
  const identity = form.text("identity", { max: MAX_IDENTITY });
  const password = form.text("password", { max: MAX_PASSWORD });
  const identityField = form.text("identityField", { max: 255, required: false });
  if (identityField && identityField !== "email") {
    form.fail("identityField", "validation_in_invalid", 'Must be "email", the only identity field.');
  }
  const invalid = form.errors();
  if (invalid) return invalid;

  let signedIn: SignedInUser;
  try {
    signedIn = await authorizeCredentials(db, { email: identity, password }, req.headers);
  } catch (error) {
    if (error instanceof RateLimited) {
      const retryAfter = String(error.retryAfter);
      return pocketBaseError(429, tooManyAttempts(error.retryAfter), {}, { "retry-after": retryAfter });
    }
    // Only said after the right password (credentials.ts), so it tells nothing to whoever does not know it.
    if (error instanceof BlockedAccount) return pocketBaseError(403, SIGN_IN_MESSAGES.blocked);
    if (error instanceof InvalidCredentials) return pocketBaseError(400, FAILED_TO_AUTHENTICATE);
    throw error;
  }

  const state = await accountState(db, signedIn.id);
  if (!state) return pocketBaseError(400, FAILED_TO_AUTHENTICATE);
  if (state.twoFactorEnabled) {
    // The first step passed, as in the browser: its (pending, unlisted) row is opened so the owner hears of a new
    // browser knowing their password. No credential ever names it, so it opens nothing.
    await openSession(db, signedIn.id, API_SESSION_METHOD, signedIn.signIn.client);
    return pocketBaseError(403, TWO_FACTOR_NOT_SUPPORTED);
  }
  if (state.passwordChangeRequired) return pocketBaseError(403, PASSWORD_CHANGE_REQUIRED);
  if (state.twoFactorRequired) return pocketBaseError(403, TWO_FACTOR_REQUIRED);

  const sessionId = await openSession(db, signedIn.id, API_SESSION_METHOD, signedIn.signIn.client);
  if (!sessionId) return pocketBaseError(400, FAILED_TO_AUTHENTICATE);
  const answer = await authAnswer(db, { userId: signedIn.id, sessionId }, req.headers);
  return answer.ok ? json(answer.body) : pocketBaseError(403, answer.refused);
}

/** What decides whether a session of this user could open anything, read fresh after the password was proved. */
async function accountState(db: Database, userId: string) {
  const [row] = await db
    .select({
      twoFactorEnabled: sql<boolean>`${users.twoFactorEnabledAt} is not null`,
      passwordChangeRequired: users.passwordChangeRequired,
      twoFactorRequired: sql<boolean>`coalesce(${users.role}::text = any(${accountSettings.requireTwoFactorRoles}), false)`,
    })
    .from(users)
    .leftJoin(accountSettings, eq(accountSettings.id, 1))
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

/**
 * A new token for the session the presented one names, and the record. Only a PocketBase token in the Authorization
 * header is renewed: a session cookie or an API token (perhaps read-only) never turns into one.
 */
export async function authRefresh({ req, db, json, caller }: AuthRequest): Promise<Response> {
  const token = pocketBaseTokenOf(req.headers);
  if (!token) return pocketBaseError(401, TOKEN_REQUIRED);
  const check = await verifyPocketBaseToken(token);
  if (!check.ok) return pocketBaseError(401, check.expired ? SESSION_ENDED : TOKEN_REQUIRED);
  // The session row and the user, checked as on every request: ended, blocked, gone, pending all stop here. The
  // gate read them from these same headers moments ago; asked again only when that failed.
  const resolved = caller ?? (await resolveActor(db, req.headers));
  if (resolved.actor.kind !== "user" || resolved.actor.user.id !== check.claims.userId) {
    return pocketBaseError(401, resolved.refused ?? TOKEN_REQUIRED);
  }
  const answer = await authAnswer(db, check.claims, req.headers);
  return answer.ok ? json(answer.body) : pocketBaseError(401, answer.refused);
}
