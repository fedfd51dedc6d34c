/**
 * History, revert and the audit log in Chromium against `next start`: an admin retags a seeded post (whose history
 * says it predates the trail), reads "Tags: added …; removed …" in its history, reverts to before the change and
 * finds the tags back in the form and the database; the dashboard and the audit log name records by title, the
 * audit log's "Who" is a user picker that filters, dates are in one format and names do not wrap. Screenshots of
 * each at 1280 and 390 px, light and dark.
 */
import { expect as baseExpect, type Page, test } from "@playwright/test";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { auditLog, posts, postTags, tags, users } from "../db/schema";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot, snap } from "./support/screenshots";
import { signIn } from "./support/session";

// Pages here load a form, a history and titles at once; on a busy machine the first paint can take more than 5 s.
const expect = baseExpect.configure({ timeout: 15_000 });

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

async function tagNamesOf(postId: string): Promise<string[]> {
  const rows = await database.db
    .select({ name: tags.name })
    .from(postTags)
    .innerJoin(tags, eq(tags.id, postTags.tagId))
    .where(eq(postTags.postId, postId));
  return rows.map((r) => r.name).sort();
}

/** A seeded post with two tags or more and no audit entries (the seed writes none). */
async function seededPostWithTags() {
  const candidates = await database.db
    .select({ id: posts.id, title: posts.title })
    .from(posts)
    .where(isNull(posts.deletedAt))
    .orderBy(asc(posts.title));
  for (const post of candidates) {
    const names = await tagNamesOf(post.id);
    const audited = await database.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.recordId, post.id));
    if (names.length >= 2 && audited.length === 0) return { ...post, tags: names };
  }
  throw new Error("the seed has no post with two tags");
}

async function pickedTags(page: Page) {
  const list = page.getByRole("form", { name: "Edit post" }).getByRole("list", { name: "Picked tags" });
  return (await list.getByRole("listitem").allInnerTexts()).map((t) => t.trim()).sort();
}

test.describe.configure({ timeout: 90_000 });

test("a post's tags change in words in its history, and reverting brings them back in the form and the database", async ({
  page,
}) => {
  const post = await seededPostWithTags();
  const [removed] = post.tags as [string, ...string[]];
  const all = (await database.db.select({ name: tags.name }).from(tags)).map((r) => r.name);
  const added = all.find((name) => !post.tags.includes(name)) as string;

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/posts/${post.id}`);
  const history = page.getByTestId("record-history");
  await expect(page.getByTestId("history-before-trail")).toHaveText(/Created before history was kept/);
  await expect.poll(() => pickedTags(page)).toEqual(post.tags);

  // Retag in the form: one tag out, one in.
  const form = page.getByRole("form", { name: "Edit post" });
  await form.getByRole("button", { name: `Remove ${removed}` }).click();
  await form.getByRole("button", { name: /^Tags/ }).click();
  await page.getByRole("option", { name: added }).click();
  await page.keyboard.press("Escape");
  await form.getByRole("button", { name: "Save changes" }).click();
  const edited = [...post.tags.filter((t) => t !== removed), added].sort();
  await expect.poll(() => tagNamesOf(post.id)).toEqual(edited);

  // The history says it in words, with titles; the record is still older than its history.
  const newest = history.getByTestId("history-entry").first();
  await expect(newest.getByTestId("history-operation")).toHaveText("update");
  await expect(newest).toContainText(`Tags: added ${added}; removed ${removed}`);
  await expect(newest).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  await expect(newest.locator("time")).not.toHaveText(ISO);
  await expect(page.getByTestId("history-before-trail")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "record history");

  // Back to how the seed left it: the oldest change undone, its links included.
  await newest.getByRole("button", { name: "Revert to before this" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revert" }).click();
  await expect.poll(() => tagNamesOf(post.id)).toEqual(post.tags);
  await expect(history.getByTestId("history-operation").first()).toHaveText("revert");
  await expect(history.getByTestId("history-entry").first()).toContainText(`Tags: added ${removed}; removed ${added}`);
  await expect.poll(() => pickedTags(page)).toEqual(post.tags);
  // The form follows the revert as this reader's own save: nobody else saved anything.
  await expect(page.getByText(/someone else/i)).toHaveCount(0);
  await snap(page, "history-after-revert", { fullPage: true });
  await page.reload();
  await expect.poll(() => pickedTags(page)).toEqual(post.tags);
  const trail = await database.db
    .select({ operation: auditLog.operation, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(eq(auditLog.recordId, post.id))
    .orderBy(asc(auditLog.id));
  expect(trail.map((e) => e.operation)).toEqual(["update", "revert"]);

  await shoot(page, "history-record", { scrollTo: history });
});

test("the dashboard and the audit log name records by title; the audit log filters by a picked user", async ({
  page,
}) => {
  // A change to name: a post retitled by the admin.
  const [post] = await database.db
    .select({ id: posts.id, title: posts.title })
    .from(posts)
    .where(isNull(posts.deletedAt))
    .orderBy(asc(posts.createdAt))
    .limit(1);
  const retitled = `${post?.title} (retitled)`;
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/posts/${post?.id}`);
  const form = page.getByRole("form", { name: "Edit post" });
  await form.getByLabel("Title").fill(retitled);
  const body = form.getByRole("textbox", { name: "Body" });
  await body.fill((await body.inputValue()).replace("Edit or delete it", "Edit or retire it"));
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect
    .poll(
      async () =>
        (
          await database.db
            .select()
            .from(posts)
            .where(eq(posts.id, post?.id as string))
        )[0]?.title,
    )
    .toBe(retitled);

  await page.goto("/admin");
  const latest = page.getByTestId("latest-changes");
  await expect(latest.getByRole("link", { name: new RegExp(`^${escapeRegExp(retitled)}`) }).first()).toBeVisible();
  await expect(latest).not.toContainText(/posts [0-9a-f]{8}/);
  await expect(latest.locator("time").first()).not.toHaveText(ISO);
  await shoot(page, "history-dashboard", { scrollTo: latest });

  await page.goto("/admin/audit");
  const log = page.getByRole("table", { name: "Audit log" });
  const row = log.getByTestId("audit-entry").filter({ hasText: retitled }).first();
  await expect(row).toContainText("Title:");
  // The body is markdown: a word-level diff, the changed word struck and the new one added, not the whole text twice.
  await expect(row.locator("del", { hasText: "delete" })).toBeVisible();
  await expect(row.locator("ins", { hasText: "retire" })).toBeVisible();
  await expect(row.getByRole("link", { name: new RegExp(`^${escapeRegExp(retitled)}`) })).toHaveAttribute(
    "href",
    `/admin/posts/${post?.id}`,
  );
  await expect(row.locator("time")).not.toHaveText(ISO);
  // "Who" stays on one line at desktop width.
  const who = row.getByTestId("history-actor");
  expect((await who.boundingBox())?.height).toBeLessThan(24);
  // No record, actor or related record is shown by its id. A value may hold one all the same: a deleted account's
  // address is `deleted-<its id>@deleted.invalid` (accounts.spec.ts, which runs first), so addresses are left out.
  const shown = log.getByTestId("audit-entry").locator("td:nth-child(2), td:nth-child(4), td:nth-child(5)");
  await expect
    .poll(async () =>
      (await shown.allInnerTexts())
        .map((text) => text.replace(/\S+@\S+/g, "<address>"))
        .filter((text) => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/.test(text)),
    )
    .toEqual([]);

  // The actor filter is a user picker: pick Ada Admin, then Lou Lurker (who changed nothing).
  const [ada] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, E2E_ADMIN.email));
  await page.getByRole("button", { name: /^Who/ }).click();
  await page.getByRole("option", { name: "Ada Admin" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]actor=${ada?.id}`));
  await expect(page.getByRole("button", { name: /^Who Ada Admin/ })).toBeVisible();
  await expect(log.getByTestId("history-actor").first()).toHaveText("Ada Admin");
  // Every row, once the filtered page has replaced the whole list: its first row can be Ada's before and after.
  await expect
    .poll(async () => new Set(await log.getByTestId("history-actor").allInnerTexts()))
    .toEqual(new Set(["Ada Admin"]));
  await expectNoSeriousA11yViolations(page, "audit log");
  await shoot(page, "history-audit-log");

  await page.getByRole("button", { name: /^Who/ }).click();
  await page.getByRole("combobox", { name: "Search users" }).fill("Lou");
  await page.getByRole("option", { name: "Lou Lurker" }).click();
  await expect(log).toContainText("No changes match these filters.");
  await page.getByRole("button", { name: "Show changes by anyone" }).click();
  await expect(page).not.toHaveURL(/[?&]actor=/);
  await expect(log.getByTestId("audit-entry").first()).toBeVisible();

  // Reloading keeps a shared view: the URL's actor is named by the picker.
  await page.goto(`/admin/audit?actor=${ada?.id}`);
  await expect(page.getByRole("button", { name: /^Who Ada Admin/ })).toBeVisible();
  const links = await database.db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, ada?.id as string), inArray(auditLog.operation, ["update", "revert"])));
  expect(links.length).toBeGreaterThan(0);
});

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
