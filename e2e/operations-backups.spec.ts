/**
 * Backups in Chromium against `next start`, whose process runs the jobs: an admin takes a backup from the Backups
 * table (the row turns ready live), downloads the archive (the bytes match the row's SHA-256, the download is
 * audited), runs a dry run and then restores the same backup (typed confirmation), each outcome shown live on the
 * backup's page. The e2e database is shared by every spec of a run: restoring the backup just taken leaves it as it
 * was. Screenshots at 1280 and 390 px, light and dark; accessibility scans of the list, the page and the dialog.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { and, desc, eq, sql } from "drizzle-orm";
import { auditLog, backups } from "../db/schema";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot } from "./support/screenshots";
import { fieldError, signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

const toast = (page: Page, text: string) => page.locator("[data-sonner-toast]").filter({ hasText: text });
const actions = (page: Page) => page.getByRole("group", { name: "Actions" });
const lastCheck = (page: Page) => page.getByTestId("backup-last-check");
/** Toasts fade in and out over the page: axe would judge their colours mid-fade. */
const toastsGone = (page: Page) => expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });

test("an admin backs up, downloads the archive, runs a dry run, then restores it", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/backups");
  const table = page.getByRole("region", { name: "Backups table" });
  await expect(table).toBeVisible();
  await page.getByRole("button", { name: "Back up now" }).click();
  await expect(toast(page, "Backup started")).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "Ready" }).first()).toBeVisible({ timeout: 30_000 });
  const [row] = await database.db.select().from(backups).orderBy(desc(backups.createdAt)).limit(1);
  expect(row).toMatchObject({ status: "ready", kind: "manual" });
  await page.mouse.move(0, 0);
  await toastsGone(page);
  await expectNoSeriousA11yViolations(page, "the backups table");
  await shoot(page, "backups-table");

  await page.goto(`/admin/backups/${row?.id}`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download archive" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(row?.file);
  const bytes = await readFile((await file.path()) as string);
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(row?.checksum);
  await expect
    .poll(
      async () =>
        (
          await database.db
            .select({ id: auditLog.id })
            .from(auditLog)
            .where(and(eq(auditLog.recordId, row?.id as string), sql`${auditLog.after}->>'action' = 'download'`))
        ).length,
    )
    .toBe(1);

  // The dry run has no input and no confirmation: it starts at once, and its report arrives live.
  await actions(page).getByRole("button", { name: "Dry run" }).click();
  await expect(toast(page, "Dry run started")).toBeVisible();
  await expect(lastCheck(page)).toContainText("Dry run passed", { timeout: 60_000 });
  await expect(lastCheck(page)).toContainText(/Would restore \d+ tables/);
  await expect(lastCheck(page)).toContainText("Passed: audit trail");
  await page.mouse.move(0, 0);
  await toastsGone(page);
  await expectNoSeriousA11yViolations(page, "a backup's page after a dry run");
  await shoot(page, "backups-dry-run");

  await actions(page).getByRole("button", { name: "Restore" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("This cannot be undone");
  const confirmation = dialog.getByLabel("Confirmation");
  await confirmation.fill("restore");
  await dialog.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(await fieldError(page, confirmation)).toHaveText("Type RESTORE in capitals to confirm");
  await page.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(page, "the restore dialog");
  await shoot(page, "backups-restore-dialog");

  await confirmation.fill("RESTORE");
  await dialog.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, "Restore started")).toBeVisible();
  await expect(lastCheck(page)).toContainText(/Restored \d+ tables/, { timeout: 60_000 });
  const [restored] = await database.db
    .select({ after: auditLog.after, actorLabel: auditLog.actorLabel })
    .from(auditLog)
    .where(and(eq(auditLog.recordId, row?.id as string), sql`${auditLog.after}->>'action' = 'restore'`));
  expect(restored?.after).toMatchObject({ action: "restore", file: row?.file });
  await shoot(page, "backups-restored");
});
