/**
 * The back office and the product pages in Chromium against `next start`: an admin takes a post through its whole
 * life in /admin (invalid, fixed, found, sorted, filtered, paged, edited, deleted, restored, each step in its
 * history); a member is kept out of /admin; an author writes, edits and comments from the product pages and cannot
 * edit someone else's post; axe finds no serious or critical problem; screenshots at desktop and phone width.
 * Every write is checked in the database.
 */
import { expect, test } from "@playwright/test";
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { auditLog, comments, posts, users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { snap } from "./support/screenshots";
import { fieldError, signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

const PASSWORD = "an-author-password-9";
const PHONE = { width: 390, height: 844 };

async function createMember(name: string, email: string) {
  const [row] = await database.db
    .insert(users)
    .values({ name, email, role: "member", passwordHash: await hashPassword(PASSWORD) })
    .returning({ id: users.id });
  return row?.id as string;
}

const postByTitle = async (title: string) => (await database.db.select().from(posts).where(eq(posts.title, title)))[0];

test("an admin takes a post through its whole life in /admin, and each step is in its history", async ({ page }) => {
  const title = "Admin end-to-end post";
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("count-posts")).toHaveText(/^\d+$/);
  await snap(page, "admin-dashboard", { fullPage: true });

  // Invalid first: the browser refuses it with messages on the fields, and nothing is written.
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Posts" }).click();
  await page.getByRole("link", { name: "New post" }).click();
  const form = page.getByRole("form", { name: "New post" });
  const titleInput = form.getByLabel("Title");
  const body = form.getByRole("textbox", { name: "Body" });
  await titleInput.fill("Bad");
  await body.fill("short");
  await form.getByRole("button", { name: "Create post" }).click();
  await expect(await fieldError(page, titleInput)).toHaveText("Title must be at least 5 characters");
  await expect(await fieldError(page, body)).toHaveText("Body must be at least 10 characters");
  await expectNoSeriousA11yViolations(page, "admin form with errors");
  await snap(page, "admin-form-errors", { fullPage: true });
  expect(await postByTitle("Bad")).toBeUndefined();

  // Fixed: created, and the admin lands on its edit page.
  await titleInput.fill(title);
  await body.fill("Written in the admin, long enough to pass.");
  await form.getByRole("button", { name: "Create post" }).click();
  await expect(page).toHaveURL(/\/admin\/posts\/[0-9a-f-]{36}$/);
  const created = await postByTitle(title);
  expect(created).toMatchObject({ status: "draft", slug: "admin-end-to-end-post", deletedAt: null });
  const id = created?.id as string;

  // Found in the table by search; sorted, filtered and paged there.
  await page.goto("/admin/posts");
  const table = page.getByRole("region", { name: "Posts table" });
  const grid = table.getByRole("table", { name: "Posts" });
  await table.getByLabel("Search posts").fill("end-to-end");
  await expect(page).toHaveURL(/[?&]q=end-to-end/);
  await expect(grid.getByRole("link")).toHaveText([title]);
  await table.getByLabel("Search posts").fill("");
  await expect(page).not.toHaveURL(/[?&]q=/);

  const titleHeader = grid.getByRole("columnheader", { name: "Title" });
  await titleHeader.getByRole("button").click();
  await expect(titleHeader).toHaveAttribute("aria-sort", "ascending");
  const firstByTitle = await database.db
    .select({ title: posts.title })
    .from(posts)
    .where(isNull(posts.deletedAt))
    .orderBy(asc(posts.title), asc(posts.id))
    .limit(1);
  await expect(grid.getByRole("link").first()).toHaveText(firstByTitle[0]?.title as string);

  await table.getByRole("group", { name: "Posts filters" }).getByRole("button", { name: "Filter by Status" }).click();
  await page.getByRole("dialog", { name: "Filter by Status" }).getByLabel("draft").check();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/[?&]f\.status\.in=draft/);
  await expect(grid.locator("tbody").getByText("Published", { exact: true })).toHaveCount(0);
  await expect(grid.locator("tbody").getByText("Draft", { exact: true }).first()).toBeVisible();
  await expect(grid.getByRole("link", { name: title })).toBeVisible();

  const paging = table.getByRole("navigation", { name: "Posts pagination" });
  await paging.getByLabel("Rows per page").selectOption("10");
  await paging.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(paging).toContainText(/Page 2 of \d+/);
  // Page 2's rows, not page 1's dimmed (opacity-60, aria-busy) while they load: axe measures contrast as drawn, and
  // a scan during the fetch or the fade back reports the dimmed text (seen once traces stopped slowing the run).
  await expect(grid).not.toHaveAttribute("aria-busy", "true");
  await expect(grid).toHaveCSS("opacity", "1");
  await expectNoSeriousA11yViolations(page, "admin list");
  await snap(page, "admin-table", { fullPage: true });

  // Edited on its page.
  await page.goto(`/admin/posts/${id}`);
  const edit = page.getByRole("form", { name: "Edit post" });
  await edit.getByLabel("Title").fill(`${title} (edited)`);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect.poll(async () => (await postByTitle(`${title} (edited)`))?.id).toBe(id);

  // Deleted (to the bin) and restored.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("In the bin", { exact: true })).toBeVisible();
  await expect.poll(async () => (await postByTitle(`${title} (edited)`))?.deletedAt).not.toBeNull();
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText("In the bin", { exact: true })).toHaveCount(0);
  await expect.poll(async () => (await postByTitle(`${title} (edited)`))?.deletedAt).toBeNull();

  // Each step, newest first, in the record's history and in the audit trail.
  const history = page.getByTestId("record-history").getByTestId("history-operation");
  await expect(history).toHaveText(["restore", "delete", "update", "create"]);
  const trail = await database.db
    .select({ operation: auditLog.operation, actorLabel: auditLog.actorLabel })
    .from(auditLog)
    .where(eq(auditLog.recordId, id))
    .orderBy(asc(auditLog.id));
  expect(trail.map((e) => e.operation)).toEqual(["create", "update", "delete", "restore"]);
  expect(new Set(trail.map((e) => e.actorLabel))).toEqual(new Set(["Ada Admin"]));
});

test("a member cannot open /admin, and a visitor is sent to sign in", async ({ page }) => {
  await page.goto("/admin/posts");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin/);

  await createMember("Milo Member", "milo@e2e.test");
  await signIn(page, "milo@e2e.test", PASSWORD);
  const response = await page.goto("/admin");
  expect(response?.status()).toBeLessThan(500);
  await expect(page.getByTestId("admin-forbidden")).toContainText("The admin is for editors and admins");
  await page.goto("/admin/users");
  await expect(page.getByTestId("admin-forbidden")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("an author writes and edits a post from the product pages, cannot edit another's, and comments", async ({
  page,
}) => {
  const authorId = await createMember("Ari Author", "ari@e2e.test");
  await signIn(page, "ari@e2e.test", PASSWORD);
  await page.getByRole("link", { name: "Write a post" }).click();
  await expect(page).toHaveURL(/\/posts\/new$/);

  const form = page.getByRole("form", { name: "New post" });
  await form.getByLabel("Headline").fill("Ari writes from the product page");
  await form.getByRole("textbox", { name: "Your story" }).fill("A story with **bold** words, long enough.");
  await form.getByLabel("Visibility").selectOption("published");
  await form.getByRole("button", { name: "Create post" }).click();
  await expect(page).toHaveURL(/\/posts\/ari-writes-from-the-product-page$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ari writes from the product page");
  const written = await postByTitle("Ari writes from the product page");
  expect(written).toMatchObject({ authorId, status: "published" });

  await page.getByRole("link", { name: "Edit post" }).click();
  await expect(page).toHaveURL(new RegExp(`/posts/${written?.id}/edit$`));
  const edit = page.getByRole("form", { name: "Edit post" });
  await edit.getByLabel("Headline").fill("Ari rewrote the headline");
  await edit.getByRole("button", { name: "Save post" }).click();
  await expect(page).toHaveURL(/\/posts\/ari-rewrote-the-headline$/);
  expect(await postByTitle("Ari rewrote the headline")).toMatchObject({ id: written?.id, authorId });

  // Someone else's post: the page says so, and the database keeps it as it was.
  const [other] = await database.db
    .select()
    .from(posts)
    .where(and(ne(posts.authorId, authorId), eq(posts.status, "published"), isNull(posts.deletedAt)))
    .limit(1);
  await page.goto(`/posts/${other?.id}/edit`);
  await expect(page.getByTestId("edit-forbidden")).toContainText("You can only edit your own posts");
  await expect(page.getByRole("button", { name: "Save post" })).toHaveCount(0);
  expect(await postByTitle(other?.title as string)).toMatchObject({ updatedAt: other?.updatedAt });

  // A comment on the other author's post.
  await page.goto(`/posts/${other?.slug}`);
  const comment = "Ari was here, and liked it.";
  await page.getByRole("textbox", { name: "Add a comment" }).fill(comment);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByRole("list", { name: "Comments" }).getByText(comment)).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Add a comment" })).toHaveValue("");
  const saved = await database.db.select().from(comments).where(eq(comments.body, comment));
  expect(saved).toEqual([expect.objectContaining({ postId: other?.id, authorId })]);
});

test("the home page passes axe, and the main pages are captured at desktop and phone width", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Latest posts" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "home page");
  await snap(page, "home-desktop", { fullPage: true });
  await page.setViewportSize(PHONE);
  await snap(page, "home-phone", { fullPage: true });

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await snap(page, "admin-dashboard-phone", { fullPage: true });
  await page.goto("/admin/posts");
  // At phone width the records are cards (e2e/admin-layout.spec.ts), not a table.
  await expect(page.getByRole("list", { name: "Posts" }).getByRole("link").first()).toBeVisible();
  await snap(page, "admin-table-phone", { fullPage: true });
  await page.goto("/admin/posts/new");
  await page.getByRole("button", { name: "Create post" }).click();
  await expect(page.getByText("Title is required")).toBeVisible();
  await snap(page, "admin-form-errors-phone", { fullPage: true });
  // The sidebar lives behind the menu button on a phone.
  await page.getByRole("button", { name: "Open the admin menu" }).click();
  await expect(page.getByRole("dialog").getByRole("link", { name: "Announcements" })).toBeVisible();
});
