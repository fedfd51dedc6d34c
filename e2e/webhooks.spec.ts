/**
 * Webhooks in the admin, on the production build: an admin registers a webhook in the generated form and is shown
 * its signing secret once; a change made in the admin reaches a receiver this spec runs on 127.0.0.1, signed with
 * that secret (checked here with an independent HMAC); the webhook's page lists the delivery live and redelivers it.
 *
 * The app runs as its own instance (e2e/support/instances.ts) with WEBHOOKS_ALLOW_PRIVATE=127.0.0.1/32, the only way a
 * delivery may reach this machine, over a database of its own: the shared e2e server runs jobs too, without that
 * allow-list, and must not pick up these deliveries.
 */
import { createHmac, randomBytes } from "node:crypto";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { createDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { users, webhooks } from "../db/schema";
import { withDatabase } from "../db/testing/urls";
import { ensureAdmin } from "../server/auth/admin";
import { type Receiver, startReceiver } from "../server/core/webhooks/testing/receiver";
import { E2E_ADMIN } from "./support/credentials";
import { e2eDatabaseUrl } from "./support/db";
import { type Instance, startInstance, stopInstance } from "./support/instances";
import { SCREENSHOTS, shoot, snap } from "./support/screenshots";
import { signIn } from "./support/session";

const DATABASE = `atrium_webhooks_e2e_${randomBytes(4).toString("hex")}`;
let receiver: Receiver;
let instance: Instance | undefined;
let database: ReturnType<typeof createDatabase> | undefined;
let context: BrowserContext;
let page: Page;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000); // a migration and a cold `next start` on a 2-core machine
  receiver = await startReceiver();
  const server = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
  await server.unsafe(`create database "${DATABASE}"`);
  await server.end();
  const url = withDatabase(e2eDatabaseUrl(), DATABASE);
  await migrateDatabase(url);
  database = createDatabase(url, { max: 2 });
  await ensureAdmin(database.db, E2E_ADMIN.email, E2E_ADMIN.password);
  instance = await startInstance("webhooks", url, {
    env: { WEBHOOKS_ALLOW_PRIVATE: "127.0.0.1/32", JOBS_POLL_SECONDS: "0.5" },
    timeoutMs: 60_000,
  });
  context = await browser.newContext({ baseURL: instance.url });
  page = await context.newPage();
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/webhooks/new");
});

test.afterAll(async () => {
  // Every step runs even if one fails: no server or database may outlive the spec.
  await context?.close();
  if (instance) await stopInstance(instance);
  await database?.close();
  await receiver?.close();
  const server = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
  await server.unsafe(`drop database if exists "${DATABASE}" with (force)`);
  await server.end();
});

let secret = "";
let webhookId = "";

test("an admin registers a webhook and is shown its secret once", async () => {
  await expect(page.getByRole("heading", { name: "New webhook" })).toBeVisible();
  await page.getByLabel("Name").fill("Receiver on this machine");
  await page.getByLabel("URL").fill(receiver.url("/e2e"));
  const resources = page.getByRole("textbox", { name: "Resources" });
  await resources.fill("users");
  await resources.press("Enter");
  for (const event of ["create", "update"]) {
    const box = page.getByRole("checkbox", { name: new RegExp(`^${event}$`, "i") });
    if (!(await box.isChecked())) await box.check();
  }
  await page.getByRole("button", { name: "Create webhook" }).click();

  const shown = page.getByTestId("webhook-secret");
  await expect(shown).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
  secret = (await shown.textContent()) ?? "";
  const [row] = await (database as NonNullable<typeof database>).db
    .select()
    .from(webhooks)
    .where(eq(webhooks.name, "Receiver on this machine"));
  expect(row?.secret).toBe(secret);
  expect(row?.secretShownAt).toBeInstanceOf(Date);
  // "Reads as" was left empty: the server put the admin who saved it there.
  const [admin] = await (database as NonNullable<typeof database>).db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, E2E_ADMIN.email));
  expect(row?.ownerId).toBe(admin?.id);
  webhookId = row?.id ?? "";
  await shoot(page, "webhook-created");

  await page.getByRole("link", { name: "Go to the webhook" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/webhooks/${webhookId}$`));
  await expect(page.getByRole("heading", { name: "Signing secret" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Deliveries" })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
});

test("a change in the admin is delivered, signed, and listed live on the webhook's page", async () => {
  const [admin] = await (database as NonNullable<typeof database>).db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, E2E_ADMIN.email));
  await page.goto(`/admin/users/${admin?.id}`);
  await page.getByLabel("Bio").fill("Changed to see a webhook go out.");
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect.poll(() => receiver.received.filter((r) => r.path === "/e2e").length, { timeout: 15_000 }).toBe(1);
  const [request] = receiver.received.filter((r) => r.path === "/e2e");
  const [, timestamp, signature] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(
    String(request?.headers["x-atrium-signature"]),
  ) as RegExpExecArray;
  expect(createHmac("sha256", secret).update(`${timestamp}.${request?.body}`).digest("hex")).toBe(signature);
  expect(JSON.parse(request?.body ?? "{}")).toMatchObject({
    type: "users.update",
    recordId: admin?.id,
    record: { bio: "Changed to see a webhook go out." },
    changes: expect.arrayContaining(["bio"]),
  });

  await page.goto(`/admin/webhooks/${webhookId}`);
  const deliveries = page.getByRole("list", { name: "Deliveries" });
  await expect(deliveries.getByRole("listitem", { name: "users.update attempt 1: succeeded" })).toBeVisible();
  await expect(deliveries).toContainText("HTTP 200");
  await page.getByRole("heading", { name: "Deliveries" }).scrollIntoViewIfNeeded();
  await shoot(page, "webhook-deliveries");
  // On a phone the list sits below the long form: the card alone, light and dark.
  const card = page.locator('[data-slot="card"]').filter({ has: page.getByRole("heading", { name: "Deliveries" }) });
  // Review screenshots only (e2e/support/screenshots.ts): `npm test` goes on without them.
  if (SCREENSHOTS) {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await snap(card, `webhook-deliveries-card-390-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  // Redelivered by hand: the same event again, and the new attempt appears without a reload.
  await deliveries.getByRole("button", { name: "Redeliver users.update (attempt 1)" }).click();
  await expect(deliveries.getByRole("listitem", { name: "users.update attempt 2: succeeded" })).toBeVisible({
    timeout: 15_000,
  });
  await expect(deliveries.getByText("by hand")).toBeVisible();
  const sent = receiver.received.filter((r) => r.path === "/e2e");
  expect(sent).toHaveLength(2);
  expect(sent[1]?.headers["x-atrium-event-id"]).toBe(sent[0]?.headers["x-atrium-event-id"]);
});

test("the list says which webhooks the delivery job disabled, and the log has every delivery", async () => {
  const [quiet] = await (database as NonNullable<typeof database>).db
    .insert(webhooks)
    .values({
      name: "Gone quiet",
      url: "https://93.184.215.14/hook",
      resources: ["users"],
      secret: "whsec_not-shown",
      active: false,
      consecutiveFailures: 20,
      disabledAt: new Date(),
      disabledReason: "Disabled after 20 failed deliveries in a row (the last: HTTP 503).",
    })
    .returning({ id: webhooks.id });
  await page.goto("/admin/webhooks");
  const notice = page.getByRole("alert").filter({ hasText: "disabled after repeated failures" });
  await expect(notice).toContainText("Gone quiet");
  await expect(notice).toContainText("HTTP 503");
  await expect(page.getByRole("link", { name: "Receiver on this machine" })).toBeVisible();
  await shoot(page, "webhooks-list");

  await notice.getByRole("link", { name: "Gone quiet" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/webhooks/${quiet?.id}$`));
  await expect(page.getByRole("alert").filter({ hasText: "This webhook was disabled" })).toContainText(
    "switch Active back on",
  );
  await shoot(page, "webhook-disabled");

  await page.goto("/admin/webhookDeliveries");
  await expect(page.getByRole("heading", { name: "Webhook deliveries" })).toBeVisible();
  await expect(page.getByText("users.update").first()).toBeVisible();
  await shoot(page, "webhook-deliveries-log");
});
