/**
 * The generated ResourceTable on /dev/tables, in Chromium against `next start`: search, sort, filter and paging kept
 * in the URL through a reload, a second table with its own prefixed parameters, bulk delete and restore, and a batch
 * refused as a whole. Each write is checked in the database.
 */
import { expect, type Page, test } from "@playwright/test";
import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { auditLog, posts, users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { snap } from "./support/screenshots";
import { signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

/** A table's first rows come after hydration, `meta` and `list`: seconds on a busy machine, not a hang. */
const FIRST_LOAD = 15_000;

/** The posts table's widget (toolbar, rows, paging) and the grid inside it. */
function postsTable(page: Page) {
  const region = page.getByRole("region", { name: "Posts table" });
  return {
    region,
    grid: region.getByRole("table", { name: "Posts" }),
    search: region.getByLabel("Search posts"),
    filters: region.getByRole("group", { name: "Posts filters" }),
    paging: region.getByRole("navigation", { name: "Posts pagination" }),
    selection: region.getByRole("group", { name: "Selected posts" }),
  };
}

const titles = (grid: ReturnType<typeof postsTable>["grid"]) => grid.getByRole("link");

async function livePostTitles(limit: number, offset: number) {
  const rows = await database.db
    .select({ title: posts.title })
    .from(posts)
    .where(isNull(posts.deletedAt))
    .orderBy(asc(posts.title), asc(posts.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => r.title);
}

test("search, sort, filters, paging and columns live in the URL and survive a reload", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/dev/tables");
  const t = postsTable(page);
  await expect(titles(t.grid).first()).toBeVisible({ timeout: FIRST_LOAD });

  await t.search.fill("coffee");
  await expect(page).toHaveURL(/[?&]q=coffee/);
  await expect(titles(t.grid)).toHaveCount(5);

  const titleHeader = t.grid.getByRole("columnheader", { name: "Title" });
  await titleHeader.getByRole("button").click();
  await expect(page).toHaveURL(/[?&]sort=title(&|$)/);
  await expect(titleHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(titles(t.grid)).toHaveText([
    "A field guide to Coffee #40",
    "Getting started with Coffee #10",
    "Notes on Coffee #50",
    "Ten lessons from Coffee #20",
    "Why we chose Coffee #30",
  ]);
  await titleHeader.getByRole("button").click();
  await expect(titleHeader).toHaveAttribute("aria-sort", "descending");
  await expect(titles(t.grid).first()).toHaveText("Why we chose Coffee #30");

  await t.filters.getByRole("button", { name: "Filter by Status" }).click();
  await page.getByRole("dialog", { name: "Filter by Status" }).getByLabel("draft").check();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/[?&]f\.status\.in=draft/);
  await expect(titles(t.grid)).toHaveText(["Why we chose Coffee #30"]);
  await expect(t.filters.getByRole("button", { name: "Filter by Status: Draft", exact: true })).toBeVisible();

  // Nothing matches: the empty state offers a way out, which clears search and filters but keeps the order.
  await t.search.fill("coffee nothing-like-this");
  await expect(t.grid.getByText("No posts match")).toBeVisible();
  await t.grid.getByRole("button", { name: "Clear filters" }).click();
  await expect(t.search).toHaveValue("");
  await expect(page).toHaveURL(/\/dev\/tables\?sort=-title$/);

  // Paging, by title: page 2 of 10 rows is what the database holds at offset 10 in that order.
  await titleHeader.getByRole("button").click();
  await expect(titleHeader).toHaveAttribute("aria-sort", "ascending");
  await t.paging.getByLabel("Rows per page").selectOption("10");
  await expect(page).toHaveURL(/[?&]perPage=10/);
  await t.paging.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  const [total] = await database.db.select({ n: count() }).from(posts).where(isNull(posts.deletedAt));
  const totalItems = total?.n ?? 0;
  await expect(t.paging).toContainText(`Page 2 of ${Math.ceil(totalItems / 10)}, ${totalItems} posts`);
  await expect(titles(t.grid)).toHaveText(await livePostTitles(10, 10));

  await t.region.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("menuitemcheckbox", { name: "Author" }).click();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/[?&]cols=/);
  await expect(t.grid.getByRole("columnheader", { name: "Author" })).toHaveCount(0);

  const shared = page.url();
  await page.reload();
  await expect(titles(t.grid)).toHaveText(await livePostTitles(10, 10));
  expect(page.url()).toBe(shared);
  await expect(titleHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(t.paging.getByLabel("Rows per page")).toHaveValue("10");
  await expect(t.paging).toContainText("Page 2 of");
  await expect(t.grid.getByRole("columnheader", { name: "Author" })).toHaveCount(0);
  await expect(t.grid.getByRole("columnheader", { name: "Status" })).toBeVisible();
  await snap(page, "resource-table-after-reload", { fullPage: true });

  // The announcements table on the same page keeps its own parameters, behind its prefix.
  const announcements = page.getByRole("region", { name: "Announcements table" });
  await announcements.getByRole("button", { name: "Filter by Tone" }).click();
  await page.getByRole("dialog", { name: "Filter by Tone" }).getByLabel("warning").check();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/[?&]ann\.f\.tone\.in=warning/);
  await expect(announcements.getByRole("table", { name: "Announcements" }).getByRole("link")).toHaveText([
    "Scheduled maintenance",
  ]);
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(titles(t.grid)).toHaveText(await livePostTitles(10, 10));
});

test("two posts are deleted in one batch, shown among the deleted and restored", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/dev/tables?q=gardening&sort=title");
  const t = postsTable(page);
  const picked = ["A field guide to Gardening #38", "Getting started with Gardening #8"];
  await expect(titles(t.grid)).toHaveCount(5, { timeout: FIRST_LOAD });

  for (const title of picked) await t.grid.getByRole("checkbox", { name: `Select row ${title}` }).check();
  await expect(t.grid.getByRole("checkbox", { name: "Select all on this page" })).toHaveAttribute(
    "aria-checked",
    "mixed",
  );
  await expect(t.selection).toContainText("2 selected");
  await t.selection.getByRole("button", { name: "Delete 2" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete 2 posts?" });
  await snap(page, "resource-table-confirm-delete");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Deleted 2 posts")).toBeVisible();
  await expect(titles(t.grid)).toHaveCount(3);
  for (const title of picked) await expect(t.grid.getByRole("link", { name: title })).toHaveCount(0);

  const rows = await database.db.select().from(posts).where(inArray(posts.title, picked));
  expect(rows).toHaveLength(2);
  for (const row of rows) expect(row.deletedAt).toBeInstanceOf(Date);
  const ids = rows.map((r) => r.id);

  await t.region.getByLabel("Deleted").selectOption("only");
  await expect(page).toHaveURL(/[?&]deleted=only/);
  await expect(titles(t.grid)).toHaveText(picked);
  await expect(t.grid.getByText("Deleted", { exact: true })).toHaveCount(2);
  await t.grid.getByRole("checkbox", { name: "Select all on this page" }).check();
  await snap(page, "resource-table-deleted-only", { fullPage: true });
  await t.selection.getByRole("button", { name: "Restore 2" }).click();
  await expect(page.getByText("Restored 2 posts")).toBeVisible();
  await expect(t.grid.getByText("No posts match")).toBeVisible();

  const restored = await database.db.select().from(posts).where(inArray(posts.id, ids));
  for (const row of restored) expect(row.deletedAt).toBeNull();
  const trail = await database.db
    .select({ operation: auditLog.operation })
    .from(auditLog)
    .where(and(eq(auditLog.resource, "posts"), inArray(auditLog.recordId, ids)));
  expect(trail.filter((e) => e.operation === "delete")).toHaveLength(2);
  expect(trail.filter((e) => e.operation === "restore")).toHaveLength(2);

  await t.region.getByLabel("Deleted").selectOption("exclude");
  await expect(titles(t.grid)).toHaveCount(5);
});

test("a batch with one post the member may not delete deletes none of them", async ({ page }) => {
  const password = "a-long-test-password";
  const [author] = await database.db
    .insert(users)
    .values({
      name: "Tess Table",
      email: "tess@example.com",
      role: "member",
      passwordHash: await hashPassword(password),
    })
    .returning({ id: users.id });
  const authorId = author?.id ?? "";
  // Members may delete their own drafts only: the published one fails the batch.
  await database.db.insert(posts).values([
    { title: "Tess draft zebra", slug: "tess-draft-zebra", body: "A draft body.", status: "draft", authorId },
    {
      title: "Tess published zebra",
      slug: "tess-published-zebra",
      body: "A published body.",
      status: "published",
      publishedAt: new Date(),
      authorId,
    },
  ]);

  await signIn(page, "tess@example.com", password);
  await page.goto("/dev/tables?q=zebra");
  const t = postsTable(page);
  await expect(titles(t.grid)).toHaveCount(2, { timeout: FIRST_LOAD });
  await expect(t.region.getByLabel("Deleted")).toHaveCount(0);
  await t.grid.getByRole("checkbox", { name: "Select all on this page" }).check();
  await t.selection.getByRole("button", { name: "Delete 2" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Nothing was deleted")).toBeVisible();
  await expect(page.getByText(/none of the 2 posts changed/)).toBeVisible();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await snap(page, "resource-table-batch-refused");
  await expect(titles(t.grid)).toHaveCount(2);

  const rows = await database.db.select().from(posts).where(eq(posts.authorId, authorId));
  expect(rows).toHaveLength(2);
  for (const row of rows) expect(row.deletedAt).toBeNull();
});
