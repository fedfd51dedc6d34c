/**
 * PocketBase's auth endpoints on a real PostgreSQL, driven by the unmodified `pocketbase` SDK (its requests reach the
 * handler in process) and by raw Requests: sign in, the token as every later request reads it (raw and Bearer),
 * refresh, the session's end; refusals (wrong password, unknown address, blocked, two-factor, temporary password,
 * rate limit) in PocketBase's shape; reset and verification mails through Atrium's flows. Forged tokens and hostile
 * bodies are in auth-hostile.test.ts.
 */
import { eq, sql } from "drizzle-orm";
import { ClientResponseError, getTokenPayload } from "pocketbase";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountSettings, authSessions, devMail, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { issueAccountToken } from "@/server/auth/account-tokens";
import { PASSWORD_CHANGE_REQUIRED, resolveActor, SESSION_ENDED, TWO_FACTOR_REQUIRED } from "@/server/auth/actor";
import { issueResetLink } from "@/server/auth/password-reset";
import { listSessions, revokeSession, SESSION_LIFETIME_SECONDS } from "@/server/auth/sessions";
import { createApiToken, createUserWithPassword, signInCookie } from "@/server/auth/testing";
import { verifyEmailRequestJob } from "@/server/jobs/account-mail";
import { type AuthHarness, authHarness, writeCounts } from "./auth-testing";

const PASSWORD = "pocketbase auth passphrase 31c9";
let t: TestDatabase;
let h: AuthHarness;
let ipSeq = 0;
/** A client IP of its own per test, so the per-IP sign-in limit of one test never reaches another. */
const nextIp = () => `203.0.113.${++ipSeq}`;

async function verifiedUser(name: string, email: string, role: "member" | "editor" | "admin" = "member") {
  const user = await createUserWithPassword(t.db, { name, email, role }, PASSWORD);
  const verifiedAt = new Date();
  await t.db.update(users).set({ emailVerifiedAt: verifiedAt }).where(eq(users.id, user.id));
  return { ...user, emailVerifiedAt: verifiedAt };
}

/** A user who signed up and has not confirmed the address yet (users made otherwise count as verified). */
async function unverifiedUser(name: string, email: string) {
  const user = await createUserWithPassword(t.db, { name, email, role: "member" }, PASSWORD);
  await t.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, user.id));
  return { ...user, emailVerifiedAt: null };
}

/** The ClientResponseError a rejected SDK call throws. */
async function refusal(promise: Promise<unknown>): Promise<ClientResponseError> {
  const error = await promise.then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  );
  if (!(error instanceof ClientResponseError)) throw error;
  return error;
}

const sessionsOf = (userId: string) =>
  t.db
    .select({ method: authSessions.method, pending: authSessions.secondFactorPending })
    .from(authSessions)
    .where(eq(authSessions.userId, userId));

beforeAll(async () => {
  t = await createTestDatabase();
  h = await authHarness(t);
}, 60_000);
afterAll(() => t.drop());

describe("auth-with-password, the token, auth-refresh", () => {
  it("signs in with the SDK; the token works raw and as Bearer, refreshes, and ends with its session", async () => {
    const ada = await verifiedUser("Ada Pocket", "ada@pb-auth.test");
    const pb = h.sdk(nextIp());
    const signedIn = await pb.collection("users").authWithPassword("Ada@PB-Auth.test", PASSWORD);

    expect(pb.authStore.isValid).toBe(true);
    expect(pb.authStore.token).toBe(signedIn.token);
    expect(signedIn.record).toMatchObject({
      collectionId: "users",
      collectionName: "users",
      id: ada.id,
      name: "Ada Pocket",
      email: "ada@pb-auth.test",
      role: "member",
    });
    expect(signedIn.record.created).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/);
    for (const secret of ["passwordHash", "twoFactorSecret", "twoFactorLastStep"]) {
      expect(signedIn.record).not.toHaveProperty(secret);
    }

    const claims = getTokenPayload(signedIn.token);
    expect(claims).toMatchObject({ id: ada.id, type: "auth", collectionId: "users", refreshable: true });
    expect(claims.exp - Date.now() / 1000).toBeGreaterThan(SESSION_LIFETIME_SECONDS - 60);

    // One session row, listed on /account/security like any sign-in.
    const listed = await listSessions(t.db, ada.id, null);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: claims.sid, method: "api:password", ip: expect.stringMatching(/^203\./) });

    const expected = { actor: { kind: "user", via: "session", user: ada }, avatar: null };
    expect(await resolveActor(t.db, new Headers({ authorization: signedIn.token }))).toEqual(expected);
    expect(await resolveActor(t.db, new Headers({ authorization: `Bearer ${signedIn.token}` }))).toEqual(expected);

    // A second later (the token's times are in seconds), a refresh gives a new token for the same session.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const refreshed = await pb.collection("users").authRefresh();
    expect(refreshed.token).not.toBe(signedIn.token);
    expect(pb.authStore.token).toBe(refreshed.token);
    expect(getTokenPayload(refreshed.token)).toMatchObject({ id: ada.id, sid: claims.sid });
    expect(refreshed.record.id).toBe(ada.id);
    expect((await resolveActor(t.db, new Headers({ authorization: refreshed.token }))).actor.kind).toBe("user");

    // Signing this session out (as /account/security does) ends every token naming it.
    expect(await revokeSession(t.db, ada.id, claims.sid, "revoked by the user")).toBe(true);
    for (const token of [signedIn.token, refreshed.token]) {
      expect(await resolveActor(t.db, new Headers({ authorization: token }))).toEqual({
        actor: { kind: "anonymous" },
        refused: SESSION_ENDED,
      });
    }
    const ended = await refusal(pb.collection("users").authRefresh());
    expect(ended.status).toBe(401);
    expect(ended.response).toEqual({ status: 401, message: SESSION_ENDED, data: {} });
  });

  it("accepts a urlencoded form and multipart form data as PocketBase does", async () => {
    await verifiedUser("Flo Form", "flo@pb-auth.test");
    const form = new URLSearchParams({ identity: "flo@pb-auth.test", password: PASSWORD, extra: "ignored" });
    const urlencoded = await h.call("auth-with-password", {
      raw: form.toString(),
      contentType: "application/x-www-form-urlencoded",
      ip: nextIp(),
    });
    expect(urlencoded.status).toBe(200);
    const multipart = new FormData();
    multipart.set("identity", "flo@pb-auth.test");
    multipart.set("password", PASSWORD);
    const res = await h.fetch("http://localhost/api/collections/users/auth-with-password", {
      method: "POST",
      body: multipart,
      headers: { "x-forwarded-for": nextIp() },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ token: expect.any(String), record: { email: "flo@pb-auth.test" } });
  });

  it("answers a wrong password and an unknown address alike: 400, PocketBase's message, no session", async () => {
    const wes = await verifiedUser("Wes Wrong", "wes@pb-auth.test");
    const pb = h.sdk(nextIp());
    const wrong = await refusal(pb.collection("users").authWithPassword("wes@pb-auth.test", "not the password"));
    const unknown = await refusal(pb.collection("users").authWithPassword("nobody@pb-auth.test", "not the password"));
    for (const error of [wrong, unknown]) {
      expect(error.status).toBe(400);
      expect(error.response).toEqual({ status: 400, message: "Failed to authenticate.", data: {} });
    }
    expect(pb.authStore.isValid).toBe(false);
    expect(await sessionsOf(wes.id)).toEqual([]);
  });

  it("refuses a blocked user only once the password is right, and opens nothing", async () => {
    const bo = await createUserWithPassword(
      t.db,
      { name: "Bo Blocked", email: "bo@pb-auth.test", role: "member", blocked: true },
      PASSWORD,
    );
    const pb = h.sdk(nextIp());
    expect((await refusal(pb.collection("users").authWithPassword(bo.email, "a guess"))).status).toBe(400);
    const blocked = await refusal(pb.collection("users").authWithPassword(bo.email, PASSWORD));
    expect(blocked.status).toBe(403);
    expect(blocked.response).toEqual({ status: 403, message: "This account is blocked.", data: {} });
    expect(await sessionsOf(bo.id)).toEqual([]);
  });

  it("gives no token to an account with two-factor on, says why, and opens only a pending, unlisted row", async () => {
    const tia = await verifiedUser("Tia Twofactor", "tia@pb-auth.test");
    await t.db.update(users).set({ twoFactorEnabledAt: new Date() }).where(eq(users.id, tia.id));
    const answer = await h.call("auth-with-password", {
      body: { identity: tia.email, password: PASSWORD },
      ip: nextIp(),
    });
    expect(answer.status).toBe(403);
    expect(answer.json).not.toHaveProperty("token");
    expect(answer.json?.message).toMatch(/two-factor.*does not support yet.*\/sign-in/);
    // As the browser's first step: the row exists (for the new-browser alert) but is pending and unlisted.
    expect(await sessionsOf(tia.id)).toEqual([{ method: "api:password", pending: true }]);
    expect(await listSessions(t.db, tia.id, null)).toEqual([]);
  });

  it("refuses a temporary password, and a role that must set up two-factor first, with what to do", async () => {
    const tom = await verifiedUser("Tom Temporary", "tom@pb-auth.test");
    await t.db.update(users).set({ passwordChangeRequired: true }).where(eq(users.id, tom.id));
    const temporary = await h.call("auth-with-password", { body: { identity: tom.email, password: PASSWORD } });
    expect(temporary).toMatchObject({ status: 403, json: { status: 403, message: PASSWORD_CHANGE_REQUIRED } });

    const eve = await verifiedUser("Eve Editor", "eve@pb-auth.test", "editor");
    await t.db
      .insert(accountSettings)
      .values({ id: 1, requireTwoFactorRoles: ["editor"] })
      .onConflictDoUpdate({ target: accountSettings.id, set: { requireTwoFactorRoles: ["editor"] } });
    try {
      const required = await h.call("auth-with-password", { body: { identity: eve.email, password: PASSWORD } });
      expect(required).toMatchObject({ status: 403, json: { message: TWO_FACTOR_REQUIRED } });
    } finally {
      await t.db.update(accountSettings).set({ requireTwoFactorRoles: [] }).where(eq(accountSettings.id, 1));
    }
    expect(await sessionsOf(tom.id)).toEqual([]);
    expect(await sessionsOf(eve.id)).toEqual([]);
  });

  it("counts attempts against the sign-in form's limit: the 6th for one address is a 429 with Retry-After", async () => {
    await verifiedUser("Ray Limit", "ray@pb-auth.test");
    for (let i = 0; i < 5; i++) {
      const guess = await h.call("auth-with-password", {
        body: { identity: "ray@pb-auth.test", password: `guess ${i}` },
        ip: nextIp(),
      });
      expect(guess.status).toBe(400);
    }
    const limited = await h.call("auth-with-password", {
      body: { identity: "ray@pb-auth.test", password: PASSWORD },
      ip: nextIp(),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.json).toMatchObject({ status: 429, message: expect.stringMatching(/^Too many attempts/) });
  });

  it("refreshes only a PocketBase token: none, an API token or a session cookie is a 401", async () => {
    const cy = await verifiedUser("Cy Cookie", "cy@pb-auth.test");
    const apiToken = await createApiToken(t.db, cy.id, { scope: "read" });
    const cookie = await signInCookie(t.db, cy.email, PASSWORD, { headers: { "x-forwarded-for": nextIp() } });
    const required = { status: 401, message: "The request requires valid record authorization token.", data: {} };
    const presented: Record<string, string>[] = [{}, { authorization: `Bearer ${apiToken}` }, { cookie }];
    for (const headers of presented) {
      const answer = await h.call("auth-refresh", { headers });
      expect(answer).toMatchObject({ status: 401, json: required });
    }
  });
});

describe("the other endpoints", () => {
  it("lists the auth methods truthfully, in 0.23's shape (the SDK asks for its four keys)", async () => {
    const methods = await h.sdk(nextIp()).collection("users").listAuthMethods();
    expect(methods).toEqual({
      password: { enabled: true, identityFields: ["email"] },
      oauth2: { enabled: false, providers: [] },
      mfa: { enabled: false, duration: 0 },
      otp: { enabled: false, duration: 0 },
    });
    const raw = await h.call("auth-methods", { method: "GET" });
    expect(raw.json).toMatchObject({ emailPassword: true, usernamePassword: false, authProviders: [] });
  });

  it("has auth on users only, and one method per action", async () => {
    const posts = await h.call("auth-with-password", { collection: "posts", body: { identity: "a", password: "b" } });
    expect(posts).toMatchObject({ status: 404, json: { status: 404, message: expect.any(String), data: {} } });
    const wrongMethod = await h.call("auth-with-password", { method: "GET" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    expect((await h.call("auth-with-oauth2")).status).toBe(404);
  });

  it("asks for a reset mail with the same 204 for known and unknown addresses; both are queued by address", async () => {
    await verifiedUser("Rita Reset", "rita@pb-auth.test");
    const pb = h.sdk(nextIp());
    expect(await pb.collection("users").requestPasswordReset("rita@pb-auth.test")).toBe(true);
    expect(await pb.collection("users").requestPasswordReset("ghost@pb-auth.test")).toBe(true);
    const queued = await t.db.execute<{ email: string }>(
      sql`select data->>'email' as email from pgboss.job where name = 'users.password-reset-request' order by email`,
    );
    expect(queued.map((row) => row.email)).toEqual(["ghost@pb-auth.test", "rita@pb-auth.test"]);
  });

  it("resets the password with a mailed token: every session ends, the new password signs in", async () => {
    const pat = await verifiedUser("Pat Reset", "pat@pb-auth.test");
    const pb = h.sdk(nextIp());
    const before = await pb.collection("users").authWithPassword(pat.email, PASSWORD);
    const link = await issueResetLink(t.db, pat.id, { kind: "user", id: pat.id, name: pat.name });
    const token = new URL(link?.path ?? "", "http://x").searchParams.get("token") ?? "";

    const mismatch = await refusal(pb.collection("users").confirmPasswordReset(token, "new passphrase 1", "other"));
    expect(mismatch.status).toBe(400);
    expect(mismatch.response.data).toEqual({
      passwordConfirm: { code: "validation_values_mismatch", message: "The passwords do not match." },
    });
    const short = await refusal(pb.collection("users").confirmPasswordReset(token, "short", "short"));
    expect(short.response.data).toMatchObject({ password: { code: "validation_length_out_of_range" } });

    const fresh = "the new pocketbase passphrase";
    expect(await pb.collection("users").confirmPasswordReset(token, fresh, fresh)).toBe(true);
    expect((await resolveActor(t.db, new Headers({ authorization: before.token }))).refused).toBe(SESSION_ENDED);
    const again = await refusal(pb.collection("users").confirmPasswordReset(token, fresh, fresh));
    expect(again.response).toMatchObject({ status: 400, data: { token: { code: "validation_invalid_token" } } });
    expect((await pb.collection("users").authWithPassword(pat.email, fresh)).record.id).toBe(pat.id);
  });

  it("asks for a verification mail: 204 and a job for every address; the job mails an unverified account only", async () => {
    const una = await unverifiedUser("Una", "una@pb-auth.test");
    await verifiedUser("Val Verified", "val@pb-auth.test");
    const pb = h.sdk(nextIp());
    const addresses = [una.email, "val@pb-auth.test", "nobody-v@pb-auth.test"];
    for (const email of addresses) {
      expect(await pb.collection("users").requestVerification(email)).toBe(true);
    }
    const queued = await t.db.execute<{ email: string }>(
      sql`select data->>'email' as email from pgboss.job where name = 'users.verify-email-request' order by email`,
    );
    expect(queued.map((row) => row.email)).toEqual([...addresses].sort());

    // The job, run as the worker runs it: it looks the address up now, and only Una's gets a link (dev mailbox).
    const context = { id: "test", attempt: 0, signal: new AbortController().signal, db: t.db };
    const sent = [];
    for (const email of addresses) sent.push(await verifyEmailRequestJob.run({ email }, context));
    expect(sent).toEqual([
      { sent: true },
      { sent: false, reason: "already verified" },
      { sent: false, reason: "no account that may sign in has this address" },
    ]);
    const mailed = await t.db.select({ to: devMail.to, template: devMail.template }).from(devMail);
    expect(mailed.filter((mail) => addresses.includes(mail.to))).toEqual([{ to: una.email, template: "verify-email" }]);
  });

  it("confirms an address with the mailed token, once", async () => {
    const vic = await unverifiedUser("Vic", "vic@pb-auth.test");
    const issued = await issueAccountToken(t.db, { userId: vic.id, purpose: "verify-email", email: vic.email });
    const pb = h.sdk(nextIp());
    expect(await pb.collection("users").confirmVerification(issued.token)).toBe(true);
    const [row] = await t.db.select({ at: users.emailVerifiedAt }).from(users).where(eq(users.id, vic.id));
    expect(row?.at).toBeInstanceOf(Date);
    const reused = await refusal(pb.collection("users").confirmVerification(issued.token));
    expect(reused.response).toMatchObject({ status: 400, data: { token: { code: "validation_invalid_token" } } });
  });

  it("writes nothing for a request refused before its work (a blank field)", async () => {
    const before = await writeCounts(t);
    for (const action of ["auth-with-password", "request-password-reset", "confirm-password-reset"]) {
      const answer = await h.call(action, { body: {} });
      expect(answer.status).toBe(400);
      expect(Object.values(answer.json?.data ?? {})).toContainEqual({
        code: "validation_required",
        message: "Cannot be blank.",
      });
    }
    expect(await writeCounts(t)).toEqual(before);
  });
});
