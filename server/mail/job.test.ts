/**
 * Mail after commit, on a real PostgreSQL with the real job runtime: a message queued by a transaction that rolls back
 * is never sent; a committed one is rendered and delivered (to the dev mailbox here, no SMTP_URL) by a worker; a
 * message with an unknown template or oversized props is refused where it is queued.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devMail } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { type JobsRuntime, startJobs } from "@/server/core/jobs/runtime";
import { enqueueMail, mailJob } from "./job";

let t: TestDatabase;
let runtime: JobsRuntime;

beforeAll(async () => {
  delete process.env.SMTP_URL;
  t = await createTestDatabase();
  runtime = await startJobs({
    url: t.url,
    db: t.db,
    jobs: [mailJob],
    work: true,
    pollingIntervalSeconds: 0.5,
    log: () => {},
  });
}, 60_000);
afterAll(async () => {
  await runtime.stop(1_000);
  await t.drop();
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const mailTo = (to: string) => t.db.select().from(devMail).where(eq(devMail.to, to));
const jobsOf = async () =>
  Array.from(
    await t.db.execute<{ state: string; to: string; via: string | null }>(
      sql`select state, data->>'to' as to, output->>'via' as via from pgboss.job where name = 'mail.send' order by created_on`,
    ),
  );

describe("enqueueMail", () => {
  it("sends nothing for a transaction that rolls back, and delivers a committed message once", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueMail(tx, { to: "rolled-back@inbox.test", template: "account-deleted", props: { name: "Ada" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");

    await t.db.transaction(async (tx) => {
      await enqueueMail(tx, {
        to: "committed@inbox.test",
        template: "password-changed",
        props: {
          name: "Ada",
          when: "just now",
          ip: "203.0.113.9",
          resetUrl: "https://app.atrium.test/forgot-password",
        },
      });
    });
    const rows = await until(
      () => mailTo("committed@inbox.test"),
      (r) => r.length > 0,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject: "Your password was changed", template: "password-changed" });
    expect(rows[0]?.text).toContain("https://app.atrium.test/forgot-password");

    const jobs = await until(jobsOf, (j) => j.every((job) => job.state === "completed"));
    expect(jobs.map((j) => [j.to, j.state, j.via])).toEqual([["committed@inbox.test", "completed", "dev-mailbox"]]);
    // Workers poll every half second: a second delivery, or the rolled-back one, has had every chance to appear.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await mailTo("committed@inbox.test")).toHaveLength(1);
    expect(await mailTo("rolled-back@inbox.test")).toEqual([]);
  });

  it("refuses, where it is queued, a recipient that is not one address, an unknown template and oversized props", async () => {
    const before = (await jobsOf()).length;
    await expect(
      enqueueMail(t.db, { to: "a@inbox.test,b@inbox.test", template: "account-deleted", props: { name: "Ada" } }),
    ).rejects.toThrow();
    await expect(
      // @ts-expect-error not a template
      enqueueMail(t.db, { to: "a@inbox.test", template: "no-such-template", props: { name: "Ada" } }),
    ).rejects.toThrow();
    await expect(
      enqueueMail(t.db, { to: "a@inbox.test", template: "account-deleted", props: { name: "x".repeat(5_000) } }),
    ).rejects.toThrow();
    expect((await jobsOf()).length).toBe(before);
  });

  it("checks each template's props at compile time", () => {
    // Only types are checked here: the calls are never made.
    const typeOnly = (_call: () => unknown) => {};
    // @ts-expect-error verify-email needs a url and expiresInMinutes
    typeOnly(() => enqueueMail(t.db, { to: "a@inbox.test", template: "verify-email", props: { name: "Ada" } }));
    typeOnly(() =>
      enqueueMail(t.db, {
        to: "a@inbox.test",
        template: "two-factor-changed",
        // @ts-expect-error change is a string
        props: { name: "Ada", change: 1 },
      }),
    );
    expect(true).toBe(true);
  });
});
