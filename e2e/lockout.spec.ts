/**
 * The last admin cannot lock everyone out, in the browser against `next start`: changing your own role or blocked
 * flag in /admin/users asks first ("You will lose admin access immediately"); confirmed, the server refuses while no
 * other admin is active, with the reason on the field, and the database is unchanged; once a second admin exists,
 * demoting yourself goes through. Screenshots of the warning and the refusal at 1280 and 390 px, light and dark.
 * Other specs share this database: the e2e admin ends as it started (admin, unblocked), the helper admin is removed.
 */
import { expect, type Page, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot } from "./support/screenshots";
import { fieldError, signIn } from "./support/session";

// server/resources/users.ts (LAST_ADMIN_MESSAGE); not imported, as that module is server-only.
const LAST_ADMIN = "At least one active admin must remain: promote another user first";
const SECOND_ADMIN = "lockout-second-admin@example.com";

let database: ReturnType<typeof connectE2eDatabase>;
let selfId: string;

const self = async () => (await database.db.select().from(users).where(eq(users.id, selfId)))[0];

test.beforeAll(async () => {
  database = connectE2eDatabase();
  const [row] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, E2E_ADMIN.email));
  selfId = row?.id as string;
});

test.afterAll(async () => {
  await database.db.update(users).set({ role: "admin", blocked: false }).where(eq(users.id, selfId));
  await database.db.delete(users).where(eq(users.email, SECOND_ADMIN));
  await database.close();
});

async function openOwnUser(page: Page) {
  await page.goto("/admin/users");
  const table = page.getByRole("region", { name: "Users table" });
  await table.getByRole("link", { name: "Ada Admin" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/users/${selfId}$`));
  return page.getByRole("form", { name: "Edit user" });
}

test("the last admin is warned, then refused, when demoting or blocking themself", async ({ page }) => {
  const before = await self();
  expect(before).toMatchObject({ role: "admin", blocked: false });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
  const form = await openOwnUser(page);
  const role = form.getByLabel("Role");

  // Cancelled: nothing is sent, the edit stays in the form.
  await role.selectOption("member");
  await form.getByRole("button", { name: "Save changes" }).click();
  const demote = page.getByRole("alertdialog", { name: "Make yourself a member?" });
  await expect(demote).toContainText("You will lose admin access immediately");
  await demote.getByRole("button", { name: "Cancel" }).click();
  await expect(demote).toBeHidden();
  await expect(form.getByRole("status")).toHaveText("Not saved: you cancelled.");
  await expect(role).toHaveValue("member");

  // Confirmed: the server refuses, on the field, and writes nothing.
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(demote).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the warning");
  await shoot(page, "lockout-warning");
  await demote.getByRole("button", { name: "Make me a member" }).click();
  await expect(demote).toBeHidden();
  await expect(await fieldError(page, role)).toHaveText(LAST_ADMIN);
  await expect(role).toBeFocused();
  await expectNoSeriousA11yViolations(page, "the refusal");
  await shoot(page, "lockout-refused");
  expect(await self()).toEqual(before);

  // Blocking yourself: the same warning, the same refusal.
  await role.selectOption("admin");
  const blocked = form.getByRole("switch", { name: "Blocked" });
  await blocked.click();
  await form.getByRole("button", { name: "Save changes" }).click();
  const block = page.getByRole("alertdialog", { name: "Block your own account?" });
  await expect(block).toContainText("You will lose admin access immediately and be signed out");
  await block.getByRole("button", { name: "Block my account" }).click();
  await expect(await fieldError(page, blocked)).toHaveText(LAST_ADMIN);
  expect(await self()).toEqual(before);

  // Deleting yourself: the delete dialog says why not, and stays open.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const remove = page.getByRole("alertdialog", { name: "Delete “Ada Admin”?" });
  await remove.getByRole("button", { name: "Delete" }).click();
  await expect(remove.getByRole("alert")).toContainText(LAST_ADMIN);
  await remove.getByRole("button", { name: "Cancel" }).click();
  expect(await self()).toEqual(before);

  // Still an admin: the back office still answers.
  await page.goto("/admin/users");
  await expect(page.getByRole("region", { name: "Users table" })).toBeVisible();
});

test("with a second active admin, demoting yourself goes through after the warning", async ({ page }) => {
  await database.db.insert(users).values({ name: "Second Admin", email: SECOND_ADMIN, role: "admin" });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
  const form = await openOwnUser(page);
  await form.getByLabel("Role").selectOption("editor");
  await form.getByRole("button", { name: "Save changes" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Make yourself an editor?" });
  await expect(dialog).toContainText("You will lose admin access immediately");
  await dialog.getByRole("button", { name: "Make me an editor" }).click();
  await expect.poll(async () => (await self())?.role).toBe("editor");
  expect(await self()).toMatchObject({ blocked: false });
  // The saved change takes away this user's right to set roles, so the form re-renders for an editor at once (its
  // "Changes saved." may already be gone, which made this check race): no refusal was shown, and the dialog closed.
  await expect(dialog).toBeHidden();
  await expect(page.getByText("At least one active admin must remain")).toHaveCount(0);
});
