/**
 * An admin gets a locked-out user back in, from the user's admin page: a reset link the user opens to choose a new
 * password, and a temporary password that opens nothing but the change-password page until replaced. Screenshots of
 * the admin panel, the reset page and the forced change at 1280 and 390 px, light and dark.
 */
import { expect, type Page, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
let userId: string;
const EMAIL = "locked-out@example.test";
const FORGOTTEN = "a password long forgotten";

test.beforeAll(async () => {
  database = connectE2eDatabase();
  const [row] = await database.db
    .insert(users)
    .values({ name: "Lou Lockedout", email: EMAIL, role: "member", passwordHash: await hashPassword(FORGOTTEN) })
    // A retried worker runs this again on the same database: start from the same state.
    .onConflictDoUpdate({
      target: users.email,
      set: { passwordHash: await hashPassword(FORGOTTEN), passwordChangeRequired: false },
    })
    .returning({ id: users.id });
  userId = row?.id as string;
});
test.afterAll(() => database.close());

async function adminCreates(page: Page, button: string, confirm: string) {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/users/${userId}`);
  await page.getByRole("button", { name: button }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: confirm }).click();
  const secret = page.getByRole("status").filter({ hasText: "shown only now" }).locator("code");
  await expect(secret).toBeVisible();
  return { secret: (await secret.textContent()) ?? "" };
}

test("a reset link lets the user choose a new password, once", async ({ page, browser }) => {
  const { secret: link } = await adminCreates(page, "Create a reset link", "Create link");
  expect(link).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
  await shoot(page, "admin-user-reset-link");

  const user = await browser.newContext();
  const tab = await user.newPage();
  await tab.goto(link);
  await expect(tab.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expectNoSeriousA11yViolations(tab, "the reset-password page");
  await shoot(tab, "reset-password");
  const form = tab.getByRole("form", { name: "Choose a new password" });
  await form.getByLabel("New password", { exact: true }).fill("short");
  await form.getByLabel("Confirm new password").fill("short");
  await form.getByRole("button", { name: "Save password" }).click();
  await expect(form.getByText("Use at least 10 characters.")).toBeVisible();
  await form.getByLabel("New password", { exact: true }).fill("my own new password");
  await form.getByLabel("Confirm new password").fill("my own new password");
  await form.getByRole("button", { name: "Save password" }).click();
  await expect(
    tab.getByText("Your password was changed, and every session was signed out. Sign in with the new one."),
  ).toBeVisible();
  await signIn(tab, EMAIL, "my own new password");
  await expect(tab.getByRole("navigation", { name: "Main" }).getByTestId("signed-in-user")).toContainText(
    "Lou Lockedout",
  );

  // Used once: the same link now says so.
  await tab.goto(link);
  await expect(tab.getByText("This link is invalid, expired or already used.")).toBeVisible();
  await user.close();
});

test("a temporary password opens only the change-password page until the user replaces it", async ({
  page,
  browser,
}) => {
  const { secret: temporary } = await adminCreates(page, "Set a temporary password", "Set temporary password");
  expect(temporary).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
  const [flag] = await database.db
    .select({ required: users.passwordChangeRequired })
    .from(users)
    .where(eq(users.id, userId));
  expect(flag?.required).toBe(true);

  const user = await browser.newContext();
  const tab = await user.newPage();
  await tab.goto("/sign-in");
  const signInForm = tab.getByRole("form", { name: "Sign in" });
  await signInForm.getByLabel("Email").fill(EMAIL);
  await signInForm.getByLabel("Password").fill(temporary);
  await signInForm.getByRole("button", { name: "Sign in" }).click();
  await expect(tab).toHaveURL(/\/account\/password/);
  await expect(tab.getByRole("heading", { name: "Choose your own password" })).toBeVisible();
  await shoot(tab, "forced-password-change");

  // Everything else treats the session as signed out, the API included.
  await tab.goto("/account/tokens");
  await expect(tab).toHaveURL(/\/account\/password\?callbackUrl=%2Faccount%2Ftokens/);
  const api = await tab.request.get("/api/trpc/tokens.list");
  expect(api.status()).toBe(401);
  expect(await api.text()).toContain("Choose a new password first");

  await tab.goto("/account/password");
  const form = tab.getByRole("form", { name: "Choose a new password" });
  await form.getByLabel("Temporary password").fill(temporary);
  await form.getByLabel("New password", { exact: true }).fill("lou's chosen password");
  await form.getByLabel("Confirm new password").fill("lou's chosen password");
  await form.getByRole("button", { name: "Save password" }).click();
  await expect(tab).not.toHaveURL(/\/account\/password/);
  await expect(tab.getByRole("navigation", { name: "Main" }).getByTestId("signed-in-user")).toContainText(
    "Lou Lockedout",
  );
  await user.close();
});
