/**
 * Custom actions in Chromium against `next start`: an admin unpublishes a post from its record page (the generated
 * input form refuses a short reason, then the action runs and its history shows it), publishes it again with one
 * click, sends a user a password reset link through its confirmation (the job it queues issues the link), and
 * publishes then unpublishes a selection from the table's bulk bar. An action's dialog closes on the server's answer,
 * not after the page's refetch. Every step is checked in the database; screenshots at 1280 and 390 px, light and dark.
 */
import { expect, type Page, test } from "@playwright/test";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { auditLog, passwordResets, posts, users } from "../db/schema";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot } from "./support/screenshots";
import { fieldError, signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

const adminId = async () =>
  (await database.db.select({ id: users.id }).from(users).where(eq(users.email, E2E_ADMIN.email)))[0]?.id as string;

async function aPost(title: string, status: "draft" | "published") {
  const [row] = await database.db
    .insert(posts)
    .values({
      title,
      slug: title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
      body: "A body long enough for a post.",
      status,
      authorId: await adminId(),
      publishedAt: status === "published" ? new Date() : null,
    })
    .returning({ id: posts.id });
  return row?.id as string;
}

const postStatus = async (id: string) =>
  (await database.db.select({ status: posts.status }).from(posts).where(eq(posts.id, id)))[0]?.status;

/** The record page's action buttons. */
const header = (page: Page) => page.getByRole("group", { name: "Actions" });
/** A toast with this text (not the same words elsewhere on the page, such as a status badge). */
const toast = (page: Page, text: string) => page.locator("[data-sonner-toast]").filter({ hasText: text });

test("a post is unpublished from its record page through the input form, then published again", async ({ page }) => {
  const title = "Actions on the record page";
  const id = await aPost(title, "published");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/posts/${id}`);
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  // The rules say which apply to this post now: it is published, so it can be unpublished, not published.
  await expect(header(page).getByRole("button", { name: "Unpublish", exact: true })).toBeVisible();
  await expect(header(page).getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);
  await shoot(page, "actions-record-page");

  await header(page).getByRole("button", { name: "Unpublish", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Unpublish “Actions on the record page”" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("Readers lose access to it until it is published again.")).toBeVisible();
  const reason = dialog.getByLabel("Reason");
  await reason.fill("no");
  await dialog.getByRole("button", { name: "Unpublish", exact: true }).click();
  await expect(await fieldError(page, reason)).toHaveText("Reason must be at least 5 characters");
  expect(await postStatus(id)).toBe("published");
  // Off the button just pressed: axe would judge its hover colour.
  await page.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(page, "action input dialog");
  await shoot(page, "actions-input-dialog");

  await reason.fill("The figures in it are out of date.");
  await dialog.getByRole("button", { name: "Unpublish", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, "Unpublished")).toBeVisible();
  await expect.poll(() => postStatus(id)).toBe("draft");
  const [entry] = await database.db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.recordId, id), eq(auditLog.operation, "action")));
  expect(entry?.after).toEqual({ action: "unpublish", input: { reason: "The figures in it are out of date." } });
  // The history shows the run and what it changed; the form follows the new status.
  const history = page.getByTestId("record-history");
  await expect(history.getByText("Ran", { exact: true })).toBeVisible();
  await expect(history.getByText("The figures in it are out of date.")).toBeVisible();
  // The run is no version of the post: nothing to revert to there (its change, above it, has that).
  await expect(history.getByTestId("history-entry").filter({ hasText: "Ran" }).getByRole("button")).toHaveCount(0);
  await history.scrollIntoViewIfNeeded();
  await shoot(page, "actions-history");
  await expect(page.getByRole("form", { name: "Edit post" }).getByLabel("Status")).toHaveValue("draft");

  // Now a draft: Publish has no input and no confirmation, so it runs at once.
  await header(page).getByRole("button", { name: "Publish", exact: true }).click();
  await expect.poll(() => postStatus(id)).toBe("published");
  await expect(header(page).getByRole("button", { name: "Unpublish", exact: true })).toBeVisible();
});

test("an action's dialog closes on the server's answer, while the page's data cannot be read yet", async ({ page }) => {
  // What follows an action may hold the page's tables for a while (a backup's restore holds them all): the dialog
  // and the toast must not wait for the refetch. The spec holds the posts table from the answer on, so the refetch
  // waits until the checks below are done.
  const title = "An answer before the refresh";
  const id = await aPost(title, "published");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/posts/${id}`);
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  let release = () => {};
  let holding: Promise<unknown> = Promise.resolve();
  await page.route(
    (url) => url.pathname.startsWith("/api/trpc/") && url.pathname.includes("posts.unpublish"),
    async (route) => {
      const answer = await route.fetch();
      await new Promise<void>((locked) => {
        holding = database.db.transaction(async (tx) => {
          // Ends itself if the test dies holding it, so no later spec waits on it.
          await tx.execute(sql`set local idle_in_transaction_session_timeout = '30s'`);
          await tx.execute(sql`lock table ${posts} in access exclusive mode`);
          locked();
          await new Promise<void>((done) => {
            release = done;
          });
        });
      });
      await route.fulfill({ response: answer });
    },
  );
  try {
    await header(page).getByRole("button", { name: "Unpublish", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Unpublish “${title}”` });
    await dialog.getByLabel("Reason").fill("Held while the page refreshes.");
    await dialog.getByRole("button", { name: "Unpublish", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(toast(page, "Unpublished")).toBeVisible();
  } finally {
    release();
    await holding;
  }
  // Then the page catches up.
  await expect(page.getByRole("form", { name: "Edit post" }).getByLabel("Status")).toHaveValue("draft");
  expect(await postStatus(id)).toBe("draft");
});

test("an admin sends a password reset link through its confirmation; the job issues it", async ({ page }) => {
  const [member] = await database.db
    .insert(users)
    .values({ name: "Rita Reset", email: "rita.reset@example.com", role: "member" })
    .returning({ id: users.id });
  const id = member?.id as string;
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/users/${id}`);
  await header(page).getByRole("button", { name: "Send password reset" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Send a password reset link?" });
  await expect(confirm).toContainText("A link valid for 60 minutes goes to the user's email address");
  await expectNoSeriousA11yViolations(page, "action confirmation");
  await shoot(page, "actions-confirmation");
  await confirm.getByRole("button", { name: "Send link" }).click();
  await expect(confirm).toBeHidden();
  await expect(toast(page, "Password reset link on its way")).toBeVisible();
  // Queued in the action's transaction; the server's worker runs it and the link exists.
  await expect
    .poll(async () => (await database.db.select().from(passwordResets).where(eq(passwordResets.userId, id))).length, {
      timeout: 20_000,
    })
    .toBe(1);
  const jobs = await database.db.execute(
    sql`select state from pgboss.job where name = 'users.password-reset' and data->>'userId' = ${id}`,
  );
  expect(Array.from(jobs)).toHaveLength(1);
});

test("a selection is published, then unpublished with a reason, from the table's bulk bar", async ({ page }) => {
  const titles = ["Bulk kiwi one", "Bulk kiwi two", "Bulk kiwi three"];
  const ids = await Promise.all(titles.map((title) => aPost(title, "draft")));
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/posts?q=kiwi");
  const region = page.getByRole("region", { name: "Posts table" });
  const grid = region.getByRole("table", { name: "Posts" });
  await expect(grid.getByRole("link")).toHaveCount(3);
  await grid.getByRole("checkbox", { name: "Select all on this page" }).check();
  const bar = region.getByRole("group", { name: "Selected posts" });
  await expect(bar).toContainText("3 selected");
  await expect(bar.getByRole("button", { name: "Publish 3", exact: true })).toBeVisible();
  await shoot(page, "actions-bulk-bar");

  await bar.getByRole("button", { name: "Publish 3", exact: true }).click();
  await expect(toast(page, "Published")).toContainText("3 posts");
  await expect.poll(async () => Promise.all(ids.map(postStatus))).toEqual(["published", "published", "published"]);
  await expect(bar).toBeHidden();

  await grid.getByRole("checkbox", { name: "Select all on this page" }).check();
  await bar.getByRole("button", { name: "Unpublish 3", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Unpublish 3 posts" });
  await dialog.getByLabel("Reason").fill("Held back for the spring issue.");
  await shoot(page, "actions-bulk-dialog");
  await dialog.getByRole("button", { name: "Unpublish", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => Promise.all(ids.map(postStatus))).toEqual(["draft", "draft", "draft"]);
  const runs = await database.db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(and(inArray(auditLog.recordId, ids), eq(auditLog.operation, "action")));
  expect(runs).toHaveLength(6);

  // One post that may not be unpublished (a draft) fails the whole selection, and says so.
  await database.db
    .update(posts)
    .set({ status: "published", publishedAt: new Date() })
    .where(like(posts.title, "Bulk kiwi t%"));
  await page.reload();
  await grid.getByRole("checkbox", { name: "Select all on this page" }).check();
  await bar.getByRole("button", { name: "Unpublish 3", exact: true }).click();
  await dialog.getByLabel("Reason").fill("This should change nothing.");
  await dialog.getByRole("button", { name: "Unpublish", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("refused by rule");
  expect(await Promise.all(ids.map(postStatus))).toEqual(["draft", "published", "published"]);
  // Out of the way of the specs after this one (the home page's newest posts).
  await database.db.delete(posts).where(inArray(posts.id, ids));
});
