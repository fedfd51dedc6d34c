/**
 * The admin's Logs page and the dashboard's load charts, in Chromium against `next start`: an admin sees the traffic
 * charts above the request log, filters it to server errors by status, opens one request and finds the audit entries
 * it caused (linking to their record), narrows the log to a window of minutes by time, finds a page view of its own
 * in the log (by pattern and caller, without its query), then sees the load charts on the dashboard for the last hour and day. The other rows are written by this spec's setup (named apart from what the
 * server logs itself), so the checks are exact.
 * Screenshots at 1280 and 390 px, light and dark, and an accessibility scan of each page.
 */
import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { eq, inArray, like, ne } from "drizzle-orm";
import { auditLog, metricSamples, posts, requestLog, users } from "../db/schema";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot, shootElement } from "./support/screenshots";
import { signIn } from "./support/session";

const MINUTE = 60_000;
const run = randomUUID().slice(0, 8);
const failedId = `e2e-ops-${run}-failed`;
const refusedId = `e2e-ops-${run}-refused`;
const INSTANCE = `e2e-ops-${run}:1`;

let database: ReturnType<typeof connectE2eDatabase>;
/** When the setup ran: its rows are placed that many minutes before it. */
let now: number;
let postId: string;
let postTitle: string;

test.beforeAll(async () => {
  database = connectE2eDatabase();
  const { db } = database;
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, E2E_ADMIN.email));
  const [post] = await db.select({ id: posts.id, title: posts.title }).from(posts).limit(1);
  postId = post?.id as string;
  postTitle = post?.title as string;
  now = Date.now();
  const base = { method: "POST", route: "/api/trpc", instance: INSTANCE, ip: "198.51.100.7", userAgent: "e2e" };
  await db.insert(requestLog).values([
    // The last hour's traffic: a request every 5 minutes, quicker and slower ones.
    ...Array.from({ length: 12 }, (_, i) => ({
      ...base,
      method: "GET",
      at: new Date(now - (i * 5 + 2) * MINUTE),
      requestId: `e2e-ops-${run}-ok-${i}`,
      procedure: "posts.list",
      status: 200,
      durationMs: 8 + i * 7,
    })),
    {
      ...base,
      at: new Date(now - 4 * MINUTE),
      requestId: failedId,
      procedure: "posts.update",
      status: 503,
      durationMs: 2_400,
      actorId: admin?.id ?? null,
      error: "the database did not answer in time",
    },
    {
      ...base,
      at: new Date(now - 3 * MINUTE),
      requestId: refusedId,
      procedure: "posts.get",
      status: 404,
      durationMs: 4,
    },
  ]);
  // What the failed request wrote before it failed (the audit shares its request id).
  await db.insert(auditLog).values({
    actorKind: "user",
    actorId: admin?.id ?? null,
    actorLabel: "Ada Admin",
    operation: "update",
    resource: "posts",
    recordId: postId,
    before: { title: postTitle },
    after: { title: postTitle },
    requestId: failedId,
  });
  // A sampled hour for the dashboard, as an instance would have written it.
  await db.insert(metricSamples).values(
    Array.from({ length: 50 }, (_, i) => ({
      at: new Date(Math.floor(now / MINUTE) * MINUTE - (i + 1) * MINUTE),
      instance: INSTANCE,
      requests: 40 + ((i * 7) % 25),
      errors: i % 9 === 0 ? 2 : 0,
      p50Ms: 6 + (i % 5),
      p95Ms: 40 + ((i * 3) % 30),
      p99Ms: 90 + ((i * 11) % 60),
      dbQueries: 120 + ((i * 13) % 50),
      dbP95Ms: 2 + (i % 4) / 2,
      liveSubscribers: 3 + (i % 4),
      liveEvents: i % 6,
      jobQueueDepth: i % 3,
      rssBytes: 180_000_000 + i * 400_000,
      heapUsedBytes: 60_000_000 + i * 200_000,
      eventLoopLagP99Ms: 11 + (i % 7),
    })),
  );
});
test.afterAll(async () => {
  await database.db.delete(requestLog).where(like(requestLog.requestId, `e2e-ops-${run}-%`));
  await database.db.delete(auditLog).where(inArray(auditLog.requestId, [failedId]));
  await database.db.delete(metricSamples).where(eq(metricSamples.instance, INSTANCE));
  await database.close();
});

/** The charts are below the counts and health: screenshots start at their heading. */
const scrollToLoad = (page: Page) =>
  page.locator("#load-heading").evaluate((heading) => heading.scrollIntoView({ block: "start" }));

function requestTable(page: Page) {
  const region = page.getByRole("region", { name: "Request log table" });
  return {
    region,
    grid: region.getByRole("table", { name: "Request log" }),
    filters: region.getByRole("group", { name: "Request log filters" }),
  };
}

test("an admin reads the traffic charts, filters the request log to server errors and opens one request", async ({
  page,
}) => {
  // Searched to this run's rows: in a full run every other spec's requests are in the log too, newer than these.
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/requestLogs?q=e2e-ops-${run}`);
  await expect(page.getByRole("heading", { level: 1, name: "Request log" })).toBeVisible();
  const charts = page.getByTestId("request-log-charts");
  await expect(charts.getByTestId("chart-log-requests")).toBeVisible({ timeout: 15_000 });
  await expect(charts.getByTestId("chart-log-latency")).toBeVisible();
  await expect(charts.getByRole("figure", { name: "Requests and errors" })).toBeVisible();
  const table = requestTable(page);
  await expect(table.grid.getByRole("link", { name: refusedId })).toBeVisible({ timeout: 15_000 });
  await shoot(page, "logs-page");
  await shootElement(page, charts, "logs-charts");
  await expectNoSeriousA11yViolations(page, "the Logs page");

  // Server errors only: status from 500 to 599.
  await table.filters.getByRole("button", { name: "Filter by Status" }).click();
  const dialog = page.getByRole("dialog", { name: "Filter by Status" });
  await dialog.getByLabel("Min").fill("500");
  await dialog.getByLabel("Max").fill("599");
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/status/);
  await expect(table.grid.getByRole("link", { name: failedId })).toBeVisible();
  await expect(table.grid.getByRole("link", { name: refusedId })).toHaveCount(0);
  await expect(table.grid.getByRole("link", { name: `e2e-ops-${run}-ok-0` })).toHaveCount(0);
  await shoot(page, "logs-filtered");

  // Its details: every field of the row, and the audit entry it caused, linking to the post.
  await table.grid.getByRole("link", { name: failedId }).click();
  await expect(page).toHaveURL(/\/admin\/requestLogs\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Error", { exact: true })).toHaveValue("the database did not answer in time", {
    timeout: 15_000,
  });
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("503");
  const audit = page.getByRole("region", { name: "Changes made by this request" });
  await expect(audit.getByTestId("request-audit").getByRole("listitem")).toHaveCount(1);
  const record = audit.getByTestId("request-audit").getByRole("link");
  await expect(record).toContainText(postTitle);
  await expect(record).toHaveAttribute("href", `/admin/posts/${postId}`);
  await shoot(page, "logs-request");
  await shootElement(page, audit, "logs-request-audit");
  await expectNoSeriousA11yViolations(page, "a request's details");
  await record.click();
  await expect(page).toHaveURL(new RegExp(`/admin/posts/${postId}$`));
});

test("an admin narrows the request log to a few minutes", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/requestLogs?q=e2e-ops-${run}`);
  const table = requestTable(page);
  await expect(table.grid.getByRole("link", { name: refusedId })).toBeVisible({ timeout: 15_000 });
  // From the minute 13 minutes before the setup to the one 6 minutes before, on the browser's clock: the requests
  // of 12 and 7 minutes before (ok-2, ok-1), not those of 2 to 4 (ok-0, refused, failed) nor 17 (ok-3).
  const minute = (ms: number) =>
    page.evaluate((t) => {
      const d = new Date(t);
      const two = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
    }, ms);
  const from = await minute(now - 13 * MINUTE);
  const to = await minute(now - 6 * MINUTE);

  await table.filters.getByRole("button", { name: "Filter by At" }).click();
  const dialog = page.getByRole("dialog", { name: "Filter by At" });
  await expect(dialog.getByLabel("From")).toHaveAttribute("type", "datetime-local");
  await dialog.getByLabel("From").fill(from);
  await dialog.getByLabel("To").fill(to);
  await expect(page).toHaveURL(new RegExp(`f\\.at\\.gte=${from.replace(":", "(:|%3A)")}`));
  await expect(page).toHaveURL(new RegExp(`f\\.at\\.lte=${to.replace(":", "(:|%3A)")}`));
  await expect(dialog.getByLabel("To")).toHaveAttribute("min", from);
  await expect(table.grid.getByRole("link", { name: `e2e-ops-${run}-ok-1`, exact: true })).toBeVisible();
  await expect(table.grid.getByRole("link", { name: `e2e-ops-${run}-ok-2`, exact: true })).toBeVisible();
  for (const gone of [`e2e-ops-${run}-ok-0`, refusedId, failedId, `e2e-ops-${run}-ok-3`]) {
    await expect(table.grid.getByRole("link", { name: gone, exact: true })).toHaveCount(0);
  }
  // The open panel, with the filters' row at the top of the view (the table is below the charts on a phone).
  await shoot(page, "logs-time-filter", { scrollTo: table.filters });
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // The chip says the range in the reader's clock: the "to" as its time of day.
  const toTime = await page.evaluate(
    (t) => new Intl.DateTimeFormat(navigator.language, { timeStyle: "short" }).format(new Date(t)),
    now - 6 * MINUTE,
  );
  await expect(table.filters.getByRole("button", { name: /^Filter by At: / })).toContainText(toTime);

  // The view is a link: a reload shows the same rows and the inputs the minutes typed.
  await page.reload();
  await expect(table.grid.getByRole("link", { name: `e2e-ops-${run}-ok-1`, exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await expect(table.grid.getByRole("link", { name: failedId, exact: true })).toHaveCount(0);
  await table.filters.getByRole("button", { name: /^Filter by At: / }).click();
  await expect(page.getByRole("dialog", { name: "Filter by At" }).getByLabel("From")).toHaveValue(from);
  await page.getByRole("button", { name: "Clear at filter" }).click();
  await expect(table.grid.getByRole("link", { name: failedId, exact: true })).toBeVisible();
});

test("a page view is in the request log, by its pattern and caller, never its query", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/account");
  const [admin] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, E2E_ADMIN.email));
  // A page view, whose query (a token, say) never reaches the log.
  const view = await page.goto(`/?token=e2e-secret-${run}`);
  const viewId = view?.headers()["x-request-id"] as string;
  expect(viewId).toMatch(/^[0-9a-f-]{36}$/);
  // Rows are written in batches after the answers: wait for it, then read it in the admin.
  await expect
    .poll(
      async () =>
        (await database.db.select().from(requestLog).where(eq(requestLog.requestId, viewId))).map(
          (row) => `${row.method} ${row.route} ${row.status} ${row.actorId === admin?.id}`,
        ),
      { timeout: 15_000 },
    )
    .toEqual(["GET / 200 true"]);
  const rows = await database.db.select().from(requestLog).where(eq(requestLog.requestId, viewId));
  expect(JSON.stringify(rows)).not.toContain(`e2e-secret-${run}`);
  await page.goto(`/admin/requestLogs?q=${viewId}`);
  await requestTable(page).grid.getByRole("link", { name: viewId }).click();
  await expect(page.getByLabel("Route", { exact: true })).toHaveValue("/", { timeout: 15_000 });
  await shoot(page, "logs-page-view");
});

test("the dashboard charts the load of the last hour and day", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
  const load = page.getByTestId("metrics-dashboard");
  await expect(load.getByTestId("chart-requests")).toBeVisible({ timeout: 15_000 });
  await expect(load.getByRole("figure", { name: "Response time (ms)" })).toBeVisible();
  await expect(load.getByRole("figure", { name: "Memory" })).toBeVisible();
  await expect(load.getByRole("button", { name: "Last hour" })).toHaveAttribute("aria-pressed", "true");
  await scrollToLoad(page);
  await shoot(page, "dashboard-load-hour");
  await expectNoSeriousA11yViolations(page, "the dashboard with its charts");
  await load.getByRole("button", { name: "Last day" }).click();
  await expect(load.getByRole("button", { name: "Last day" })).toHaveAttribute("aria-pressed", "true");
  await expect(load.getByTestId("chart-requests")).toContainText("averaged over 10 minutes");
  await scrollToLoad(page);
  await shoot(page, "dashboard-load-day");
  await shootElement(page, load, "dashboard-load-charts");

  // Below the charts, the admin's ways to take the data away: backups, the zip of every resource, the schema.
  const data = page.getByRole("region", { name: "Data" });
  await expect(data.getByRole("link", { name: "Export everything (CSV, zip)" })).toHaveAttribute("href", "/api/export");
  await expect(data.getByRole("link", { name: "Backups" })).toHaveAttribute("href", "/admin/backups");
  await shoot(page, "dashboard-data", { scrollTo: data });

  // The server's own sampler writes a row for its instance once a minute (at most a minute after it started).
  test.setTimeout(120_000);
  await expect
    .poll(
      async () => {
        const rows = await database.db
          .select({ rss: metricSamples.rssBytes })
          .from(metricSamples)
          .where(ne(metricSamples.instance, INSTANCE));
        return rows.filter((row) => (row.rss ?? 0) > 0).length;
      },
      { timeout: 75_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);
});
