/**
 * PocketBase-style auth tokens (docs/pocketbase.md, "Auth"): what the `pocketbase` SDK keeps in `pb.authStore` and
 * sends as a raw `Authorization: <token>` header. A JWT (HS256) with the claims PocketBase clients read (`id`, `type`,
 * `collectionId`, `refreshable`, `exp`) plus `sid`, the auth_sessions row opened at sign-in: the row, not the JWT, says
 * whether the sign-in still holds, so the token ends with its session (signed out on /account/security, a password
 * reset, an admin) on its next request, like a session cookie.
 *
 * The key is derived from AUTH_SECRET for this purpose alone (HKDF, its own info string): a session cookie (a JWE under
 * Auth.js's own derivation), a file token (an HMAC under another) or a token signed with anything else never verifies.
 */
import { hkdfSync } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { authSecret } from "./secret";
import { SESSION_LIFETIME_SECONDS } from "./sessions";

/** The only auth collection: Atrium's users. Also the record's `collectionId` (PocketBase shapes records by name). */
export const POCKETBASE_AUTH_COLLECTION = "users";
/** As long as a session row lives (sessions.ts): the client renews it with auth-refresh while the session lasts. */
export const POCKETBASE_TOKEN_SECONDS = SESSION_LIFETIME_SECONDS;

const KEY_INFO = "atrium pocketbase: auth token hs256 v1";
/** Ours are about 330 characters; anything far longer is not worth decoding. */
const MAX_TOKEN_LENGTH = 2048;
/** Three base64url parts, the first a JSON object (`{"` is `eyJ`): a JWS. API tokens (`atr_`) never look like it. */
const JWT_SHAPE = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let cache: { secret: string; key: Uint8Array } | null = null;

function signingKey(): Uint8Array {
  const secret = authSecret();
  if (cache?.secret !== secret) {
    cache = { secret, key: new Uint8Array(hkdfSync("sha256", secret, "", KEY_INFO, 32)) };
  }
  return cache.key;
}

/** Whether a credential has the shape of a PocketBase token (of anyone's): only such values are checked as one. */
export function looksLikePocketBaseToken(value: string): boolean {
  return value.length <= MAX_TOKEN_LENGTH && JWT_SHAPE.test(value);
}

/**
 * The PocketBase token of an `Authorization` header: the raw value, as the SDK sends it, or after `Bearer `, as
 * PocketBase also accepts. Null when the header holds anything else (an API token, nothing, garbage).
 */
export function pocketBaseTokenOf(headers: Headers): string | null {
  const header = headers.get("authorization");
  if (!header) return null;
  const value = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? header.trim();
  return looksLikePocketBaseToken(value) ? value : null;
}

export interface PocketBaseTokenClaims {
  /** users.id */
  userId: string;
  /** auth_sessions.id */
  sessionId: string;
}

export async function issuePocketBaseToken(
  claims: PocketBaseTokenClaims,
  now = Date.now(),
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now / 1000);
  const expires = issuedAt + POCKETBASE_TOKEN_SECONDS;
  const token = await new SignJWT({
    id: claims.userId,
    type: "auth",
    collectionId: POCKETBASE_AUTH_COLLECTION,
    refreshable: true,
    sid: claims.sessionId,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(issuedAt)
    .setExpirationTime(expires)
    .sign(signingKey());
  return { token, expiresAt: new Date(expires * 1000) };
}

export type PocketBaseTokenCheck =
  | { ok: true; claims: PocketBaseTokenClaims }
  /** `expired`: ours and intact, but past its `exp`; anything else (forged, altered, another kind) is not. */
  | { ok: false; expired: boolean };

/** The user and session a token names, if we signed it for this purpose and it has not expired. */
export async function verifyPocketBaseToken(token: string, now = Date.now()): Promise<PocketBaseTokenCheck> {
  if (!looksLikePocketBaseToken(token)) return { ok: false, expired: false };
  try {
    // jose checks the signature before any claim, so JWTExpired below means the token is ours.
    const { payload } = await jwtVerify(token, signingKey(), {
      algorithms: ["HS256"],
      typ: "JWT",
      currentDate: new Date(now),
      requiredClaims: ["exp"],
    });
    const { id, sid, type, collectionId } = payload;
    if (type !== "auth" || collectionId !== POCKETBASE_AUTH_COLLECTION) return { ok: false, expired: false };
    if (typeof id !== "string" || !UUID.test(id) || typeof sid !== "string" || !UUID.test(sid)) {
      return { ok: false, expired: false };
    }
    return { ok: true, claims: { userId: id, sessionId: sid } };
  } catch (error) {
    return { ok: false, expired: error instanceof errors.JWTExpired };
  }
}
