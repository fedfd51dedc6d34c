import { expect, test } from "@playwright/test";
import { and, asc, count, desc, eq, isNull } from "drizzle-orm";
import { posts, users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { connectE2eDatabase } from "./support/db";
import { snap } from "./support/screenshots";
import { signIn } from "./support/session";

const PASSWORD = "una's long password";

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
  // Newest first, as the database has them now (other specs may have published posts before this one runs).
  const newest = await database.db
    .select({ title: posts.title })
    .from(posts)
    .where(and(eq(posts.status, "published"), isNull(posts.deletedAt)))
    .orderBy(desc(posts.publishedAt), asc(posts.id))
    .limit(11);
  const [first, eleventh] = [newest[0]?.title as string, newest[10]?.title as string];

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Latest posts" })).toBeVisible();
  const titles = page.getByRole("region", { name: "Posts" }).getByRole("heading", { level: 2 });
  await expect(titles).toHaveCount(10);
  await expect(titles.first()).toHaveText(first);
  await expect(page.getByText(`${published?.n} posts`)).toBeVisible();
  await snap(page, "home", { fullPage: true });

  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(page.getByText(/^Page 2 of/)).toBeVisible();
  await expect(titles.first()).toHaveText(eleventh);

  expect(errors).toEqual([]);
});

test("/api/health reports the database as up", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", db: { ok: true } });
});

test("a member who has not confirmed their address is told so on /posts/new instead of a form", async ({ page }) => {
  const email = "una.unconfirmed@example.test";
  await database.db
    .insert(users)
    .values({ name: "Una", email, role: "member", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: null });
  await signIn(page, email, PASSWORD);
  await page.goto("/posts/new");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Confirm your email address to post.");
  await expect(page.getByRole("main").getByRole("link", { name: "your account" })).toHaveAttribute("href", "/account");
});
