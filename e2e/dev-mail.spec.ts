/**
 * The dev mailbox against the real production server (no SMTP_URL): two "mail.send" jobs are queued as any process
 * would queue them, the server's in-process workers render them with React Email and keep them in dev_mail (so
 * rendering works where jobs run, inside `next start`); /dev/mail lists them newest first and filters by recipient;
 * a message shows its headers, its HTML in a sandboxed frame (a script in it never runs), its plain text and its
 * links; "Clear mailbox" empties it. Screenshots at 1280 and 390 px, light and dark; axe on both pages.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import PgBoss from "pg-boss";
import { devMail } from "../db/schema";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { connectE2eDatabase, e2eDatabaseUrl } from "./support/db";
import { linkIn, waitForMail } from "./support/mailbox";
import { shoot } from "./support/screenshots";

const VERIFY_TO = "erin.e2e@mail.example.test";
const CHANGED_TO = "finn.e2e@mail.example.test";
const HOSTILE_TO = "hostile.e2e@mail.example.test";

let handle: ReturnType<typeof connectE2eDatabase>;

test.beforeAll(() => {
  handle = connectE2eDatabase();
});
test.afterAll(async () => {
  await handle.close();
});

/** Queues a "mail.send" job through pg-boss on a pool of its own, as a script or another instance would. */
async function queueMail(data: { to: string; template: string; props: Record<string, string | number> }) {
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
    const id = await boss.send("mail.send", data);
    expect(id, "the mail.send queue exists on the server").toBeTruthy();
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}

test("mail sent by the server's job lands in the dev mailbox, and the mailbox shows it safely", async ({
  page,
  baseURL,
}) => {
  const since = new Date(Date.now() - 1_000);
  // A link as the server's jobs write them (appUrl: http://localhost:$PORT here, as APP_URL is not set).
  const link = `${baseURL}/verify-email?token=e2e-token-1`;
  await queueMail({
    to: VERIFY_TO,
    template: "verify-email",
    props: {
      name: "Erin <b>E2E</b>",
      url: link,
      expiresInMinutes: 60,
    },
  });
  const verify = await waitForMail(VERIFY_TO, "verify-email", { after: since });
  expect(verify.subject).toBe("Confirm your email address");
  expect(linkIn(verify, "/verify-email")).toBe("/verify-email?token=e2e-token-1");
  // The name is data: escaped in the HTML, as written in the text.
  expect(verify.html).toContain("Erin &lt;b&gt;E2E&lt;/b&gt;");
  expect(verify.text).toContain("Hi Erin <b>E2E</b>,");

  await queueMail({
    to: CHANGED_TO,
    template: "password-changed",
    props: {
      name: "Finn",
      when: "today, 09:30 UTC",
      ip: "203.0.113.7",
      resetUrl: `${baseURL}/forgot-password`,
    },
  });
  await waitForMail(CHANGED_TO, "password-changed", { after: since });

  // A message whose HTML tries to run a script in the page: the sandboxed frame runs none.
  await handle.db.insert(devMail).values({
    to: HOSTILE_TO,
    from: "Atrium <no-reply@atrium.localhost>",
    subject: "A hostile message",
    template: "account-deleted",
    html: `<html><body><h1>Hostile</h1><script>parent.document.body.dataset.pwned = "yes"; document.title = "pwned";</script><img src="x" onerror="parent.document.body.dataset.pwned='img'"></body></html>`,
    text: "Hostile",
  });

  await page.goto("/dev/mail");
  await expect(page.getByRole("heading", { name: "Mailbox", level: 1 })).toBeVisible();
  // Other specs share the server and its mailbox: this spec's messages are told apart by their recipients.
  const messages = page.getByRole("list").filter({ hasText: "Confirm your email address" });
  const to = (address: string) => messages.getByRole("listitem").filter({ hasText: address });
  await expect(to(VERIFY_TO).getByRole("link", { name: /Confirm your email address/ })).toBeVisible();
  await expect(to(CHANGED_TO).getByRole("link", { name: /Your password was changed/ })).toBeVisible();
  // Newest first.
  await expect(messages.getByRole("listitem").first()).toContainText("A hostile message");
  await expectNoSeriousA11yViolations(page, "the dev mailbox");
  await shoot(page, "dev-mail-list");

  // Filtered by recipient, through the form (?to=).
  await page.getByLabel("Recipient").fill("erin.e2e");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/dev\/mail\?to=erin\.e2e/);
  await expect(page.getByRole("link", { name: /Confirm your email address/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Your password was changed/ })).toHaveCount(0);
  await page.goto("/dev/mail?to=nobody-at-all");
  await expect(page.getByText("No mail to addresses containing “nobody-at-all”.")).toBeVisible();

  await page.goto("/dev/mail?to=erin.e2e");
  await page.getByRole("link", { name: /Confirm your email address/ }).click();
  await expect(page.getByRole("heading", { name: "Confirm your email address", level: 1 })).toBeVisible();
  await expect(page.getByText(VERIFY_TO)).toBeVisible();
  const frame = page.locator("iframe");
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(page.frameLocator("iframe").getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await expect(page.frameLocator("iframe").getByRole("link", { name: "Confirm email address" })).toBeVisible();
  // The frame cannot open links; the page lists them, a link to this app as a path on this server.
  await expect(page.getByRole("link", { name: link })).toHaveAttribute("href", "/verify-email?token=e2e-token-1");
  // The message's own HTML is left out: axe cannot run inside a frame that runs no script (it waits for it), and
  // the mail is not the app's page.
  const scan = await new AxeBuilder({ page }).exclude("iframe").analyze();
  expect(
    scan.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
    "a message in the dev mailbox",
  ).toEqual([]);
  await shoot(page, "dev-mail-message");

  await page.getByRole("tab", { name: "Plain text" }).click();
  const text = page.getByRole("tabpanel", { name: "Plain text" });
  await expect(text).toContainText("Hi Erin <b>E2E</b>,");
  await expect(text).toContainText(`Confirm email address ${link}`);
  await shoot(page, "dev-mail-text");

  // The hostile message renders, and its script and handler never run: not in the frame, not in the page.
  await page.goto("/dev/mail?to=hostile.e2e");
  await page.getByRole("link", { name: /A hostile message/ }).click();
  await expect(page.frameLocator("iframe").getByRole("heading", { name: "Hostile" })).toBeVisible();
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => document.body.dataset.pwned ?? null)).toBeNull();
  expect(await page.title()).not.toBe("pwned");

  // Clearing empties the mailbox, and the page says what to do next.
  await page.goto("/dev/mail");
  await page.getByRole("button", { name: "Clear mailbox" }).click();
  await expect(page.getByText("No mail yet.")).toBeVisible();
  expect(await handle.db.select({ id: devMail.id }).from(devMail).where(eq(devMail.to, VERIFY_TO))).toEqual([]);
  await expectNoSeriousA11yViolations(page, "the empty dev mailbox");
  await shoot(page, "dev-mail-empty");
});

test("an unknown or malformed message id answers 404", async ({ page }) => {
  expect((await page.goto("/dev/mail/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
  expect((await page.goto("/dev/mail/not-a-uuid"))?.status()).toBe(404);
});
