/**
 * Tasks in Chromium against `next start`, whose process runs the jobs: an admin starts the demo's recount from the
 * posts table, and another admin's open Task runs page shows the run arrive and finish without a reload; the run's
 * page shows every state it went through. A failed run's alarm shows on the dashboard live, and goes once an admin
 * acknowledges it on the run's page. Screenshots at 1280 and 390 px, light and dark.
 */
import { type Browser, expect, type Page, test } from "@playwright/test";
import { asc, eq } from "drizzle-orm";
import { auditLog, taskRuns } from "../db/schema";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

async function admin(browser: Browser, then: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, then);
  return page;
}

const markSameDocument = (page: Page) =>
  page.evaluate(() => document.documentElement.setAttribute("data-e2e-same-document", "yes"));
const stillSameDocument = (page: Page) => expect(page.locator("html")).toHaveAttribute("data-e2e-same-document", "yes");

test("a recount started from the posts table arrives live in Task runs, finishes, and its page shows its states", async ({
  browser,
}) => {
  const watcher = await admin(browser, "/admin/taskRuns");
  const table = watcher.getByRole("region", { name: "Task runs table" });
  await expect(table).toBeVisible();
  await markSameDocument(watcher);

  // The run this test starts, told apart from any other: the server's scheduler runs the same task nightly at 03:00
  // UTC, so a suite running then finds a nightly run beside it.
  const recounts = () => database.db.select().from(taskRuns).where(eq(taskRuns.task, "posts.recount"));
  const earlier = new Set((await recounts()).map((r) => r.id));
  const starter = await admin(browser, "/admin/posts");
  await starter.getByRole("button", { name: "Recount statistics" }).click();
  await expect(starter.locator("[data-sonner-toast]").filter({ hasText: "Recount started" })).toBeVisible();
  let runId = "";
  await expect
    .poll(async () => {
      const started = (await recounts()).filter(
        (r) => !earlier.has(r.id) && (r.input as { reason?: string }).reason === "manual",
      );
      runId = started[0]?.id ?? "";
      return started.length;
    })
    .toBe(1);

  // The watcher's table gains the run and follows it to the end, without a reload.
  const row = table.getByRole("row").filter({ has: watcher.locator(`a[href="/admin/taskRuns/${runId}"]`) });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText("Succeeded", { timeout: 20_000 });
  await stillSameDocument(watcher);
  const [run] = await database.db.select().from(taskRuns).where(eq(taskRuns.id, runId));
  expect(run).toMatchObject({ state: "done", status: "succeeded", input: { reason: "manual" } });
  expect(run?.data).toHaveProperty("topAuthors");
  await shoot(watcher, "tasks-runs-table");

  // Its page: the result, and a history entry for each state it went through (audited as the task).
  await watcher.goto(`/admin/taskRuns/${run?.id}`);
  const history = watcher.getByTestId("record-history");
  for (const [from, to] of [
    ["queued", "counting"],
    ["counting", "ranking"],
    ["ranking", "done"],
  ]) {
    await expect(history).toContainText(new RegExp(`State:\\s*from ${from}\\s*→\\s*to ${to}`));
  }
  const entries = await database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.recordId, run?.id as string))
    // In the order they were written (the id is a sequence): without it PostgreSQL may return them in any order.
    .orderBy(asc(auditLog.id));
  expect(entries.map((e) => (e.after as { state?: string } | null)?.state).filter(Boolean)).toEqual([
    "queued",
    "counting",
    "ranking",
    "done",
  ]);
  await expectNoSeriousA11yViolations(watcher, "a task run's page");
  await shoot(watcher, "tasks-run-page");
  await watcher.context().close();
  await starter.context().close();
});

test("a failed run's alarm shows on the dashboard live, and goes once an admin acknowledges it", async ({
  browser,
}) => {
  const dashboard = await admin(browser, "/admin");
  await expect(dashboard.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await markSameDocument(dashboard);
  await expect(dashboard.getByTestId("task-alarms")).toHaveCount(0);

  // A run fails (here written as the engine would leave it; the engine's own failures are tested in vitest).
  const [failed] = await database.db
    .insert(taskRuns)
    .values({
      task: "posts.recount",
      state: "failed",
      status: "failed",
      input: { reason: "nightly" },
      error: 'the step of "counting" took longer than its timeout of 120 s',
      alarmAt: new Date(),
      finishedAt: new Date(),
    })
    .returning({ id: taskRuns.id });
  // Live events come from engine writes; a row written behind the engine's back shows on the next refetch instead.
  await dashboard.reload();
  const notice = dashboard.getByTestId("task-alarms");
  await expect(notice).toContainText("A task failed and needs a look");
  await expect(notice).toContainText("took longer than its timeout of 120 s");
  await markSameDocument(dashboard);
  await shoot(dashboard, "tasks-alarm-dashboard");

  const runPage = await admin(browser, `/admin/taskRuns/${failed?.id}`);
  await runPage.getByRole("group", { name: "Actions" }).getByRole("button", { name: "Acknowledge alarm" }).click();
  await expect(runPage.locator("[data-sonner-toast]").filter({ hasText: "Alarm acknowledged" })).toBeVisible();
  await expect
    .poll(
      async () =>
        (
          await database.db
            .select()
            .from(taskRuns)
            .where(eq(taskRuns.id, failed?.id as string))
        )[0],
    )
    .toMatchObject({ alarmAcknowledgedAt: expect.any(Date) });
  // The acknowledgement is an engine write: the dashboard drops the alarm without a reload.
  await expect(notice).toHaveCount(0, { timeout: 10_000 });
  await stillSameDocument(dashboard);
  await runPage.context().close();
  await dashboard.context().close();
});
