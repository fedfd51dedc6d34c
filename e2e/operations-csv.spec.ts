/**
 * CSV export and import in the admin, in Chromium against `next start`: an admin narrows the posts table to drafts
 * sorted by title and downloads exactly those rows with "Export CSV"; then imports a file with one bad row, sees that
 * row refused with its reason before and after importing, and finds the good rows in the table (and the database,
 * slugs set by the posts hook). Screenshots of the toolbar and the import page at 1280 and 390 px, light and dark.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { parseCsv } from "../components/admin/import/parse";
import { posts } from "../db/schema";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

test("an admin exports the filtered, sorted posts table as CSV", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/posts?f.status.in=draft&sort=title");
  const table = page.getByRole("region", { name: "Posts table" });
  await expect(table).toBeVisible();
  const exportLink = page.getByRole("link", { name: "Export CSV" });
  await expect(exportLink).toBeVisible();
  await expect(page.getByRole("link", { name: "Import CSV" })).toBeVisible();
  // The rows as drawn, not dimmed (opacity-60, aria-busy) while the list loads: axe measures contrast as drawn.
  const grid = table.getByRole("table", { name: "Posts" });
  await expect(grid.locator("tbody").getByText("Draft", { exact: true }).first()).toBeVisible();
  await expect(grid).not.toHaveAttribute("aria-busy", "true");
  await expect(grid).toHaveCSS("opacity", "1");
  await expectNoSeriousA11yViolations(page, "posts table with the CSV buttons");
  await shoot(page, "csv-toolbar");

  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^posts-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parseCsv(await readFile((await download.path()) as string, "utf8"));
  expect(csv.error).toBeNull();
  const column = (name: string) => csv.header.indexOf(name);
  expect(csv.rows.every((row) => row[column("status")] === "draft")).toBe(true);
  const drafts = await database.db
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.status, "draft"), isNull(posts.deletedAt)))
    .orderBy(asc(posts.title), asc(posts.id));
  expect(csv.rows.map((row) => row[column("id")])).toEqual(drafts.map((d) => d.id));
});

test("an admin imports a CSV with one bad row: the row is refused with its reason, the good rows appear", async ({
  page,
}) => {
  const stamp = Date.now().toString(36);
  const file = [
    "title,body,status",
    `Imported from CSV ${stamp} one,"A body, with a comma and ""quotes"".",draft`,
    `Bad,short,draft`,
    `Imported from CSV ${stamp} two,"A body over
two lines.",published`,
  ].join("\n");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/posts/import");
  await expect(page.getByRole("heading", { name: "Import posts" })).toBeVisible();
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "posts.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
  await expect(page.getByText("posts.csv: 3 rows, 3 columns.")).toBeVisible();
  // Matched by name: the export's header maps itself.
  await expect(page.getByRole("combobox", { name: "title" })).toHaveValue("title");
  await expect(page.getByRole("combobox", { name: "status" })).toHaveValue("status");

  await page.getByRole("button", { name: "Check 3 rows" }).click();
  await expect(page.getByText("2 rows ready to import; 1 row would be refused.")).toBeVisible();
  const problems = page.getByRole("region", { name: "Rows with problems" });
  await expect(problems).toContainText("Row 3:");
  await expect(problems).toContainText("2 fields are invalid.");
  await expect(problems).toContainText(/Title must be at least 5 characters/);
  await expectNoSeriousA11yViolations(page, "import page after the check");
  await shoot(page, "csv-import-checked");

  await page.getByRole("button", { name: "Import 3 rows" }).click();
  await expect(page.getByText("Imported 2 rows; 1 row refused.")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("region", { name: "Refused rows" })).toContainText("Row 3:");
  await expectNoSeriousA11yViolations(page, "import page after the import");
  await shoot(page, "csv-import-done");

  const created = await database.db
    .select({ title: posts.title, slug: posts.slug, status: posts.status })
    .from(posts)
    .where(inArray(posts.title, [`Imported from CSV ${stamp} one`, `Imported from CSV ${stamp} two`]))
    .orderBy(asc(posts.title));
  expect(created.map((p) => p.slug)).toEqual([`imported-from-csv-${stamp}-one`, `imported-from-csv-${stamp}-two`]);

  await page.getByRole("link", { name: "Back to posts" }).click();
  await page.getByRole("searchbox", { name: "Search posts" }).fill(stamp);
  const table = page.getByRole("region", { name: "Posts table" });
  await expect(table.getByRole("row").filter({ hasText: `Imported from CSV ${stamp} one` })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: `Imported from CSV ${stamp} two` })).toBeVisible();
});
