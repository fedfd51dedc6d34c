/**
 * For tests that drive our PocketBase endpoints with the unmodified `pocketbase` SDK: a client whose requests a
 * handler answers in process, the refusal it throws, and a signed-in user. Framework-free and light at load, so the
 * e2e spec (which takes only `refusal`) can import it without loading Auth.js or a test runner.
 */
import { eq } from "drizzle-orm";
import PocketBase, { ClientResponseError } from "pocketbase";
import { users } from "@/db/schema";
import type { TestDatabase } from "@/db/testing/test-db";

export const ORIGIN = "http://localhost";

export type Handler = (req: Request) => Promise<Response>;

export interface SignedIn {
  id: string;
  email: string;
  cookie: string;
}

/** The SDK, unmodified, its requests answered by `to` in process with `headers` added (a cookie, an origin, an IP). */
export function inProcessSdk(to: Handler, headers: Record<string, string> = {}, baseUrl = ORIGIN): PocketBase {
  const pb = new PocketBase(baseUrl);
  pb.autoCancellation(false);
  pb.beforeSend = (url, options) => ({
    url,
    options: {
      ...options,
      headers: { ...(options.headers as Record<string, string>), ...headers },
      fetch: (input: RequestInfo | URL, init?: RequestInit) => to(new Request(input, init)),
    },
  });
  return pb;
}

/** The SDK's ClientResponseError that `promise` rejects with; anything else (a success included) fails the test. */
export async function refusal(promise: Promise<unknown>): Promise<ClientResponseError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof ClientResponseError) return error;
  throw new Error(`expected a ClientResponseError, got ${error === null ? "a success" : String(error)}`);
}

/** A user with a verified email, as every SDK test's signed-in caller is. */
export async function verifiedUser(
  t: TestDatabase,
  user: { name: string; email: string; role?: "member" | "admin" },
  password: string,
) {
  // Loaded on first use: the e2e spec imports this module for `refusal` alone and must not load Auth.js.
  const { createUserWithPassword } = await import("@/server/auth/testing");
  const created = await createUserWithPassword(t.db, { role: "member", ...user }, password);
  await t.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, created.id));
  return created;
}

/** A verified user and the session cookie of signing in with `password`. */
export async function signedIn(
  t: TestDatabase,
  user: { name: string; email: string; role?: "member" | "admin" },
  password: string,
): Promise<SignedIn> {
  const created = await verifiedUser(t, user, password);
  const { signInCookie } = await import("@/server/auth/testing");
  return { id: created.id, email: user.email, cookie: await signInCookie(t.db, user.email, password) };
}
