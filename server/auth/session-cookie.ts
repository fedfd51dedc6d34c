/** The Auth.js session cookie: its names, and reading the signed-in user's id from request headers. */
import { getToken } from "next-auth/jwt";

/** Auth.js uses the `__Secure-` name on https and the plain one on http; a request may carry either. */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export interface SessionClaims {
  /** users.id */
  sub: string;
  /** auth_sessions.id; absent from cookies issued before sessions were rows (those are refused as ended). */
  sid: string | null;
}

/**
 * The user id (`sub`) and session id (`sid`) of a valid session cookie in these headers, or null. Works outside a
 * Next request scope (route handlers called in-process by tests), which is why it takes headers instead of using
 * next/headers.
 */
export async function sessionClaims(headers: Headers, secret: string): Promise<SessionClaims | null> {
  // getToken falls back to the Authorization header when there is no cookie; a bearer token is never a session.
  const cookieOnly = new Headers(headers);
  cookieOnly.delete("authorization");
  for (const cookieName of SESSION_COOKIE_NAMES) {
    const token = await getToken({
      req: { headers: cookieOnly },
      secret,
      cookieName,
      salt: cookieName,
      secureCookie: cookieName.startsWith("__Secure-"),
    });
    if (token && typeof token.sub === "string") {
      return { sub: token.sub, sid: typeof token.sid === "string" ? token.sid : null };
    }
  }
  return null;
}
