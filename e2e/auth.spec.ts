/**
 * Sign-up, sign-in, sign-out, blocked users, the sign-in rate limit and API tokens, in Chromium against `next start`,
 * checking the database after each action.
 */
import { createHash } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { apiTokens, rateLimits, users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { linkIn, waitForMail } from "./support/mailbox";
import { snap } from "./support/screenshots";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

const PASSWORD = "a-long-test-password";

async function userByEmail(email: string) {
  const [row] = await database.db.select().from(users).where(eq(users.email, email));
  return row;
}

/** A user written straight into the database, as an admin tool or a previous session would have. */
async function createUser(name: string, email: string, role: "admin" | "editor" | "member" = "member") {
  const [row] = await database.db
    .insert(users)
    .values({ name, email, role, passwordHash: await hashPassword(PASSWORD) })
    .returning({ id: users.id });
  return row?.id ?? "";
}

/**
 * Submits the sign-in form and waits until its server action has answered and React has applied the answer (which
 * also resets the form): an identical message from the previous attempt must not pass for this attempt's.
 */
async function signIn(page: Page, email: string, password: string) {
  const form = page.getByRole("form", { name: "Sign in" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(password);
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && !!r.request().headers()["next-action"],
  );
  await form.getByRole("button", { name: "Sign in" }).click();
  await answered;
  await expect(page.getByRole("button", { name: "Signing in…" })).toHaveCount(0);
}

const signInAlert = (page: Page) => page.getByRole("form", { name: "Sign in" }).getByRole("alert");
const account = (page: Page) => page.getByRole("navigation", { name: "Main" });

test("a visitor signs up, confirms the address from the mail, signs in, signs out and signs in again", async ({
  page,
}) => {
  const start = new Date();
  await page.goto("/");
  await account(page).getByRole("link", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);

  const form = page.getByRole("form", { name: "Sign up" });
  await form.getByLabel("Name").fill("Nina Newcomer");
  await form.getByLabel("Email").fill("Nina@Example.com");
  await form.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await form.getByLabel("Confirm password").fill(PASSWORD);
  await form.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/check-inbox\?for=sign-up$/);
  const created = await userByEmail("nina@example.com");
  expect(created).toMatchObject({ name: "Nina Newcomer", role: "member", blocked: false, emailVerifiedAt: null });
  expect(created?.passwordHash).toMatch(/^scrypt\$/);
  await page.goto(linkIn(await waitForMail("nina@example.com", "verify-email", { after: start }), "/verify-email"));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=email-verified/);

  await signIn(page, "nina@example.com", PASSWORD);
  await expect(account(page).getByTestId("signed-in-user")).toHaveText(/Nina Newcomer\s*member/);
  await account(page).getByRole("button", { name: "Sign out" }).click();
  await expect(account(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain("authjs.session-token");

  await account(page).getByRole("link", { name: "Sign in" }).click();
  await signIn(page, "nina@example.com", PASSWORD);
  await expect(account(page).getByTestId("signed-in-user")).toContainText("Nina Newcomer");
  // A successful sign-in forgets the email's failed-attempt counter.
  const counters = await database.db
    .select()
    .from(rateLimits)
    .where(eq(rateLimits.key, "signin:email:nina@example.com"));
  expect(counters).toEqual([]);
});

test("sign-up shows field errors and creates nobody", async ({ page }) => {
  await page.goto("/sign-up");
  const form = page.getByRole("form", { name: "Sign up" });
  await form.getByLabel("Name").fill("Copy Cat");
  await form.getByLabel("Email").fill("copy.cat@example.com");
  await form.getByLabel("Password", { exact: true }).fill("short");
  await form.getByLabel("Confirm password").fill("different");
  await form.getByRole("button", { name: "Create account" }).click();

  await expect(form.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(form.getByText("The passwords do not match.")).toBeVisible();
  await expect(form.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Name")).toHaveValue("Copy Cat");
  await snap(page, "sign-up-errors", { fullPage: true });
  expect((await database.db.select().from(users).where(eq(users.name, "Copy Cat"))).length).toBe(0);
});

test("the first admin from ADMIN_EMAIL/ADMIN_PASSWORD signs in; a wrong password gets one generic message", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await snap(page, "sign-in", { fullPage: true });

  await signIn(page, E2E_ADMIN.email, "not-the-password");
  await expect(signInAlert(page)).toHaveText("Wrong email or password.");
  await expect(page.getByRole("form", { name: "Sign in" }).getByLabel("Email")).toHaveValue(E2E_ADMIN.email);
  await snap(page, "sign-in-wrong-password", { fullPage: true });
  await signIn(page, "nobody@example.com", "not-the-password");
  await expect(signInAlert(page)).toHaveText("Wrong email or password.");
  const [counter] = await database.db
    .select()
    .from(rateLimits)
    .where(eq(rateLimits.key, "signin:email:nobody@example.com"));
  expect(counter?.count).toBe(1);

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/$/);
  await expect(account(page).getByTestId("signed-in-user")).toHaveText(/Ada Admin\s*admin/);
  expect((await userByEmail(E2E_ADMIN.email))?.role).toBe("admin");
});

test("a blocked user is refused, and an existing session counts as signed out on the next page load", async ({
  page,
}) => {
  const id = await createUser("Bea Blocked", "bea@example.com");
  await page.goto("/sign-in");
  await signIn(page, "bea@example.com", PASSWORD);
  await expect(account(page).getByTestId("signed-in-user")).toContainText("Bea Blocked");

  await database.db.update(users).set({ blocked: true }).where(eq(users.id, id));
  await page.reload();
  await expect(account(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(account(page).getByTestId("signed-in-user")).toHaveCount(0);
  await page.goto("/account/tokens");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount%2Ftokens$/);

  // Only someone who knows the password learns that the account is blocked.
  await signIn(page, "bea@example.com", "a-wrong-guess-1");
  await expect(signInAlert(page)).toHaveText("Wrong email or password.");
  await signIn(page, "bea@example.com", PASSWORD);
  await expect(signInAlert(page)).toHaveText("This account is blocked.");
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await userByEmail("bea@example.com"))?.blocked).toBe(true);
});

test("the 6th sign-in attempt for one email is refused with the wait, even with the right password", async ({
  page,
}) => {
  await createUser("Rita Retry", "rita@example.com");
  await page.goto("/sign-in");
  for (let i = 1; i <= 5; i++) {
    await signIn(page, "rita@example.com", `wrong-guess-${i}`);
    await expect(signInAlert(page)).toHaveText("Wrong email or password.");
  }
  await signIn(page, "rita@example.com", PASSWORD);
  await expect(signInAlert(page)).toHaveText(/^Too many attempts, retry in \d+ s\.$/);
  const seconds = Number((await signInAlert(page).textContent())?.match(/\d+/)?.[0]);
  expect(seconds).toBeGreaterThan(800);
  expect(seconds).toBeLessThanOrEqual(900);
  await expect(account(page).getByRole("link", { name: "Sign in" })).toBeVisible();

  const [counter] = await database.db
    .select()
    .from(rateLimits)
    .where(eq(rateLimits.key, "signin:email:rita@example.com"));
  expect(counter?.count).toBe(6);
});

test("a signed-in user creates an API token, sees it once, uses it and revokes it", async ({ page, request }) => {
  const userId = await createUser("Tom Tokens", "tom@example.com", "editor");
  await page.goto("/account/tokens");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount%2Ftokens$/);
  await signIn(page, "tom@example.com", PASSWORD);
  await expect(page).toHaveURL(/\/account\/tokens$/);
  await expect(page.getByText("You have no API tokens.")).toBeVisible();

  const form = page.getByRole("form", { name: "Create a token" });
  await form.getByLabel("Name").fill("nightly backup");
  await form.getByLabel("Scope").selectOption("write");
  await form.getByLabel("Expires in (days)").fill("30");
  await form.getByRole("button", { name: "Create token" }).click();

  const shown = page.getByLabel("New API token");
  await expect(shown).toHaveValue(/^atr_[\w-]{43}$/);
  const token = await shown.inputValue();
  await expect(page.getByText("will not be shown again")).toBeVisible();
  await expect(form.getByLabel("Scope")).toHaveValue("read");
  const row = page.getByRole("row", { name: /nightly backup/ });
  await expect(row).toContainText(token.slice(0, 12));
  await expect(row).toContainText("write");
  await snap(page, "tokens", { fullPage: true });

  const [stored] = await database.db.select().from(apiTokens).where(eq(apiTokens.userId, userId));
  expect(stored).toMatchObject({ name: "nightly backup", scope: "write", prefix: token.slice(0, 12), revokedAt: null });
  expect(stored?.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
  const days = ((stored?.expiresAt?.getTime() ?? 0) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(29.9);

  // Shown once: after a reload only the prefix remains.
  await page.reload();
  await expect(page.getByRole("row", { name: /nightly backup/ })).toBeVisible();
  expect(await page.content()).not.toContain(token);

  // The token authenticates over HTTP (recognised, then refused: tokens cannot manage tokens); a made-up one is not.
  const used = await request.get("/api/trpc/tokens.list", { headers: { authorization: `Bearer ${token}` } });
  expect(used.status()).toBe(403);
  const madeUp = await request.get("/api/trpc/tokens.list", {
    headers: { authorization: `Bearer atr_${"x".repeat(43)}` },
  });
  expect(madeUp.status()).toBe(401);
  expect(await madeUp.text()).toContain("Invalid API token.");
  const [afterUse] = await database.db.select().from(apiTokens).where(eq(apiTokens.userId, userId));
  expect(afterUse?.lastUsedAt).toBeInstanceOf(Date);

  await page.getByRole("button", { name: "Revoke nightly backup" }).click();
  await page.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(page.getByText("You have no API tokens.")).toBeVisible();
  const [revoked] = await database.db.select().from(apiTokens).where(eq(apiTokens.userId, userId));
  expect(revoked?.revokedAt).toBeInstanceOf(Date);
  const after = await request.get("/api/trpc/tokens.list", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});
