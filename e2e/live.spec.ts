/**
 * Live updates in real browsers: one context acts (an admin in the admin UI), another only watches, and what it shows
 * changes without a reload. Also: an edit form whose record someone else saves says so instead of overwriting it,
 * and the admin shows the connection state, including a drop and the catch-up after it.
 */
import { type BrowserContext, expect, type Page, type Response, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { posts } from "../db/schema";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase, e2eDatabaseUrl } from "./support/db";
import { startInstance, stopInstance } from "./support/instances";
import { startProxy } from "./support/proxy";
import { snap } from "./support/screenshots";
import { signIn } from "./support/session";

/**
 * How long a page may take to show a change made elsewhere, in the same document (a reload would fail
 * `expectSameDocument`). Not a speed check: how soon an event reaches its subscribers is `npm run bench:live`'s
 * (delivery latency side by side with a hand-written fan-out). A 1-second bound here failed on a loaded CI machine,
 * where the other browser's click, the write, the event and the refetch all wait for CPU.
 */
const LIVE_WITHIN_MS = 10_000;

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

const postByTitle = async (title: string) => (await database.db.select().from(posts).where(eq(posts.title, title)))[0];

/** Resolves once the page's live stream for `procedure` has answered (so changes from now on reach it). */
function streamOpened(page: Page, procedure: string) {
  return page.waitForResponse((r) => r.url().includes(`/api/trpc/${procedure}`) && r.status() === 200);
}

/**
 * The Last-Event-ID a stream was opened with. Read off an answered request on purpose: a reconnect attempt that fails
 * while the network is cut is reported without its sent headers, and one can still be in flight when the network
 * comes back.
 */
async function resumedFrom(stream: Response) {
  return (await stream.request().allHeaders())["last-event-id"];
}

/** Marks the document, so a later check can tell that the page was never reloaded or navigated away from. */
async function markDocument(page: Page) {
  await page.evaluate(() => document.documentElement.setAttribute("data-e2e-same-document", "yes"));
}
async function expectSameDocument(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-e2e-same-document", "yes");
}

/** A mutation through the real endpoint with the page's session (superjson's plain-JSON form); returns its id. */
async function mutate(page: Page, path: string, json: Record<string, unknown>): Promise<string> {
  const id = await page.evaluate(
    async ([p, body]) => {
      const res = await fetch(`/api/trpc/${p}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: body }),
      });
      const answer = (await res.json()) as {
        result?: { data: { json: { id: string } } };
        error?: { json: { message: string } };
      };
      return answer.result?.data.json.id ?? `error: ${answer.error?.json.message}`;
    },
    [path, json] as const,
  );
  expect(id, `${path} answered with a record`).not.toMatch(/^error: /);
  return id;
}

const createPost = (page: Page, values: { title: string; body: string; status: "draft" | "published" }) =>
  mutate(page, "posts.create", values);

/** Records every value the element's attribute takes from now on; call the answer to read them. */
async function recordAttribute(page: Page, selector: string, attribute: string): Promise<() => Promise<string[]>> {
  const key = `recorded ${selector} ${attribute}`;
  await page.evaluate(
    ([selector, attribute, key]) => {
      const seen: string[] = [];
      (window as unknown as Record<string, string[]>)[key] = seen;
      const node = document.querySelector(selector);
      new MutationObserver(() => seen.push(node?.getAttribute(attribute) ?? "")).observe(node as Node, {
        attributeFilter: [attribute],
      });
    },
    [selector, attribute, key] as const,
  );
  return () => page.evaluate((key) => (window as unknown as Record<string, string[]>)[key] ?? [], key);
}

async function adminContext(browser: import("@playwright/test").Browser): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
  return [context, page];
}

test("a post an admin publishes, edits and deletes in one browser shows, changes and goes in another, without reload", async ({
  browser,
}) => {
  const title = `Live from the newsroom ${Date.now()}`;
  const edited = `${title} (updated)`;

  // The reader: anonymous, on the home page and on nothing else yet.
  const readerContext = await browser.newContext();
  const home = await readerContext.newPage();
  const homeStream = streamOpened(home, "posts.onChange");
  await home.goto("/");
  await homeStream;
  await markDocument(home);
  await expect(home.getByRole("link", { name: title })).toHaveCount(0);

  // The admin writes a published post in the admin UI, with the audit log open in another tab.
  const [adminCtx, admin] = await adminContext(browser);
  const audit = await adminCtx.newPage();
  const auditStream = streamOpened(audit, "audit.onChange");
  await audit.goto("/admin/audit");
  await auditStream;
  await markDocument(audit);
  const auditEntries = (id: string) => audit.locator(`a[href="/admin/posts/${id}"]`);
  await admin.goto("/admin/posts/new");
  const form = admin.getByRole("form", { name: "New post" });
  await form.getByLabel("Title").fill(title);
  await form.getByRole("textbox", { name: "Body" }).fill("Breaking: live updates reach every open page.");
  await form.getByLabel("Status").selectOption("published");
  await form.getByRole("button", { name: "Create post" }).click();
  await expect(admin).toHaveURL(/\/admin\/posts\/[0-9a-f-]{36}$/);
  const created = await postByTitle(title);
  expect(created).toMatchObject({ status: "published", deletedAt: null });
  const id = created?.id as string;

  // It is committed: the reader's home page shows it within a second, in the same document.
  await expect(home.getByRole("link", { name: title })).toBeVisible({ timeout: LIVE_WITHIN_MS });
  await expectSameDocument(home);
  await snap(home, "live-home-after-publish");
  await expect(auditEntries(id)).toHaveCount(1, { timeout: LIVE_WITHIN_MS });

  // The reader opens the post in a second tab; the admin edits it; the open post page follows.
  const article = await readerContext.newPage();
  const articleStream = streamOpened(article, "posts.onChange");
  await article.goto(`/posts/${created?.slug}`);
  await articleStream;
  await markDocument(article);
  await expect(article.getByRole("heading", { level: 1 })).toHaveText(title);

  const edit = admin.getByRole("form", { name: "Edit post" });
  await edit.getByLabel("Title").fill(edited);
  await edit.getByRole("textbox", { name: "Body" }).fill("Updated: the open post page follows the edit.");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("status")).toHaveText("Changes saved.");
  expect(await postByTitle(edited)).toMatchObject({ id, body: "Updated: the open post page follows the edit." });

  await expect(article.getByRole("heading", { level: 1 })).toHaveText(edited, { timeout: LIVE_WITHIN_MS });
  await expect(article.getByText("Updated: the open post page follows the edit.")).toBeVisible();
  await expectSameDocument(article);
  // The slug followed the title; the address bar follows the slug.
  const renamed = await postByTitle(edited);
  await expect(article).toHaveURL(new RegExp(`/posts/${renamed?.slug}$`));
  await expect(home.getByRole("link", { name: edited })).toBeVisible({ timeout: LIVE_WITHIN_MS });
  await expect(auditEntries(id)).toHaveCount(2, { timeout: LIVE_WITHIN_MS });
  await snap(article, "live-post-after-edit");

  // The admin deletes it: gone from the home page, and the open post page says so.
  await admin.getByRole("button", { name: "Delete", exact: true }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(admin.getByText("In the bin", { exact: true })).toBeVisible();
  expect((await postByTitle(edited))?.deletedAt).not.toBeNull();
  // The admin's own page reads deleted rows: it shows the post in the bin, not as gone.
  await expect(admin.getByText("This record is in the bin")).toBeVisible();
  await expect(admin.getByText(/deleted by someone else/)).toHaveCount(0);

  await expect(home.getByRole("link", { name: edited })).toHaveCount(0, { timeout: LIVE_WITHIN_MS });
  await expect(article.getByText("This post is no longer available.")).toBeVisible({ timeout: LIVE_WITHIN_MS });
  await expect(article.getByRole("heading", { name: edited })).toHaveCount(0);
  await expect(article.getByRole("heading", { name: /Comments/ })).toHaveCount(0);
  await expectSameDocument(home);
  await expectSameDocument(article);
  await snap(article, "live-post-after-delete");
  // The audit log took in all three entries as they were written.
  await expect(auditEntries(id)).toHaveCount(3, { timeout: LIVE_WITHIN_MS });
  await expect(
    audit
      .getByRole("row")
      .filter({ has: auditEntries(id) })
      .first(),
  ).toContainText("delete");
  await expectSameDocument(audit);
  await snap(audit, "live-audit-log");

  await readerContext.close();
  await adminCtx.close();
});

test("an edit form whose record someone else saves says so, saves nothing until told, and can keep both edits", async ({
  browser,
}) => {
  const title = `Two editors, one post ${Date.now()}`;
  const [firstCtx, first] = await adminContext(browser);
  const id = await createPost(first, { title, body: "The version both editors opened.", status: "draft" });

  // Both open the same edit page (two sessions of the admin: two people, as far as the record is concerned).
  const [secondCtx, second] = await adminContext(browser);
  const firstStream = streamOpened(first, "posts.onChange");
  await first.goto(`/admin/posts/${id}`);
  await firstStream;
  await second.goto(`/admin/posts/${id}`);
  const mine = first.getByRole("form", { name: "Edit post" });
  const theirs = second.getByRole("form", { name: "Edit post" });

  // The first edits the body but has not saved; the second changes the title and saves.
  await mine.getByRole("textbox", { name: "Body" }).fill("The first editor's body, kept on top.");
  await theirs.getByLabel("Title").fill(`${title} (retitled)`);
  await theirs.getByRole("button", { name: "Save changes" }).click();
  await expect(theirs.getByRole("status")).toHaveText("Changes saved.");

  // The first is told, with the field named, instead of silently overwriting.
  const notice = first.getByTestId("changed-by-others");
  await expect(notice).toBeVisible({ timeout: LIVE_WITHIN_MS });
  await expect(notice).toContainText("Someone else changed this post while you were editing");
  await expect(notice).toContainText("Changed: Title.");
  await snap(first, "live-edit-conflict", { fullPage: true });

  // Saving now is refused in the browser; the database keeps the second editor's save.
  await mine.getByRole("button", { name: "Save changes" }).click();
  await expect(mine.getByRole("status")).toHaveText(/^Not saved: someone else changed this record/);
  expect(await postByTitle(`${title} (retitled)`)).toMatchObject({ id, body: "The version both editors opened." });

  // Keep my edits: their title comes in, the first editor's body stays, and the save applies only that.
  await notice.getByRole("button", { name: "Keep my edits" }).click();
  await expect(notice).toHaveCount(0);
  await expect(mine.getByLabel("Title")).toHaveValue(`${title} (retitled)`);
  await expect(mine.getByRole("textbox", { name: "Body" })).toHaveValue("The first editor's body, kept on top.");
  await mine.getByRole("button", { name: "Save changes" }).click();
  await expect(mine.getByRole("status")).toHaveText("Changes saved.");
  await expect
    .poll(async () => (await postByTitle(`${title} (retitled)`))?.body)
    .toBe("The first editor's body, kept on top.");

  // The second editor has no unsaved edits, so there is nothing to overwrite: its form follows the first's save.
  await expect(theirs.getByRole("textbox", { name: "Body" })).toHaveValue("The first editor's body, kept on top.", {
    timeout: LIVE_WITHIN_MS,
  });
  await expect(theirs.getByRole("status")).toHaveText("Updated with changes saved by someone else: Body.");
  await expect(second.getByTestId("changed-by-others")).toHaveCount(0);

  // The second moves it to the bin; the first's open page shows it there at once, and its form is gone.
  await second.getByRole("button", { name: "Delete", exact: true }).click();
  await second.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(first.getByText("This record is in the bin")).toBeVisible({ timeout: LIVE_WITHIN_MS });
  await expect(mine).toHaveCount(0);
  expect((await postByTitle(`${title} (retitled)`))?.deletedAt).not.toBeNull();

  await firstCtx.close();
  await secondCtx.close();
});

test("the admin stays live across bounded streams and a dropped connection, catching up on what it missed", async ({
  browser,
}) => {
  test.setTimeout(90_000); // its own cold `next start`, a 5-second stream rotation and an outage, on a 2-core machine
  // Its own instance over the same database, with 5-second streams, behind a proxy this test can cut. Writes go
  // through the main e2e server, so they also cross instances (LISTEN/NOTIFY).
  const instance = await startInstance("short-streams", e2eDatabaseUrl(), {
    env: { LIVE_STREAM_MAX_SECONDS: "5", AUTH_RATE_LIMIT_SIGNIN_PER_IP: "1000" },
  });
  const proxy = await startProxy(Number(new URL(instance.url).port));
  const context = await browser.newContext({ baseURL: `http://localhost:${proxy.port}` });
  try {
    const page = await context.newPage();
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
    const stream = streamOpened(page, "posts.onChange");
    await page.goto("/admin/posts");
    await stream;
    await markDocument(page);
    const state = page.getByTestId("live-state");
    await expect(state).toHaveAttribute("data-state", "live");
    await expect(state).toHaveText(/Live/);
    await snap(page, "live-admin-indicator");

    // The stream ends after 5 s by design; the browser reconnects with its last event id.
    const rotated = await page.waitForResponse((r) => r.url().includes("posts.onChange") && r.status() === 200, {
      timeout: 10_000,
    });
    expect(await resumedFrom(rotated)).toMatch(/^\d+$/);
    await expect(state).toHaveAttribute("data-state", "live");
    // A live change refetches the page in the background: the rows on screen stay as drawn, never dimmed or
    // marked busy (that is for rows answering an earlier page, filter or order).
    const gridBusy = await recordAttribute(page, 'table[aria-label="Posts"]', "aria-busy");
    const [otherCtx, other] = await adminContext(browser);
    const first = `Published after a stream rotation ${Date.now()}`;
    await createPost(other, { title: first, body: "Another instance, another stream.", status: "published" });
    const grid = page.getByRole("table", { name: "Posts" });
    // No bound of a second here: with 5-second streams the write may land in a reconnect gap (half a second by
    // design), and what this checks is that nothing is lost across rotations; the first test holds the 1 s bound.
    await expect(grid.getByRole("link", { name: first })).toBeVisible();
    // Live again on its own, with nothing lost. Whether a rotation shows the reconnect notice at all is a matter of
    // time (never when the reconnect takes under 1.5 s), so of the machine's load, not something a test can hold: CI
    // under a full `npm test` on 2 cores saw both streams' reconnects (their headers) within 0.9 s and the page's
    // own state still passed 1.5 s.
    await expect(state).toHaveAttribute("data-state", "live");
    expect(await gridBusy()).not.toContain("true");
    await expect(grid).not.toHaveClass(/opacity-60/);

    // The connection drops and stays down: the indicator says so.
    proxy.down();
    await expect(state).toHaveAttribute("data-state", "reconnecting", { timeout: 10_000 });
    await expect(state).toHaveText(/Reconnecting/);

    // Meanwhile another admin publishes a post this table would show.
    const missed = `Written during the outage ${Date.now()}`;
    await createPost(other, { title: missed, body: "Written by another admin meanwhile.", status: "published" });
    await otherCtx.close();
    expect(await postByTitle(missed)).toMatchObject({ status: "published", deletedAt: null });

    // Back up: the browser's EventSource reconnects with the last event id it saw (the Last-Event-ID header), the
    // server replays the missed create, the row appears; the page was never reloaded.
    const reconnect = streamOpened(page, "posts.onChange");
    proxy.up();
    expect(await resumedFrom(await reconnect)).toMatch(/^\d+$/);
    await expect(state).toHaveAttribute("data-state", "live", { timeout: 15_000 });
    await expect(grid.getByRole("link", { name: missed })).toBeVisible();
    await expectSameDocument(page);
  } finally {
    await context.close();
    await proxy.close();
    await stopInstance(instance);
  }
});

test("an announcement an editor switches on shows in the home page's banner, and goes when it is removed", async ({
  browser,
}) => {
  const reader = await browser.newPage();
  const streams = Promise.all([streamOpened(reader, "posts.onChange"), streamOpened(reader, "announcements.onChange")]);
  await reader.goto("/");
  await streams;
  await markDocument(reader);
  const title = `Maintenance tonight ${Date.now()}`;
  const banner = reader.getByRole("region", { name: "Announcements" }).getByText(title);
  await expect(banner).toHaveCount(0);

  const [adminCtx, admin] = await adminContext(browser);
  const id = await mutate(admin, "announcements.create", {
    title,
    message: "The site is read-only from 22:00 to 22:15.",
    tone: "warning",
    active: true,
    priority: 100,
  });
  await expect(banner).toBeVisible({ timeout: LIVE_WITHIN_MS });
  await mutate(admin, "announcements.delete", { id });
  await expect(banner).toHaveCount(0, { timeout: LIVE_WITHIN_MS });
  await expectSameDocument(reader);
  await adminCtx.close();
  await reader.close();
});

test("signing out reopens the page's live streams as the new caller, in the same document", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/");
  const stream = streamOpened(page, "posts.onChange");
  await page.goto("/");
  const first = await stream;
  expect((await first.request().allHeaders()).cookie ?? "").toMatch(/authjs\.session-token=/);
  await markDocument(page);

  // A stream keeps the caller it was opened with: after sign-out it must be reopened without the session.
  // Waits for an answered stream without the session cookie: a stream the page opens with the cookie meanwhile (the
  // page may still be settling when the button is clicked) is no answer; without the reopen, none comes and this
  // times out.
  const reopened = page.waitForResponse(
    async (r) =>
      r.url().includes("posts.onChange") &&
      r.status() === 200 &&
      !/authjs\.session-token=/.test((await r.request().allHeaders()).cookie ?? ""),
    { timeout: 5_000 },
  );
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await reopened;
  await expectSameDocument(page);
  await context.close();
});
