/**
 * Short-lived file tokens (PocketBase's `files.token()`): a protected file's URL can carry `?token=` where no
 * session cookie or Authorization header goes (an <img> in an email preview, a download manager). A token names its
 * user and expiry and is signed with a key derived from the app's secret; the user is loaded fresh on use, so a
 * blocked or deleted user's tokens stop at once.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** Two minutes, as PocketBase's: long enough to open a link, too short to be worth stealing. */
export const FILE_TOKEN_SECONDS = 120;

function sign(payload: string, secret: string): string {
  const key = createHmac("sha256", secret).update("atrium file token v1").digest();
  return createHmac("sha256", key).update(payload).digest("base64url");
}

export function createFileToken(userId: string, secret: string, now = Date.now()): { token: string; expiresAt: Date } {
  const expires = Math.floor(now / 1000) + FILE_TOKEN_SECONDS;
  const payload = Buffer.from(JSON.stringify({ u: userId, e: expires })).toString("base64url");
  return { token: `${payload}.${sign(payload, secret)}`, expiresAt: new Date(expires * 1000) };
}

/** The user id a token was made for, or null when it is malformed, forged or expired. */
export function verifyFileToken(token: string, secret: string, now = Date.now()): string | null {
  if (token.length > 512) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { u, e } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { u?: unknown; e?: unknown };
    if (typeof u !== "string" || typeof e !== "number" || e * 1000 < now) return null;
    return u;
  } catch {
    return null;
  }
}
