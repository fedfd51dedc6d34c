/**
 * Submitting a generated form, the way people click: the first click on Submit submits even when leaving a field
 * shows its error and pushes the button down under the pointer; a double click, or a second click while the first
 * save is answered, creates one record, not two (requests and rows counted).
 */
import { expect, type Page, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { posts, tags } from "../db/schema";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot } from "./support/screenshots";
import { fieldError, signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

/** Counts the POSTs to one procedure the page sends from now on. */
function countCalls(page: Page, procedure: string) {
  const calls: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes(`/api/trpc/${procedure}`)) calls.push(request.url());
  });
  return calls;
}

/** Where the pointer goes to click this button: its centre now (scrolled into view first, as a person would). */
async function centreOf(page: Page, name: string) {
  const button = page.getByRole("button", { name }).first();
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  if (!box) throw new Error(`no "${name}" button on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, top: box.y };
}

test("the first click on Submit submits, even when leaving a field shows its error and moves the button", async ({
  page,
}) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/tags/new");
  const form = page.getByRole("form", { name: "New tag" });
  await form.getByLabel("Name").fill("First click");
  const slug = form.getByLabel("Slug");
  // Typed, not left: the slug's error appears only when the pointer presses Submit and focus leaves the field.
  await slug.fill("Not a slug!");
  await expect(slug).toBeFocused();
  // At the top of the page nothing scrolls to keep the button in place (scroll anchoring): the error moves it.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const button = form.getByRole("button", { name: "Create tag" });
  const before = await button.boundingBox();
  // A person's click: the button is pressed for about a tenth of a second before it is released.
  const { x, y } = await centreOf(page, "Create tag");
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.waitForTimeout(100);
  await page.mouse.up();

  // The click was a submit: only a submit says "Not saved", and it focuses the field to fix.
  await expect(form.getByRole("status")).toHaveText("Not saved: 1 field needs attention.");
  await expect(await fieldError(page, slug)).toHaveText("Slug must be a slug");
  await expect(slug).toBeFocused();
  // And the error did move the button, which is what used to swallow that click.
  const after = await button.boundingBox();
  expect((after?.y ?? 0) - (before?.y ?? 0)).toBeGreaterThan(15);
  await shoot(page, "form-first-click-error");

  // Fixed and clicked once: created.
  await slug.fill("first-click");
  await button.click();
  await expect(page).toHaveURL(/\/admin\/tags\/[0-9a-f-]{36}$/);
  expect(await database.db.select().from(tags).where(eq(tags.slug, "first-click"))).toHaveLength(1);
});

test("two clicks 300 ms apart on Create send one create and write one post", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/posts/new");
  const form = page.getByRole("form", { name: "New post" });
  await form.getByLabel("Headline").fill("Clicked twice, written once");
  await form.getByRole("textbox", { name: "Your story" }).fill("A story long enough to be saved by the form.");
  const creates = countCalls(page, "posts.create");

  // The pointer, not the locator: a second click lands on the button whatever state it is in (Playwright would
  // otherwise wait for a disabled button to be enabled).
  const { x, y } = await centreOf(page, "Create post");
  await page.mouse.click(x, y);
  await page.waitForTimeout(300);
  await page.mouse.click(x, y);

  await expect(page).toHaveURL(/\/posts\/clicked-twice-written-once$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Clicked twice, written once");
  expect(creates).toHaveLength(1);
  expect(await database.db.select().from(posts).where(eq(posts.title, "Clicked twice, written once"))).toHaveLength(1);
});

test("a double click on Create sends one create; the button is disabled until the form changes", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/dev/forms");
  const form = page.getByRole("form", { name: "New tag" });
  await form.getByLabel("Name").fill("Double clicked");
  await form.getByLabel("Slug").fill("double-clicked");
  const creates = countCalls(page, "tags.create");
  const button = form.getByRole("button", { name: "Create tag" });
  await button.dblclick();

  await expect(form.getByRole("status")).toHaveText("Tag created.");
  expect(creates).toHaveLength(1);
  expect(await database.db.select().from(tags).where(eq(tags.slug, "double-clicked"))).toHaveLength(1);
  // The same values again would only be refused as taken: the button waits for a change.
  await expect(button).toBeDisabled();
  await form.getByLabel("Slug").fill("double-clicked-2");
  await expect(button).toBeEnabled();
});
