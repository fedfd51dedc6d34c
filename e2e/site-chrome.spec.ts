/**
 * The public site's chrome at phone width and the post page: the header stays one row at 390 px with the account
 * links in a menu, the home banner does not tell a signed-in admin to sign in, and a post whose body starts with its
 * own `# Title` shows the title once. Screenshots at 1280 and 390 px, light and dark.
 */
import { expect, test } from "@playwright/test";
import { and, eq, isNull } from "drizzle-orm";
import { posts } from "../db/schema";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

const PHONE = { width: 390, height: 844 };

test("a signed-in admin's header is one row at 390 px, with the account links in a menu", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.setViewportSize(PHONE);
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  // One row: 36 px controls and 12 px of padding above and below (two rows would be over 100).
  expect((await nav.boundingBox())?.height).toBeLessThanOrEqual(64);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expect(page.getByText(/sign in as/i)).toHaveCount(0);
  await shoot(page, "site-header-admin");

  await page.setViewportSize(PHONE);
  await nav.getByRole("button", { name: /^Account:/ }).click();
  const menu = page.getByRole("menu");
  await expect(menu.getByText("admin", { exact: true })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Admin" })).toBeVisible();
  await menu.getByRole("menuitem", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/account\/tokens$/);

  await nav.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(nav.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("a post whose body opens with its own title shows the title once", async ({ page }) => {
  const [post] = await database.db
    .select({ slug: posts.slug, title: posts.title })
    .from(posts)
    .where(and(eq(posts.status, "published"), isNull(posts.deletedAt)))
    .limit(1);
  if (!post) throw new Error("the seed has published posts");
  await database.db
    .update(posts)
    .set({ body: `# ${post.title}\n\nThe body's own heading repeats the title.` })
    .where(eq(posts.slug, post.slug));
  await page.goto(`/posts/${post.slug}`);
  await expect(page.getByText("The body's own heading repeats the title.")).toBeVisible();
  await expect(page.getByRole("heading", { name: post.title, exact: true })).toHaveCount(1);
  await shoot(page, "post-title-once");
});
