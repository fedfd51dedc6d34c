/**
 * Two-factor authentication in the browser: a member sets it up on /account/security with the key the page shows
 * (the test computes the codes, as an authenticator app would), sees the recovery codes once, makes new ones, turns
 * it off with a recovery code, sets it up again and turns it off with an app code; an admin resets another user's
 * two-factor from their admin page and chooses the roles that must use it on /admin/security. Screenshots of each
 * state at 1280 and 390 px, light and dark. (Asking for the code at sign-in is e2e/sign-in's, not this file's.)
 */
import { expect, type Page, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { accountSettings, auditLog, recoveryCodes, users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { Authenticator } from "./support/authenticator";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
const MEMBER = { name: "Tia Totp", email: "tia.totp@example.test", password: "tia's long password" };
const LOCKED_OUT = { name: "Lex Lostphone", email: "lex.lostphone@example.test" };
let memberId: string;
let lockedOutId: string;

const clearedTwoFactor = { twoFactorSecret: null, twoFactorEnabledAt: null, twoFactorLastStep: null };

test.beforeAll(async () => {
  database = connectE2eDatabase();
  const passwordHash = await hashPassword(MEMBER.password);
  // A retried worker runs this again on the same database: start from the same state.
  const [member] = await database.db
    .insert(users)
    .values({ name: MEMBER.name, email: MEMBER.email, role: "member", passwordHash })
    .onConflictDoUpdate({ target: users.email, set: { passwordHash, ...clearedTwoFactor } })
    .returning({ id: users.id });
  memberId = member?.id as string;
  const [other] = await database.db
    .insert(users)
    .values({ name: LOCKED_OUT.name, email: LOCKED_OUT.email, role: "member" })
    .onConflictDoUpdate({ target: users.email, set: clearedTwoFactor })
    .returning({ id: users.id });
  lockedOutId = other?.id as string;
});
test.afterAll(async () => {
  // The e2e server is shared by every spec: leave no role required.
  await database.db.update(accountSettings).set({ requireTwoFactorRoles: [] });
  await database.close();
});

const section = (page: Page) => page.getByRole("region", { name: "Two-factor authentication" });

async function setUp(page: Page): Promise<{ app: Authenticator; codes: string[] }> {
  await section(page).getByRole("button", { name: "Set up two-factor" }).click();
  const key = section(page).getByTestId("two-factor-manual-key");
  await expect(key).toHaveText(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
  await expect(section(page).getByRole("img", { name: /QR code/ })).toBeVisible();
  const app = new Authenticator((await key.textContent()) ?? "");
  const form = page.getByRole("form", { name: "Confirm two-factor setup" });
  await form.getByLabel("Code from the app").fill("000000");
  await form.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(form.getByText("That code is wrong or was already used.")).toBeVisible();
  await form.getByLabel("Code from the app").fill(app.next());
  await form.getByRole("button", { name: "Turn on two-factor" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const codes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  return { app, codes };
}

test("a member sets up two-factor, keeps recovery codes, makes new ones and turns it off", async ({ page }) => {
  await page.goto("/account/security");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount%2Fsecurity/);
  await signIn(page, MEMBER.email, MEMBER.password, "/account/security");
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await expect(section(page).getByTestId("two-factor-status")).toContainText("Off");
  await expectNoSeriousA11yViolations(page, "security page, two-factor off");
  await shoot(page, "two-factor-off");

  // The setup screen survives a reload (the pending secret is kept, sealed) and shows the same key.
  await section(page).getByRole("button", { name: "Set up two-factor" }).click();
  const key = section(page).getByTestId("two-factor-manual-key");
  await expect(key).toBeVisible();
  const shown = await key.textContent();
  await page.reload();
  await expect(key).toHaveText(shown ?? "");
  await expectNoSeriousA11yViolations(page, "security page, setup");
  await shoot(page, "two-factor-setup");
  // Cancelling drops it; setting up again makes a new key.
  await section(page).getByRole("button", { name: "Cancel setup" }).click();
  await expect(section(page).getByTestId("two-factor-status")).toContainText("Off");

  const { app, codes } = await setUp(page);
  await expect(section(page).getByText("Two-factor authentication is on")).toBeVisible();
  const [row] = await database.db.select().from(users).where(eq(users.id, memberId));
  expect(row?.twoFactorEnabledAt).not.toBeNull();
  expect(row?.twoFactorSecret).toMatch(/^v1\./);
  const stored = JSON.stringify(
    await database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, memberId)),
  );
  for (const code of codes) expect(stored).not.toContain(code);
  // The codes download as a text file.
  const download = page.waitForEvent("download");
  await section(page).getByRole("button", { name: "Download .txt" }).click();
  expect((await download).suggestedFilename()).toBe("atrium-recovery-codes.txt");
  await expectNoSeriousA11yViolations(page, "security page, recovery codes");
  await shoot(page, "two-factor-recovery-codes");
  await section(page).getByRole("button", { name: "I have saved them" }).click();

  await expect(section(page).getByTestId("two-factor-status")).toContainText("On");
  await expect(section(page).getByText("10 of 10 recovery codes left.")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "security page, two-factor on");
  await shoot(page, "two-factor-on");

  // New recovery codes need a fresh app code; the old codes stop working.
  const renew = page.getByRole("form", { name: "Make new recovery codes" });
  await renew.getByLabel("Code from your app").fill(codes[0] as string);
  await renew.getByRole("button", { name: "Make new recovery codes" }).click();
  await expect(renew.getByText("That code is wrong or was already used.")).toBeVisible();
  await renew.getByLabel("Code from your app").fill(app.next());
  await renew.getByRole("button", { name: "Make new recovery codes" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const renewed = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  expect(renewed.some((c) => codes.includes(c))).toBe(false);
  await section(page).getByRole("button", { name: "I have saved them" }).click();

  // Turning off: an old (replaced) recovery code is refused, a current one works (the lost-phone path).
  const off = page.getByRole("form", { name: "Turn off two-factor" });
  await off.getByLabel("Code from your app, or a recovery code").fill(codes[1] as string);
  await off.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(off.getByText("That code is wrong or was already used.")).toBeVisible();
  await off.getByLabel("Code from your app, or a recovery code").fill((renewed[0] as string).toUpperCase());
  await off.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(section(page).getByText("Two-factor authentication is off.")).toBeVisible();
  await expect(section(page).getByTestId("two-factor-status")).toContainText("Off");

  // Set up again, then off with a code from the app.
  const again = await setUp(page);
  await section(page).getByRole("button", { name: "I have saved them" }).click();
  await off.getByLabel("Code from your app, or a recovery code").fill(again.app.next());
  await off.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(section(page).getByTestId("two-factor-status")).toContainText("Off");
  const [after] = await database.db.select().from(users).where(eq(users.id, memberId));
  expect(after).toMatchObject(clearedTwoFactor);
  expect(await database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, memberId))).toEqual([]);

  const history = await database.db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(eq(auditLog.recordId, memberId))
    .orderBy(auditLog.id);
  expect(history.map((e) => e.after?.twoFactor).filter(Boolean)).toEqual([
    "turned on",
    "new recovery codes made; the earlier ones no longer work",
    "turned off by the user with a recovery code",
    "turned on",
    "turned off by the user",
  ]);
});

test("an admin resets the two-factor of a user who lost their phone", async ({ page }) => {
  // As if they had set it up (the admin's action needs only the state; the secret is never read here).
  await database.db
    .update(users)
    .set({ twoFactorSecret: "v1.placeholder.placeholder", twoFactorEnabledAt: new Date(), twoFactorLastStep: 1 })
    .where(eq(users.id, lockedOutId));
  await database.db
    .insert(recoveryCodes)
    .values({ userId: lockedOutId, codeHash: "placeholder" })
    .onConflictDoNothing();

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/users/${lockedOutId}`);
  const actions = page.getByRole("group", { name: "Actions" });
  await actions.getByRole("button", { name: "Reset two-factor" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Reset two-factor authentication?" });
  await expect(confirm).toContainText("Only do this once you are sure who is asking");
  await expectNoSeriousA11yViolations(page, "reset two-factor confirmation");
  await shoot(page, "admin-user-reset-two-factor");
  await confirm.getByRole("button", { name: "Reset two-factor" }).click();
  await expect(
    page.locator("[data-sonner-toast]").filter({ hasText: "Two-factor authentication reset" }),
  ).toBeVisible();
  // Offered only while two-factor is on.
  await expect(actions.getByRole("button", { name: "Reset two-factor" })).toHaveCount(0);

  const [row] = await database.db.select().from(users).where(eq(users.id, lockedOutId));
  expect(row).toMatchObject(clearedTwoFactor);
  expect(await database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, lockedOutId))).toEqual([]);
  const [entry] = await database.db
    .select({ after: auditLog.after, actor: auditLog.actorLabel })
    .from(auditLog)
    .where(eq(auditLog.recordId, lockedOutId))
    .orderBy(auditLog.id)
    .then((rows) => rows.filter((r) => r.after?.twoFactor));
  expect(entry).toEqual({ after: { twoFactor: "reset by an admin" }, actor: "Ada Admin" });
});

test("an admin chooses the roles that must use two-factor", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/security");
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Security" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const form = page.getByRole("form", { name: "Require two-factor" });
  await expect(form.getByTestId("coverage-member")).toContainText(/\d+ of \d+ without two-factor/);
  await form.getByRole("checkbox", { name: "Editors" }).click();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
  // Still ticked once saved (React resets a form after its action: the box must reset to the saved value).
  await expect(form.getByRole("checkbox", { name: "Editors" })).toBeChecked();
  await expect(form.getByTestId("coverage-editor")).toContainText("they must set it up at their next visit");
  const settings = async () =>
    (await database.db.select({ roles: accountSettings.requireTwoFactorRoles }).from(accountSettings))[0]?.roles;
  expect(await settings()).toEqual(["editor"]);
  await expectNoSeriousA11yViolations(page, "admin security page");
  await shoot(page, "admin-security");

  await page.reload();
  await expect(form.getByRole("checkbox", { name: "Editors" })).toBeChecked();
  await form.getByRole("checkbox", { name: "Editors" }).click();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
  expect(await settings()).toEqual([]);
  const [entry] = await database.db
    .select({ before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(eq(auditLog.resource, "accountSettings"))
    .orderBy(auditLog.id)
    .then((rows) => rows.slice(-1));
  expect(entry).toEqual({ before: { requireTwoFactorRoles: ["editor"] }, after: { requireTwoFactorRoles: [] } });
});
