/**
 * Two-factor at sign-in, on real sessions: a password (or a mailed code) opens a session that waits for the second
 * factor and opens nothing else; an authenticator code or a recovery code completes it, each once; a role an admin
 * requires two-factor for opens nothing until its user enrols.
 */
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authSessions } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { issueAccountToken } from "./account-tokens";
import { resolveActor, SECOND_FACTOR_PENDING, sessionUser, TWO_FACTOR_REQUIRED } from "./actor";
import { completeSecondFactor } from "./sessions";
import { attemptProviderSignIn, createUserWithPassword, sessionIdOf, signInCookie } from "./testing";
import { beginEnrolment, confirmEnrolment, setRequiredTwoFactorRoles, verifySecondFactor } from "./two-factor";
import { totpCodeAt, totpStep } from "./two-factor/totp";

let t: TestDatabase;
const PASSWORD = "a long enough password";

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const headersOf = (cookie: string) => new Headers({ cookie });

/** Enrols the user as a person with an authenticator app would; returns the secret and the recovery codes. */
async function enrol(userId: string) {
  const started = await beginEnrolment(t.db, userId);
  if (!started.ok) throw new Error(started.message);
  const secret = decodeBase32IgnorePadding(new URL(started.uri).searchParams.get("secret") ?? "");
  // The code of the step before now: the sign-in below uses the current one, which must still be unspent.
  const confirmed = await confirmEnrolment(t.db, userId, totpCodeAt(secret, totpStep(Date.now()) - 1));
  if (!confirmed.ok) throw new Error(confirmed.message);
  return { secret, recoveryCodes: confirmed.recoveryCodes };
}

describe("sign-in with two-factor on", () => {
  it("waits for the code; a right one completes the session once, a replayed one does not", async () => {
    const user = await createUserWithPassword(t.db, { name: "Tess", email: "tess@2fa.test", role: "member" }, PASSWORD);
    const { secret } = await enrol(user.id);

    const cookie = await signInCookie(t.db, user.email, PASSWORD);
    expect(await resolveActor(t.db, headersOf(cookie))).toEqual({
      actor: { kind: "anonymous" },
      refused: SECOND_FACTOR_PENDING,
    });
    expect((await sessionUser(t.db, headersOf(cookie)))?.session.secondFactorPending).toBe(true);

    expect(await verifySecondFactor(t.db, user.id, "000000")).toBeNull();
    const code = totpCodeAt(secret, totpStep(Date.now()));
    expect(await verifySecondFactor(t.db, user.id, code)).toBe("totp");
    expect(await completeSecondFactor(t.db, await sessionIdOf(cookie), user.id, "totp")).toBe(true);
    expect((await resolveActor(t.db, headersOf(cookie))).actor).toMatchObject({ kind: "user", user: { id: user.id } });
    const [row] = await t.db
      .select()
      .from(authSessions)
      .where(eq(authSessions.id, await sessionIdOf(cookie)));
    expect(row?.method).toBe("password+totp");

    // The same code for a second sign-in: spent.
    await signInCookie(t.db, user.email, PASSWORD);
    expect(await verifySecondFactor(t.db, user.id, code)).toBeNull();
  });

  it("accepts each recovery code once", async () => {
    const user = await createUserWithPassword(t.db, { name: "Rob", email: "rob@2fa.test", role: "member" }, PASSWORD);
    const { recoveryCodes } = await enrol(user.id);
    const cookie = await signInCookie(t.db, user.email, PASSWORD);
    const [first] = recoveryCodes;
    expect(await verifySecondFactor(t.db, user.id, first)).toBe("recovery");
    expect(await completeSecondFactor(t.db, await sessionIdOf(cookie), user.id, "recovery")).toBe(true);
    expect((await resolveActor(t.db, headersOf(cookie))).actor.kind).toBe("user");
    expect(await verifySecondFactor(t.db, user.id, first)).toBeNull();
  });

  it("asks it after a mailed sign-in code too", async () => {
    const user = await createUserWithPassword(t.db, { name: "Mo", email: "mo@2fa.test", role: "member" }, PASSWORD);
    await enrol(user.id);
    const issued = await issueAccountToken(t.db, { userId: user.id, purpose: "sign-in", email: user.email });
    const attempt = await attemptProviderSignIn(t.db, "email-code", { email: user.email, code: issued.code ?? "" });
    expect((await resolveActor(t.db, headersOf(attempt.cookie ?? ""))).refused).toBe(SECOND_FACTOR_PENDING);
  });

  it("a session completed for one user cannot be completed by another's code", async () => {
    const a = await createUserWithPassword(t.db, { name: "Al", email: "al@2fa.test", role: "member" }, PASSWORD);
    const b = await createUserWithPassword(t.db, { name: "Bo", email: "bo@2fa.test", role: "member" }, PASSWORD);
    await enrol(a.id);
    const cookieA = await signInCookie(t.db, a.email, PASSWORD);
    expect(await completeSecondFactor(t.db, await sessionIdOf(cookieA), b.id, "totp")).toBe(false);
    expect((await resolveActor(t.db, headersOf(cookieA))).refused).toBe(SECOND_FACTOR_PENDING);
  });
});

describe("roles that must use two-factor", () => {
  it("open nothing until the user enrols, then everything", async () => {
    const admin = await createUserWithPassword(t.db, { name: "Ada", email: "ada@2fa.test", role: "admin" }, PASSWORD);
    const editor = await createUserWithPassword(t.db, { name: "Ed", email: "ed@2fa.test", role: "editor" }, PASSWORD);
    const member = await createUserWithPassword(t.db, { name: "Mia", email: "mia@2fa.test", role: "member" }, PASSWORD);
    const answer = await setRequiredTwoFactorRoles(t.db, ["editor"], { id: admin.id, name: admin.name });
    expect(answer).toMatchObject({ ok: true });

    const editorCookie = await signInCookie(t.db, editor.email, PASSWORD);
    expect((await resolveActor(t.db, headersOf(editorCookie))).refused).toBe(TWO_FACTOR_REQUIRED);
    // The security page still knows who it is, so they can enrol there.
    expect((await sessionUser(t.db, headersOf(editorCookie)))?.twoFactorRequired).toBe(true);
    expect((await resolveActor(t.db, headersOf(await signInCookie(t.db, member.email, PASSWORD)))).actor.kind).toBe(
      "user",
    );

    await enrol(editor.id);
    expect((await resolveActor(t.db, headersOf(editorCookie))).actor.kind).toBe("user");
    await setRequiredTwoFactorRoles(t.db, [], { id: admin.id, name: admin.name });
  });
});
