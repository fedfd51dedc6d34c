/**
 * The generated ResourceForm on /dev/forms, in Chromium against `next start`: browser-side validation that writes
 * nothing, a create that does, a unique conflict reported on its field, and a member's form without the author field
 * (the server makes them the author). Each checks the database after the browser action.
 */
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { posts, postTags, tags, users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { snap } from "./support/screenshots";
import { fieldError, signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

async function postsTitled(title: string) {
  return database.db.select().from(posts).where(eq(posts.title, title));
}

test("an invalid post shows errors on its fields and writes nothing; fixed, it is created", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/dev/forms");
  const form = page.getByRole("form", { name: "New post" });
  const title = form.getByLabel("Title");
  const body = form.getByRole("textbox", { name: "Body" });

  // A not-null enum with a default starts on it, and offers no empty "Default" choice beside it.
  const status = form.getByLabel("Status");
  await expect(status).toHaveValue("draft");
  await expect(status.locator("option")).toHaveText(["Draft", "Published"]);

  await title.fill("Tiny");
  await form.getByRole("button", { name: "Create post" }).click();
  await expect(await fieldError(page, title)).toHaveText("Title must be at least 5 characters");
  await expect(await fieldError(page, body)).toHaveText("Body is required");
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toBeFocused();
  await expect(form.getByRole("status")).toHaveText("Not saved: 2 fields need attention.");
  await snap(page, "resource-form-invalid-post", { fullPage: true });
  expect(await postsTitled("Tiny")).toHaveLength(0);

  await title.fill("Written through the generated form");
  await body.fill("A body that is long enough to pass.");
  await expect(title).not.toHaveAttribute("aria-invalid");
  // Two tags, with the keyboard only: the picker opens on Enter, arrows move, Enter toggles, Escape closes.
  await form.getByRole("button", { name: /^Tags/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("combobox", { name: "Search tags" })).toBeFocused();
  await expect(page.getByRole("listbox", { name: "Tags" }).getByRole("option").first()).toBeVisible();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await expect(form.getByRole("button", { name: /^Tags/ })).toBeFocused();
  await expect(form.getByRole("list", { name: "Picked tags" }).getByRole("listitem")).toHaveCount(2);
  await form.getByRole("button", { name: "Create post" }).click();
  await expect(form.getByRole("status")).toHaveText("Post created.");

  const [created] = await postsTitled("Written through the generated form");
  const [admin] = await database.db.select().from(users).where(eq(users.email, E2E_ADMIN.email));
  expect(created).toMatchObject({ body: "A body that is long enough to pass.", status: "draft", authorId: admin?.id });
  const links = await database.db
    .select()
    .from(postTags)
    .where(eq(postTags.postId, created?.id ?? ""));
  expect(links).toHaveLength(2);
});

test("a taken tag slug is reported on the slug field", async ({ page }) => {
  const [existing] = await database.db.select().from(tags).limit(1);
  if (!existing) throw new Error("the seed has no tags");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/dev/forms");
  const form = page.getByRole("form", { name: "New tag" });
  await form.getByLabel("Name").fill("A second name");
  const slug = form.getByLabel("Slug");
  await slug.fill(existing.slug);
  await form.getByRole("button", { name: "Create tag" }).click();

  await expect(await fieldError(page, slug)).toHaveText("Slug is already taken");
  await expect(slug).toHaveAttribute("aria-invalid", "true");
  await expect(slug).toBeFocused();
  await snap(page, "resource-form-taken-slug", { fullPage: true });
  expect(await database.db.select().from(tags).where(eq(tags.name, "A second name"))).toHaveLength(0);
});

test("a member's post form has no author field, and the member is the post's author", async ({ page }) => {
  const password = "a-long-member-password";
  const [member] = await database.db
    .insert(users)
    .values({
      name: "Fern Formfiller",
      email: "fern@example.com",
      role: "member",
      passwordHash: await hashPassword(password),
    })
    .returning({ id: users.id });
  await signIn(page, "fern@example.com", password);
  await page.goto("/dev/forms");
  const form = page.getByRole("form", { name: "New post" });
  await expect(form.getByLabel("Title")).toBeVisible();
  await expect(form.getByText("Author", { exact: true })).toHaveCount(0);
  await expect(form.getByRole("button", { name: /^Author/ })).toHaveCount(0);
  // Members may not create announcements: that form says so instead of rendering fields.
  await expect(page.getByRole("region", { name: "New announcement" })).toContainText("You cannot create announcements");

  await form.getByLabel("Title").fill("A member's own post");
  await form.getByRole("textbox", { name: "Body" }).fill("Members write posts as themselves.");
  await form.getByRole("button", { name: "Create post" }).click();
  await expect(form.getByRole("status")).toHaveText("Post created.");

  const rows = await database.db
    .select({ authorId: posts.authorId })
    .from(posts)
    .where(eq(posts.title, "A member's own post"));
  expect(rows).toEqual([{ authorId: member?.id }]);
});
