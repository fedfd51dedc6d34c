/**
 * The admin's Jobs page against the real server, its in-process workers and a real browser: the demo's weekly digest
 * fails for a real reason (its "digest" tag does not exist yet), the page shows it without a reload, the admin
 * creates the tag's cause away and retries the job from the page, and watches it complete; a waiting job is
 * cancelled. Each action is checked in pg-boss's tables and the audit trail afterwards.
 */
import { expect, type Page, test } from "@playwright/test";
import { and, eq, sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import { announcements, auditLog, posts, postTags, tags, users } from "../db/schema";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase, e2eDatabaseUrl } from "./support/db";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

const DIGEST = "blog.weekly-digest";
let handle: ReturnType<typeof connectE2eDatabase>;

test.beforeAll(() => {
  handle = connectE2eDatabase();
});
test.afterAll(async () => {
  await handle.close();
});

/** Sends a job as any other process would (the schedule's tick, a script): through pg-boss, on its own pool. */
async function send(data: object, options: PgBoss.SendOptions = {}): Promise<string> {
  const boss = new PgBoss({
    connectionString: e2eDatabaseUrl(),
    schema: "pgboss",
    max: 1,
    migrate: false,
    supervise: false,
    schedule: false,
  });
  boss.on("error", () => {});
  await boss.start();
  try {
    const id = await boss.send(DIGEST, data, options);
    if (!id) throw new Error(`${DIGEST} was not queued: is its queue there yet?`);
    return id;
  } finally {
    await boss.stop({ graceful: false, close: true, wait: true });
  }
}

/** The row of one job in one of the page's tables. */
const jobRow = (page: Page, table: "Failed jobs" | "Recent jobs", id: string) =>
  page.getByRole("table", { name: table }).locator(`[data-job-id="${id}"]`);

test("an admin watches the weekly digest fail, fixes its cause, retries it from the Jobs page and sees it complete", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/jobs");
  await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Jobs" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByTestId("queue-row").filter({ hasText: DIGEST })).toBeVisible();

  // The schedule: Mondays at 08:00 UTC, so the next run is a Monday 08:00 UTC within the coming week.
  const nextRun = page.getByTestId("schedule-row").filter({ hasText: DIGEST }).getByTestId("schedule-next-run");
  await expect(nextRun).toContainText(/in \d+ (days?|hours?|minutes?)|tomorrow/);
  const at = new Date((await nextRun.locator("time").getAttribute("datetime")) as string);
  expect([at.getUTCDay(), at.getUTCHours(), at.getUTCMinutes()]).toEqual([1, 8, 0]);
  expect(at.getTime() - Date.now()).toBeGreaterThan(0);
  expect(at.getTime() - Date.now()).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);

  // The tick comes: there is no "digest" tag, so both attempts fail, and the page shows it without a reload.
  const id = await send({ tag: "digest", days: 7 });
  const failed = jobRow(page, "Failed jobs", id);
  await expect(failed).toBeVisible({ timeout: 30_000 });
  await expect(failed.getByTestId("job-error")).toContainText('There is no tag "digest" yet');
  await expect(failed.getByTestId("job-attempts")).toHaveText("2 of 2");
  await expect(failed.getByTestId("job-input")).toContainText('"tag": "digest"');
  await expect(page.getByTestId("queue-row").filter({ hasText: DIGEST }).getByTestId("count-failed")).not.toHaveText(
    "0",
  );
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await expectNoSeriousA11yViolations(page, "the Jobs page with a failed job");
  await shoot(page, "jobs");

  // The cause, fixed: the tag exists and a fresh post carries it.
  const db = handle.db;
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, E2E_ADMIN.email));
  const [tag] = await db.insert(tags).values({ name: "Digest", slug: "digest" }).returning({ id: tags.id });
  const [post] = await db
    .insert(posts)
    .values({
      title: "Picked for the digest by the jobs test",
      slug: `picked-for-the-digest-${Date.now()}`,
      body: "A post the weekly digest should name.",
      status: "published",
      publishedAt: new Date(),
      authorId: admin?.id as string,
    })
    .returning({ id: posts.id });
  await db.insert(postTags).values({ postId: post?.id as string, tagId: tag?.id as string });

  await failed.getByRole("button", { name: /^Retry job/ }).click();
  await expect(page.getByText(`${DIGEST}: retrying`)).toBeVisible();
  await expect(failed).toHaveCount(0, { timeout: 30_000 });
  const recent = jobRow(page, "Recent jobs", id);
  await expect(recent.getByTestId("job-state")).toHaveText("Completed", { timeout: 30_000 });
  await expect(recent.getByTestId("job-attempts")).toHaveText("3 of 3");

  // In the database: the job completed with its result, one audit entry by the admin, the banner written.
  const [row] = await db.execute<{ state: string; posts: number; announcement: string }>(
    sql`select state, (output->>'posts')::int as posts, output->>'announcementId' as announcement
        from pgboss.job where id = ${id}`,
  );
  expect(row?.state).toBe("completed");
  expect(row?.posts).toBeGreaterThanOrEqual(1);
  const entries = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.resource, "jobs"), eq(auditLog.recordId, id)));
  expect(entries).toEqual([
    expect.objectContaining({
      operation: "retry",
      actorKind: "user",
      actorId: admin?.id,
      before: { queue: DIGEST, state: "failed" },
      after: { queue: DIGEST, state: "retry" },
    }),
  ]);
  const [banner] = await db
    .select({ message: announcements.message })
    .from(announcements)
    .where(eq(announcements.id, row?.announcement as string));
  expect(banner?.message).toContain("Picked for the digest by the jobs test");

  // The job's own page, where the audit log links, shows the whole story.
  await page.goto(`/admin/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveText("Completed");
  await expect(page.getByRole("region", { name: "Result" })).toContainText('"posts"');
  await expect(page.getByTestId("job-audit-entry")).toContainText("retry");
  await expect(page.getByTestId("job-audit-entry")).toContainText("failed → retry");
  await expectNoSeriousA11yViolations(page, "a job's page");
  await shoot(page, "job-detail");

  // The audit log names the retry and links to the job.
  await page.goto("/admin/audit");
  const entry = page.getByTestId("audit-entry").filter({ has: page.locator(`a[href="/admin/jobs/${id}"]`) });
  await expect(entry).toContainText("retry");
  await expect(entry).toContainText("failed");
  await shoot(page, "jobs-audit");
});

test("an admin cancels a waiting job from the Jobs page", async ({ page }) => {
  const id = await send({ tag: "digest", days: 7 }, { startAfter: 3600 });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/jobs?queue=${DIGEST}&state=created`);
  const row = jobRow(page, "Recent jobs", id);
  await expect(row.getByTestId("job-state")).toHaveText("Waiting");
  await expect(row).toContainText(/runs in (1 hour|\d+ minutes)/);
  await row.getByRole("button", { name: /^Cancel job/ }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("It will not run.");
  await dialog.getByRole("button", { name: "Cancel job" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${DIGEST}: cancelled`)).toBeVisible();
  // The filter still asks for waiting jobs: the cancelled one leaves the list.
  await expect(page.getByRole("table", { name: "Recent jobs" })).toBeVisible();
  await expect(row).toHaveCount(0);
  const [job] = await handle.db.execute<{ state: string }>(sql`select state from pgboss.job where id = ${id}`);
  expect(job?.state).toBe("cancelled");
  const entries = await handle.db
    .select({ operation: auditLog.operation, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.resource, "jobs"), eq(auditLog.recordId, id)));
  expect(entries).toEqual([
    { operation: "cancel", before: { queue: DIGEST, state: "created" }, after: { queue: DIGEST, state: "cancelled" } },
  ]);
});
