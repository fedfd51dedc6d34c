/**
 * The generated form's Idempotency-Key in Chromium against `next start`: every submit sends one, alone (not in a
 * batch); when the answer to a save that did commit is lost, pressing Save again sends the same key, and the server
 * answers with the first result instead of writing a second post (checked in the database).
 */
import { expect, type Request, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { posts } from "../db/schema";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { signIn } from "./support/session";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

const postsTitled = (title: string) => database.db.select().from(posts).where(eq(posts.title, title));

test("a submit whose answer is lost is sent again with the same Idempotency-Key and written once", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/dev/forms");
  const creates: Request[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes("/api/trpc/posts.create")) creates.push(request);
  });
  // The first save reaches the server and commits, but its answer never reaches the page (a dropped connection).
  let dropped = false;
  await page.route("**/api/trpc/posts.create*", async (route) => {
    if (dropped) return route.continue();
    dropped = true;
    await route.fetch();
    await route.abort("connectionreset");
  });

  const form = page.getByRole("form", { name: "New post" });
  await form.getByLabel("Title").fill("Saved once despite a lost answer");
  await form.getByRole("textbox", { name: "Body" }).fill("A body that is long enough to pass.");
  await form.getByRole("button", { name: "Create post" }).click();
  await expect(form.getByRole("status")).toHaveText("Not saved.");
  expect(await postsTitled("Saved once despite a lost answer")).toHaveLength(1);

  await form.getByRole("button", { name: "Create post" }).click();
  await expect(form.getByRole("status")).toHaveText("Post created.");
  expect(await postsTitled("Saved once despite a lost answer")).toHaveLength(1);

  expect(creates).toHaveLength(2);
  const keys = await Promise.all(creates.map(async (r) => (await r.allHeaders())["idempotency-key"]));
  expect(keys[0]).toMatch(UUID);
  expect(keys[1]).toBe(keys[0]);
  for (const request of creates) expect(request.url()).not.toContain("batch=1");

  // A new submit (other values) is a new request with a new key.
  await form.getByLabel("Title").fill("A second post, a second key");
  await form.getByRole("button", { name: "Create post" }).click();
  await expect(form.getByRole("status")).toHaveText("Post created.");
  const third = await creates[2]?.allHeaders();
  expect(third?.["idempotency-key"]).toMatch(UUID);
  expect(third?.["idempotency-key"]).not.toBe(keys[0]);
});
