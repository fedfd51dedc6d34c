/**
 * An account's whole life in Chromium against `next start`, mail read from the dev mailbox (/dev/mail): sign up,
 * confirm the address from the mail, set up two-factor (codes computed from the key on the page), sign out, sign in
 * with the password and an authenticator code, sign in with a mailed code and a recovery code, reset the password
 * from the mail, and see the session of a second browser signed out by it.
 */
import { expect, type Page, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { authSessions, users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { Authenticator } from "./support/authenticator";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { linkIn, waitForMail } from "./support/mailbox";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

const PERSON = { name: "Nell Newcomer", email: "nell.newcomer@example.test", password: "nell's first password" };
const NEW_PASSWORD = "nell's second password";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

const header = (page: Page) => page.getByRole("navigation", { name: "Main" });

async function signInWithPassword(page: Page, password: string) {
  await page.goto("/sign-in");
  const form = page.getByRole("form", { name: "Sign in" });
  await form.getByLabel("Email").fill(PERSON.email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
}

async function secondStep(page: Page, code: string) {
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  const form = page.getByRole("form", { name: "Two-factor code" });
  await form.getByLabel("Authentication code").fill(code);
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(header(page).getByTestId("signed-in-user")).toContainText(PERSON.name);
}

async function signOut(page: Page) {
  await header(page).getByRole("button", { name: "Sign out" }).click();
  await expect(header(page).getByRole("link", { name: "Sign in" })).toBeVisible();
}

test("sign up, confirm, two-factor, codes by mail, recovery code, reset: the whole account by mail", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // Sign up: the answer tells nothing about the address; the mail does.
  const start = new Date();
  await page.goto("/sign-up");
  const signUp = page.getByRole("form", { name: "Sign up" });
  await signUp.getByLabel("Name").fill(PERSON.name);
  await signUp.getByLabel("Email").fill(PERSON.email);
  await signUp.getByLabel("Password", { exact: true }).fill(PERSON.password);
  await signUp.getByLabel("Confirm password").fill(PERSON.password);
  await signUp.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/check-inbox\?for=sign-up$/);
  await expect(page.getByRole("status")).toContainText("We sent a mail to the address you gave");
  await shoot(page, "accounts-check-inbox");

  // The mail, opened in the dev mailbox as a developer would.
  const verify = await waitForMail(PERSON.email, "verify-email", { after: start });
  await page.goto(`/dev/mail?to=${encodeURIComponent(PERSON.email)}`);
  await page
    .getByRole("link", { name: /Confirm your email address/ })
    .first()
    .click();
  await expect(page.frameLocator("iframe").getByRole("heading", { name: /Confirm your email address/ })).toBeVisible();
  await page.goto(linkIn(verify, "/verify-email"));
  await shoot(page, "accounts-verify-email");
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=email-verified/);
  await expect(page.getByRole("status")).toContainText("Your email address is confirmed");
  const [row] = await database.db.select().from(users).where(eq(users.email, PERSON.email));
  expect(row?.emailVerifiedAt).toBeInstanceOf(Date);

  // Signed in, two-factor set up from the key on the page.
  await signInWithPassword(page, PERSON.password);
  await expect(header(page).getByTestId("signed-in-user")).toContainText(PERSON.name);
  await page.goto("/account/security");
  const twoFactor = page.getByRole("region", { name: "Two-factor authentication" });
  await twoFactor.getByRole("button", { name: "Set up two-factor" }).click();
  const app = new Authenticator((await twoFactor.getByTestId("two-factor-manual-key").textContent()) ?? "");
  const confirm = page.getByRole("form", { name: "Confirm two-factor setup" });
  await confirm.getByLabel("Code from the app").fill(app.first());
  await confirm.getByRole("button", { name: "Turn on two-factor" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recovery = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  await signOut(page);

  // Password, then the authenticator's code.
  await signInWithPassword(page, PERSON.password);
  await expectNoSeriousA11yViolations(page, "second step of sign-in");
  await shoot(page, "accounts-two-factor-step");
  // The session opens nothing else meanwhile: the account page sends it back to sign in.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  await secondStep(page, await app.fresh());
  await signOut(page);

  // A mailed code instead of the password, then a recovery code.
  const codeAsked = new Date();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Email me a sign-in code" }).click();
  const codeForm = page.getByRole("form", { name: "Sign in with a code" });
  await codeForm.getByLabel("Email").fill(PERSON.email);
  await codeForm.getByRole("button", { name: "Email me a code" }).click();
  await expect(codeForm.getByRole("status")).toContainText("If this address has an account");
  await shoot(page, "accounts-sign-in-code");
  const codeMail = await waitForMail(PERSON.email, "sign-in-code", { after: codeAsked });
  const code = /\b(\d{6})\b/.exec(codeMail.text)?.[1] ?? "";
  await codeForm.getByLabel("Code").fill(code);
  await codeForm.getByRole("button", { name: "Sign in" }).click();
  await secondStep(page, recovery[0] ?? "");
  const methods = await database.db
    .select({ method: authSessions.method })
    .from(authSessions)
    .where(eq(authSessions.userId, row?.id ?? ""));
  expect(methods.map((m) => m.method)).toEqual(expect.arrayContaining(["password+totp", "code+recovery"]));

  // A second browser signs in too; the first lists it on the security page.
  const other = await browser.newContext();
  const second = await other.newPage();
  await signInWithPassword(second, PERSON.password);
  await secondStep(second, recovery[1] ?? "");
  await page.goto("/account/security");
  await expect(page.getByRole("list", { name: "Signed-in sessions" }).getByRole("listitem")).toHaveCount(2);
  await expect(page.getByText("This browser")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "security page with sessions");
  await shoot(page, "accounts-security-sessions");
  await signOut(page);

  // Forgot password: the same answer for any address; the link from the mail sets a new one and ends every session.
  const resetAsked = new Date();
  await page.goto("/forgot-password");
  await shoot(page, "accounts-forgot-password");
  const forgot = page.getByRole("form", { name: "Forgot password" });
  await forgot.getByLabel("Email").fill(PERSON.email);
  await forgot.getByRole("button", { name: "Send reset link" }).click();
  await expect(page).toHaveURL(/\/check-inbox\?for=reset$/);
  const resetMail = await waitForMail(PERSON.email, "password-reset", { after: resetAsked });
  await page.goto(linkIn(resetMail, "/reset-password"));
  const choose = page.getByRole("form", { name: "Choose a new password" });
  await choose.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await choose.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await choose.getByRole("button", { name: "Save password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=password-changed/);
  await waitForMail(PERSON.email, "password-changed", { after: resetAsked });

  // The second browser's session ended with the reset: its next page is signed out.
  await second.goto("/account");
  await expect(second).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount/);
  await other.close();

  // The new password works (with the second factor still on).
  await signInWithPassword(page, NEW_PASSWORD);
  await secondStep(page, await app.fresh());
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "account page");
  await shoot(page, "accounts-account-page");
});

test("sign-up with an address that has an account says the same, and mails the owner instead", async ({ page }) => {
  const start = new Date();
  await page.goto("/sign-up");
  const form = page.getByRole("form", { name: "Sign up" });
  await form.getByLabel("Name").fill("Mallory");
  await form.getByLabel("Email").fill(E2E_ADMIN.email.toUpperCase());
  await form.getByLabel("Password", { exact: true }).fill("mallory's password");
  await form.getByLabel("Confirm password").fill("mallory's password");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/check-inbox\?for=sign-up$/);
  const notice = await waitForMail(E2E_ADMIN.email, "sign-up-attempt", { after: start });
  expect(notice.text).toContain("Ada Admin");
  expect(notice.text).not.toContain("Mallory");
  const admins = await database.db.select().from(users).where(eq(users.email, E2E_ADMIN.email));
  expect(admins.map((a) => a.name)).toEqual(["Ada Admin"]);
});

test("an unverified member is told to confirm, changes their email by mail, and deletes their account", async ({
  page,
}) => {
  const person = { name: "Una Unsure", email: "una.unsure@example.test", password: "una's long password" };
  await database.db
    .insert(users)
    .values({ ...person, role: "member", passwordHash: await hashPassword(person.password), emailVerifiedAt: null });
  await signIn(page, person.email, person.password);

  await page.goto("/account");
  const notice = page.getByRole("region", { name: "Confirm your email address" });
  const resent = new Date();
  await notice.getByRole("button", { name: "Send the link again" }).click();
  await expect(notice.getByRole("status")).toContainText(`A new link is on its way to ${person.email}`);
  await waitForMail(person.email, "verify-email", { after: resent });
  await shoot(page, "accounts-unverified-account");

  // A new address: nothing changes until the link sent to it is followed; the old address is told.
  const asked = new Date();
  const change = page.getByRole("form", { name: "Change your email address" });
  await change.getByLabel("New email address").fill("una.sure@example.test");
  await change.getByLabel("Current password").fill(person.password);
  await change.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(change.getByRole("status")).toContainText("Follow the link we sent to una.sure@example.test");
  const confirm = await waitForMail("una.sure@example.test", "email-change-confirm", { after: asked });
  await page.goto(linkIn(confirm, "/confirm-email"));
  await page.getByRole("button", { name: "Use this address" }).click();
  await expect(page).toHaveURL(/\/account\?notice=email-changed/);
  await expect(page.getByText("You sign in with una.sure@example.test (confirmed)")).toBeVisible();
  await waitForMail(person.email, "email-changed", { after: asked });

  // Deleting: the address typed is the confirmation; then signed out everywhere, the row anonymized.
  const del = page.getByRole("form", { name: "Delete your account" });
  await del.getByLabel("Type una.sure@example.test to confirm").fill("una.sure@example.test");
  await del.getByLabel("Password").fill(person.password);
  await del.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/\?notice=account-deleted$/);
  await expect(page.getByRole("status").filter({ hasText: "Your account was deleted" })).toBeVisible();
  await expect(header(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  const gone = await database.db.select().from(users).where(eq(users.email, "una.sure@example.test"));
  expect(gone).toEqual([]);
  await waitForMail("una.sure@example.test", "account-deleted", { after: asked });
});
