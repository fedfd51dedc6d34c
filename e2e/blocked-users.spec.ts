/**
 * An admin finds the blocked users from the users list's filter ("Blocked: Yes"), kept in the URL; the filter is an
 * admin's only (the API refuses it to others: server/resources/users-blocked-filter.test.ts). Screenshots at 1280 and
 * 390 px, light and dark.
 */
import { expect, test } from "@playwright/test";
import { users } from "../db/schema";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(async () => {
  database = connectE2eDatabase();
  await database.db
    .insert(users)
    .values([
      { name: "Zed Blockedfilter", email: "zed-blocked-filter@example.test", role: "member", blocked: true },
      { name: "Zoe Blockedfilter", email: "zoe-blocked-filter@example.test", role: "member", blocked: true },
    ])
    .onConflictDoNothing();
});
test.afterAll(() => database.close());

test("an admin filters the users list down to the blocked ones", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/users");
  await page.getByRole("button", { name: "Filter by Blocked" }).click();
  await page.getByRole("dialog", { name: "Filter by Blocked" }).getByLabel("Yes").check();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/[?&]f\.blocked\.eq=true/);
  await expect(page.getByRole("link", { name: "Zed Blockedfilter" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Zoe Blockedfilter" }).first()).toBeVisible();
  // Ada is signed in (her name is in the header) but not blocked: no row links to her.
  await expect(page.getByRole("link", { name: "Ada Admin" })).toHaveCount(0);
  await shoot(page, "admin-users-blocked");
});
