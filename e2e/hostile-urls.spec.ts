/**
 * Hostile addresses and query strings on the pages (not the API): each is a 404 or the page as it would be without
 * the bad part, never a 500, and nothing the browser loads afterwards fails either.
 */
import { expect, test } from "@playwright/test";

test("a post address no slug can have is a 404, not a 500", async ({ request }) => {
  for (const slug of ["a".repeat(3000), "%00", "nul%00byte", "%F0%9F%92%A9".repeat(300)]) {
    const res = await request.get(`/posts/${slug}`);
    expect(res.status(), slug.slice(0, 20)).toBe(404);
  }
});

test("a search with a NUL byte searches for the rest of it", async ({ page }) => {
  const failures: string[] = [];
  page.on("response", (r) => r.status() >= 400 && failures.push(`${r.status()} ${r.url()}`));
  const res = await page.goto("/?q=%00&page=-1");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Latest posts" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Posts" })).toBeVisible();
  expect(failures).toEqual([]);
});

test("nonsense page numbers and callback URLs fall back to their defaults", async ({ request }) => {
  for (const path of [
    "/?page=1e400",
    "/?page=NaN",
    "/sign-in?callbackUrl=javascript:alert(1)",
    "/sign-up?callbackUrl=%00",
  ]) {
    expect((await request.get(path)).status(), path).toBe(200);
  }
});
