/**
 * The account flows end to end on a real PostgreSQL, with the app's real job runtime sending through a real SMTP
 * server started here (server/mail/testing.ts): sign-up and verification, sign-up with a taken address, forgot
 * password, email change, sign-in with a mailed code or link, the new-device alert. Tokens are read out of the mail
 * that arrived, as a person would; expiry and reuse are refused. (That asking answers the same whether or not an
 * address has an account, in about the same time: enumeration-timing.test.ts.)
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accountTokens, auditLog, authSessions, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { type JobsRuntime, startJobs } from "@/server/core/jobs/runtime";
import { jobs } from "@/server/jobs";
import { closeMailTransport } from "@/server/mail/send";
import { tokenIn } from "@/server/mail/testing";
import { MAX_CODE_ATTEMPTS } from "./account-tokens";
import { resolveActor, SESSION_ENDED } from "./actor";
import { confirmEmailChange, EMAIL_IN_USE, INVALID_EMAIL_LINK, requestEmailChange } from "./email-change";
import { requestPasswordReset, requestSignInCode } from "./mail-requests";
import { resetWithLink } from "./password-reset";
import { signUp } from "./register";
import { attemptProviderSignIn, createUserWithPassword, signInCookie } from "./testing";
import { confirmEmail } from "./verify-email";

// The SMTP server must exist before anything reads the environment (env() reads it once per process).
const smtp = await vi.hoisted(async () => {
  const { startTestSmtp } = await import("@/server/mail/testing");
  const server = await startTestSmtp();
  process.env.SMTP_URL = server.url;
  process.env.APP_URL = "http://app.test";
  process.env.MAIL_FROM = "Atrium <no-reply@app.test>";
  return server;
});

let t: TestDatabase;
let runtime: JobsRuntime;
const PASSWORD = "a long enough password";

beforeAll(async () => {
  t = await createTestDatabase();
  runtime = await startJobs({ url: t.url, db: t.db, jobs, work: true, pollingIntervalSeconds: 0.5, log: () => {} });
});
afterAll(async () => {
  await runtime.stop(1_000);
  closeMailTransport();
  await smtp.close();
  await t.drop();
});

const userByEmail = async (email: string) => (await t.db.select().from(users).where(eq(users.email, email)))[0];
const mark = () => smtp.received.length;

describe("sign-up", () => {
  it("mails a verification link; following it verifies the address once", async () => {
    const since = mark();
    await signUp(t.db, { name: "Vera", email: "vera@accounts.test", password: PASSWORD });
    expect((await userByEmail("vera@accounts.test"))?.emailVerifiedAt).toBeNull();
    const mail = await smtp.waitFor("vera@accounts.test", "Confirm your email address", { after: since });
    const token = tokenIn(mail, "/verify-email");

    const id = await confirmEmail(t.db, token);
    expect(id).toBe((await userByEmail("vera@accounts.test"))?.id);
    expect((await userByEmail("vera@accounts.test"))?.emailVerifiedAt).toBeInstanceOf(Date);
    // Used once: a second use is refused, as is anything that is not a live token.
    expect(await confirmEmail(t.db, token)).toBeNull();
    expect(await confirmEmail(t.db, `${token.slice(0, -1)}A`)).toBeNull();
    expect(await confirmEmail(t.db, "' or 1=1 --")).toBeNull();
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.resource, "users"), eq(auditLog.recordId, id ?? "")));
    expect(JSON.stringify(entry?.after)).not.toContain(token);
  });

  it("refuses an expired verification link", async () => {
    const since = mark();
    await signUp(t.db, { name: "Late", email: "late@accounts.test", password: PASSWORD });
    const token = tokenIn(await smtp.waitFor("late@accounts.test", "Confirm", { after: since }), "/verify-email");
    const user = await userByEmail("late@accounts.test");
    await t.db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(accountTokens.userId, user?.id ?? ""));
    expect(await confirmEmail(t.db, token)).toBeNull();
    expect((await userByEmail("late@accounts.test"))?.emailVerifiedAt).toBeNull();
  });

  it("with a taken address creates nothing and tells the account's owner instead", async () => {
    await createUserWithPassword(t.db, { name: "Owen Owner", email: "owen@accounts.test", role: "member" }, PASSWORD);
    const since = mark();
    expect(await signUp(t.db, { name: "Mallory", email: "OWEN@accounts.test", password: "not owen's" })).toEqual({
      created: null,
    });
    const mail = await smtp.waitFor("owen@accounts.test", "tried to sign up", { after: since });
    expect(mail.text).toContain("Owen Owner");
    expect(mail.text).not.toContain("Mallory");
    expect((await userByEmail("owen@accounts.test"))?.name).toBe("Owen Owner");
  });
});

describe("forgot password", () => {
  it("mails a single-use link; using it sets the password, ends every session and sends a notice", async () => {
    const user = await createUserWithPassword(
      t.db,
      { name: "Rita", email: "rita@accounts.test", role: "member" },
      PASSWORD,
    );
    const session = await signInCookie(t.db, user.email, PASSWORD);
    const since = mark();
    expect(await requestPasswordReset(t.db, "Rita@Accounts.test", "203.0.113.5")).toEqual({ ok: true });
    const token = tokenIn(await smtp.waitFor(user.email, "Reset your password", { after: since }), "/reset-password");

    expect(await resetWithLink(t.db, token, "the new password here", "203.0.113.5")).toBe(user.id);
    expect(await resetWithLink(t.db, token, "and once more please")).toBeNull();
    expect((await resolveActor(t.db, new Headers({ cookie: session }))).refused).toBe(SESSION_ENDED);
    await expect(signInCookie(t.db, user.email, PASSWORD)).rejects.toThrow();
    expect(await signInCookie(t.db, user.email, "the new password here")).toContain("session-token");
    const notice = await smtp.waitFor(user.email, "Your password was changed", { after: since });
    expect(notice.text).toContain("203.0.113.5");
  });

  it("answers the same for an unknown address, and mails nobody", async () => {
    const since = mark();
    expect(await requestPasswordReset(t.db, "nobody@accounts.test", "203.0.113.6")).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(smtp.received.slice(since).filter((m) => JSON.stringify(m.to).includes("nobody@"))).toEqual([]);
  });
});

describe("email change", () => {
  it("confirms on the new address, tells the old one, and refuses a second use or a taken address", async () => {
    const user = await createUserWithPassword(t.db, { name: "Cleo", email: "cleo@old.test", role: "member" }, PASSWORD);
    expect(await requestEmailChange(t.db, user.id, { newEmail: "cleo@new.test", currentPassword: "wrong" })).toEqual({
      ok: false,
      fieldErrors: { currentPassword: "That is not your current password." },
    });
    const since = mark();
    expect(await requestEmailChange(t.db, user.id, { newEmail: "Cleo@New.test", currentPassword: PASSWORD })).toEqual({
      ok: true,
    });
    const token = tokenIn(
      await smtp.waitFor("cleo@new.test", "Confirm your new email", { after: since }),
      "/confirm-email",
    );
    expect(await confirmEmailChange(t.db, token)).toEqual({ ok: true, email: "cleo@new.test" });
    expect(await userByEmail("cleo@new.test")).toMatchObject({ id: user.id });
    expect(await confirmEmailChange(t.db, token)).toEqual({ ok: false, message: INVALID_EMAIL_LINK });
    const notice = await smtp.waitFor("cleo@old.test", "Your email address was changed", { after: since });
    expect(notice.text).toContain("cleo@new.test");
    // Through the engine: audited like any change of the record.
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.recordId, user.id));
    expect(entries.some((e) => JSON.stringify(e.after).includes("cleo@new.test"))).toBe(true);

    // A link to an address someone took meanwhile changes nothing.
    const second = mark();
    await requestEmailChange(t.db, user.id, { newEmail: "taken@new.test", currentPassword: PASSWORD });
    const late = tokenIn(await smtp.waitFor("taken@new.test", "Confirm", { after: second }), "/confirm-email");
    await createUserWithPassword(t.db, { name: "Tak", email: "taken@new.test", role: "member" }, PASSWORD);
    expect(await confirmEmailChange(t.db, late)).toEqual({ ok: false, message: EMAIL_IN_USE });
    expect((await userByEmail("cleo@new.test"))?.id).toBe(user.id);
  });
});

describe("sign-in with a mailed code or link", () => {
  it("signs in once with the code, verifies the address, and refuses reuse", async () => {
    const user = await createUserWithPassword(
      t.db,
      { name: "Cody", email: "cody@accounts.test", role: "member" },
      PASSWORD,
    );
    await t.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, user.id));
    const since = mark();
    await requestSignInCode(t.db, user.email, "203.0.113.7");
    const mail = await smtp.waitFor(user.email, "Your sign-in code", { after: since });
    const code = /\b(\d{6})\b/.exec(mail.text ?? "")?.[1] ?? "";
    expect(code).toMatch(/^\d{6}$/);

    const ok = await attemptProviderSignIn(t.db, "email-code", { email: user.email, code });
    expect(ok.cookie).toContain("session-token");
    expect((await resolveActor(t.db, new Headers({ cookie: ok.cookie ?? "" }))).actor.kind).toBe("user");
    expect((await userByEmail(user.email))?.emailVerifiedAt).toBeInstanceOf(Date);
    const [session] = await t.db.select().from(authSessions).where(eq(authSessions.userId, user.id));
    expect(session?.method).toBe("code");
    const again = await attemptProviderSignIn(t.db, "email-code", { email: user.email, code });
    expect(again).toMatchObject({ cookie: null, code: "invalid_credentials" });
  });

  it("kills the code after too many wrong guesses, link included", async () => {
    const user = await createUserWithPassword(
      t.db,
      { name: "Gus", email: "gus@accounts.test", role: "member" },
      PASSWORD,
    );
    const since = mark();
    await requestSignInCode(t.db, user.email, "203.0.113.8");
    const mail = await smtp.waitFor(user.email, "Your sign-in code", { after: since });
    const code = /\b(\d{6})\b/.exec(mail.text ?? "")?.[1] ?? "";
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      expect((await attemptProviderSignIn(t.db, "email-code", { email: user.email, code: wrong })).cookie).toBeNull();
    }
    expect((await attemptProviderSignIn(t.db, "email-code", { email: user.email, code })).cookie).toBeNull();
    const token = tokenIn(mail, "/sign-in/link");
    expect((await attemptProviderSignIn(t.db, "email-code", { token })).cookie).toBeNull();
  });

  it("signs in once with the link", async () => {
    const user = await createUserWithPassword(
      t.db,
      { name: "Lin", email: "lin@accounts.test", role: "member" },
      PASSWORD,
    );
    const since = mark();
    await requestSignInCode(t.db, user.email, "203.0.113.9");
    const token = tokenIn(await smtp.waitFor(user.email, "Your sign-in code", { after: since }), "/sign-in/link");
    expect((await attemptProviderSignIn(t.db, "email-code", { token })).cookie).toContain("session-token");
    expect((await attemptProviderSignIn(t.db, "email-code", { token })).cookie).toBeNull();
  });
});

describe("new-device alert", () => {
  it("mails the owner when a browser signs in that the account has not used before, not for a known one", async () => {
    const user = await createUserWithPassword(
      t.db,
      { name: "Nia", email: "nia@accounts.test", role: "member" },
      PASSWORD,
    );
    const firefox = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0" };
    const chrome = {
      "user-agent":
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    };
    const since = mark();
    await signInCookie(t.db, user.email, PASSWORD, { headers: firefox });
    await signInCookie(t.db, user.email, PASSWORD, { headers: firefox });
    await signInCookie(t.db, user.email, PASSWORD, { headers: { ...chrome, "x-forwarded-for": "198.51.100.4" } });
    const alert = await smtp.waitFor(user.email, "New sign-in", { after: since });
    expect(alert.text).toContain("Chrome 131 on macOS");
    expect(alert.text).toContain("198.51.100.4");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(smtp.received.slice(since).filter((m) => (m.subject ?? "").includes("New sign-in"))).toHaveLength(1);
  });
});
