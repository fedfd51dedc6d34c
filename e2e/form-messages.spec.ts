/**
 * What the generated forms say, in Chromium against `next start`: server messages name fields by their labels; a
 * save is confirmed once (no toast on top of the form's own message); an admin's own revert is not reported as
 * someone else's save; product forms leave out fields the server sets, and the admin says "You" for them; a
 * ResourceForm placed directly in a server component page works with serialisable props. Database checked after.
 */
import { expect, type Page, test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { comments, posts, tags, users } from "../db/schema";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot } from "./support/screenshots";
import { fieldError, signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

const toasts = (page: Page) => page.locator("[data-sonner-toast]");

async function adminId() {
  const [admin] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, E2E_ADMIN.email));
  return admin?.id as string;
}

async function createPost(title: string) {
  const [row] = await database.db
    .insert(posts)
    .values({
      title,
      slug: title.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-"),
      body: "The first body.",
      authorId: await adminId(),
    })
    .returning({ id: posts.id, slug: posts.slug });
  return row as { id: string; slug: string };
}

test("a taken slug is reported with the field's label, not its key", async ({ page }) => {
  const [existing] = await database.db.select().from(tags).limit(1);
  if (!existing) throw new Error("the seed has no tags");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/dev/forms");
  const form = page.getByRole("form", { name: "New tag" });
  await form.getByLabel("Name").fill("Another name for a taken slug");
  const slug = form.getByLabel("Slug");
  await slug.fill(existing.slug);
  await form.getByRole("button", { name: "Create tag" }).click();
  await expect(await fieldError(page, slug)).toHaveText("Slug is already taken");
  await expect(slug).toBeFocused();
  await expect(form).not.toContainText("_form");
  expect(await database.db.select().from(tags).where(eq(tags.name, "Another name for a taken slug"))).toHaveLength(0);
});

test("a save is confirmed once, and reverting your own change is not someone else's save", async ({ page }) => {
  const post = await createPost("Confirmed once");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/posts/${post.id}`);
  const form = page.getByRole("form", { name: "Edit post" });
  const title = form.getByLabel("Title");
  await title.fill("Confirmed once, edited");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toHaveText("Changes saved.");
  // The form's own message is the confirmation: no toast repeats it.
  await page.waitForTimeout(500);
  await expect(toasts(page)).toHaveCount(0);
  await title.fill("Confirmed once, edited twice");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toHaveText("Changes saved.");
  await expect
    .poll(async () => (await database.db.select().from(posts).where(eq(posts.id, post.id)))[0]?.title)
    .toBe("Confirmed once, edited twice");

  // Revert to the first edit from the history: the form follows, without calling it someone else's change.
  // Newest first: the second edit (how the record is now: nothing to revert to), then the first.
  const entries = page.getByTestId("history-entry");
  const revertTo = page.getByTestId("record-history").getByRole("button", { name: "Revert to here" });
  await expect(entries).toHaveCount(2);
  await revertTo.first().click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revert" }).click();
  await expect(title).toHaveValue("Confirmed once, edited");
  await expect(entries).toHaveCount(3);
  await expect(page.getByText(/someone else/i)).toHaveCount(0);
  await expect(page.getByTestId("changed-by-others")).toHaveCount(0);
  // The revert is confirmed once too (its own toast), not again by the form.
  await expect(toasts(page)).toHaveCount(1);

  // With unsaved edits, your own revert is still not someone else's change.
  await form.getByRole("textbox", { name: "Body" }).fill("An unsaved body while reverting.");
  // Back to the second edit (the revert is now the newest entry, the second edit the first one to revert to).
  await revertTo.first().click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revert" }).click();
  const notice = page.getByTestId("changed-by-others");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("Changed: Title.");
  await expect(notice).not.toContainText(/someone else/i);
  await shoot(page, "form-own-revert");
});

test("the comment form on a post page has no author picker, and the admin's create form says You", async ({ page }) => {
  const post = await createPost("Commented by the admin");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, `/posts/${post.slug}`);
  const form = page.getByRole("form", { name: "New comment" });
  await expect(form.getByRole("textbox", { name: "Add a comment" })).toBeVisible();
  await expect(form.getByText("Author")).toHaveCount(0);
  await expect(page.getByText("Set by the server")).toHaveCount(0);
  await form.getByRole("textbox", { name: "Add a comment" }).fill("Written by the admin, who is the author.");
  await form.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByRole("list", { name: "Comments" })).toContainText("Written by the admin, who is the author.");
  await expect(form.getByRole("textbox", { name: "Add a comment" })).toHaveValue("");
  const [written] = await database.db
    .select({ authorId: comments.authorId })
    .from(comments)
    .where(and(eq(comments.postId, post.id), eq(comments.body, "Written by the admin, who is the author.")));
  expect(written?.authorId).toBe(await adminId());
  await shoot(page, "form-post-comment");

  await page.goto("/admin/comments/new");
  const create = page.getByRole("form", { name: "New comment" });
  await expect(create.getByRole("button", { name: /^Author/ })).toContainText("You");
  await expect(page.getByText("Set by the server")).toHaveCount(0);
  await shoot(page, "form-admin-new-comment");
});

test("a ResourceForm in a server component page redirects with a serialisable redirectTo", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/dev/forms");
  const form = page.getByRole("form", { name: "Tag from a server component" });
  await form.scrollIntoViewIfNeeded();
  await expect(page.getByRole("table", { name: "Tags" }).getByRole("link").first()).toHaveAttribute(
    "href",
    /^\/admin\/tags\/[0-9a-f-]{36}$/,
  );
  await shoot(page, "form-dev-server-component");
  const custom = page.getByRole("form", { name: "Tag with your own name field" });
  await custom.scrollIntoViewIfNeeded();
  await custom.getByLabel("Name").fill("shouted");
  await expect(custom.getByLabel("Name")).toHaveValue("SHOUTED");
  await shoot(page, "form-dev-custom-field");
  await form.getByLabel("Name").fill("Made on a server page");
  await form.getByLabel("Slug").fill("made-on-a-server-page");
  await form.getByRole("button", { name: "Create tag" }).click();
  await expect(page).toHaveURL(/\/admin\/tags\/[0-9a-f-]{36}$/);
  const [row] = await database.db.select().from(tags).where(eq(tags.slug, "made-on-a-server-page"));
  expect(page.url()).toMatch(new RegExp(`/admin/tags/${row?.id}$`));
});
