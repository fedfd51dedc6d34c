/**
 * Helpers for integration tests that need real credentials: users with real password hashes, real API tokens, and
 * session cookies issued by the real Auth.js handler (driven in-process the way a browser drives it: GET csrf, then
 * POST the credentials callback with the csrf cookie and token).
 */

import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import type { AppUser } from "@/server/resources";
import { createAuthOptions } from "./options";
import { hashPassword } from "./password";
import { authSecret } from "./secret";
import { sessionClaims } from "./session-cookie";
import { issueApiToken, type TokenScope } from "./tokens";

const ORIGIN = "http://localhost";

type Handlers = ReturnType<typeof NextAuth>["handlers"];
const instances = new WeakMap<Database, Handlers>();

/** The Auth.js route handlers (GET, POST of /api/auth/[...nextauth]) on this database, with the app's options. */
export function authHandlers(db: Database): Handlers {
  let handlers = instances.get(db);
  if (!handlers) {
    handlers = NextAuth(createAuthOptions(db)).handlers;
    instances.set(db, handlers);
  }
  return handlers;
}

/** `name=value` pairs of a response's Set-Cookie headers (attributes dropped), by name. */
function setCookies(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(";")[0] ?? "";
    const at = pair.indexOf("=");
    if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return jar;
}

export interface SignInAttempt {
  status: number;
  /** Where Auth.js redirects: the callback URL on success, /sign-in?error=...&code=... on failure. */
  location: string | null;
  /** Auth.js's error type and our code (`invalid_credentials`, `blocked`, `rate_limited`) on failure. */
  error: string | null;
  code: string | null;
  /** The `Cookie` header value carrying the session, on success. */
  cookie: string | null;
}

/** Posts email and password to the real credentials callback, as the browser form of Auth.js would. */
export function attemptSignIn(
  db: Database,
  email: string,
  password: string,
  options: { headers?: Record<string, string> } = {},
): Promise<SignInAttempt> {
  return attemptProviderSignIn(db, "credentials", { email, password }, options);
}

/** Posts these fields to a Credentials provider's real callback ("credentials", "email-code"). */
export async function attemptProviderSignIn(
  db: Database,
  provider: string,
  fields: Record<string, string>,
  options: { headers?: Record<string, string> } = {},
): Promise<SignInAttempt> {
  const { GET, POST } = authHandlers(db);
  const csrfRes = await GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: options.headers }));
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = [...setCookies(csrfRes)].map(([name, value]) => `${name}=${value}`).join("; ");

  const res = await POST(
    new NextRequest(`${ORIGIN}/api/auth/callback/${provider}`, {
      method: "POST",
      headers: { ...options.headers, "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ csrfToken, ...fields, callbackUrl: `${ORIGIN}/` }),
    }),
  );
  const location = res.headers.get("location");
  const params = location ? new URL(location, ORIGIN).searchParams : new URLSearchParams();
  const session = [...setCookies(res)].filter(([name]) => name.includes("authjs.session-token"));
  return {
    status: res.status,
    location,
    error: params.get("error"),
    code: params.get("code"),
    cookie: session.length > 0 ? session.map(([name, value]) => `${name}=${value}`).join("; ") : null,
  };
}

/** Signs in through the real Auth.js handler and returns the `Cookie` header value of the session. */
export async function signInCookie(
  db: Database,
  email: string,
  password: string,
  options: { headers?: Record<string, string> } = {},
): Promise<string> {
  const attempt = await attemptSignIn(db, email, password, options);
  if (!attempt.cookie) {
    throw new Error(`sign-in as ${email} failed: ${attempt.status} ${attempt.error ?? ""} ${attempt.code ?? ""}`);
  }
  return attempt.cookie;
}

export async function createUserWithPassword(
  db: Database,
  user: { name: string; email: string; role: "admin" | "editor" | "member"; blocked?: boolean },
  password: string,
): Promise<AppUser> {
  const [row] = await db
    .insert(users)
    .values({ ...user, email: user.email.toLowerCase(), passwordHash: await hashPassword(password) })
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
    });
  if (!row) throw new Error("inserting a user returned no row");
  return row;
}

/** The auth_sessions id a session cookie carries. */
export async function sessionIdOf(cookie: string): Promise<string> {
  const claims = await sessionClaims(new Headers({ cookie }), authSecret());
  if (!claims?.sid) throw new Error("the cookie carries no session id");
  return claims.sid;
}

/** Signs out through the real Auth.js handler (GET csrf, POST signout with the session cookie). */
export async function signOutWith(db: Database, sessionCookie: string): Promise<void> {
  const { GET, POST } = authHandlers(db);
  const csrfRes = await GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: { cookie: sessionCookie } }));
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = [...setCookies(csrfRes)].map(([name, value]) => `${name}=${value}`).join("; ");
  await POST(
    new NextRequest(`${ORIGIN}/api/auth/signout`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: [sessionCookie, csrfCookie].filter(Boolean).join("; "),
      },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${ORIGIN}/` }),
    }),
  );
}

/** A real API token for this user; returns the plaintext to put in `Authorization: Bearer ...`. */
export async function createApiToken(
  db: Database,
  userId: string,
  options: { scope: TokenScope; expiresAt?: Date | null; name?: string },
): Promise<string> {
  const { token } = await issueApiToken(db, {
    userId,
    name: options.name ?? "test token",
    scope: options.scope,
    expiresAt: options.expiresAt ?? null,
  });
  return token;
}
