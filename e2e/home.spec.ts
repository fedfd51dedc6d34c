import { expect, test } from "@playwright/test";
import { and, count, eq, isNull } from "drizzle-orm";
import { posts } from "../db/schema";
import { connectE2eDatabase } from "./support/db";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

test("the home page lists the seeded published posts, newest first, page by page", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));

  const [published] = await database.db
    .select({ n: count() })
    .from(posts)
    .where(and(eq(posts.status, "published"), isNull(posts.deletedAt)));
  expect(published?.n).toBeGreaterThan(10);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Latest posts" })).toBeVisible();
  const titles = page.getByRole("region", { name: "Posts" }).getByRole("heading", { level: 2 });
  await expect(titles).toHaveCount(10);
  await expect(titles.first()).toHaveText("Notes on Coffee #50");
  await expect(page.getByText(`${published?.n} posts`)).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/home.png", fullPage: true });

  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(page.getByText(/^Page 2 of/)).toBeVisible();
  await expect(titles.first()).not.toHaveText("Notes on Coffee #50");

  expect(errors).toEqual([]);
});

test("/api/health reports the database as up", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", db: { ok: true } });
});
