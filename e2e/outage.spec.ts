/**
 * A database outage as a visitor and an API client see it, on the production build: an app instance of its own whose
 * PostgreSQL connections go through a TCP proxy the test cuts (every connection reset, new ones refused, as when
 * PostgreSQL restarts), while the rest of the e2e suite keeps its database.
 *
 * - The API answers 503 with Retry-After within the bound (DATABASE_CONNECT_TIMEOUT_SECONDS), never 500, and succeeds
 *   again within 5 s of the database's return.
 * - A page loaded meanwhile says the database is unreachable (not Next's "Application error") and shows itself once
 *   the database is back, without the visitor doing anything.
 * - A live admin table whose stream is refused (503) meanwhile says "Reconnecting", comes back to "Live" by itself,
 *   and shows a post written after the outage.
 * Screenshots of the unavailable page at 1280 and 390 px, light and dark.
 */
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { apiTokens, users } from "../db/schema";
import { issueApiToken } from "../server/auth/tokens";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase, e2eDatabaseUrl } from "./support/db";
import { type Instance, startInstance, stopInstance } from "./support/instances";
import { type CuttableProxy, startProxy } from "./support/proxy";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

const BOUND_S = 2;

let database: ReturnType<typeof connectE2eDatabase>;
let dbProxy: CuttableProxy;
let instance: Instance;
let token = "";
let tokenId = "";

test.beforeAll(async () => {
  test.setTimeout(90_000);
  database = connectE2eDatabase();
  const [admin] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, E2E_ADMIN.email));
  if (!admin) throw new Error(`the e2e admin ${E2E_ADMIN.email} is missing`);
  const issued = await issueApiToken(database.db, { userId: admin.id, name: `outage ${Date.now()}`, scope: "write" });
  token = issued.token;
  tokenId = issued.record.id;
  const url = new URL(e2eDatabaseUrl());
  dbProxy = await startProxy(Number(url.port));
  url.port = String(dbProxy.port);
  instance = await startInstance("outage", url.toString(), {
    env: {
      DATABASE_CONNECT_TIMEOUT_SECONDS: String(BOUND_S),
      LIVE_STREAM_MAX_SECONDS: "5",
      AUTH_RATE_LIMIT_SIGNIN_PER_IP: "1000",
    },
  });
});

test.afterEach(async () => {
  dbProxy.up();
});

test.afterAll(async () => {
  await Promise.allSettled([instance && stopInstance(instance)]);
  await dbProxy?.close();
  if (database) {
    if (tokenId) await database.db.delete(apiTokens).where(eq(apiTokens.id, tokenId));
    await database.close();
  }
});

/** A call to the instance's API with the admin's token, timed. */
async function call(path: string, init: RequestInit = {}) {
  const started = Date.now();
  const res = await fetch(`${instance.url}/api/trpc/${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers },
  });
  const body = await res.text();
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body, ms: Date.now() - started };
}

const listPosts = () => call(`posts.list?input=${encodeURIComponent(JSON.stringify({ json: { perPage: 1 } }))}`);
const createPost = (title: string) =>
  call("posts.create", {
    method: "POST",
    body: JSON.stringify({ json: { title, body: "Written around an outage.", status: "published" } }),
  });

async function health(): Promise<number> {
  return (await fetch(`${instance.url}/api/health`)).status;
}

/** Cuts the database off and waits until the instance has noticed (its health says 503). */
async function takeDatabaseDown() {
  dbProxy.down();
  await expect.poll(health, { timeout: 10_000 }).toBe(503);
}

test("the API answers 503 with Retry-After within the bound while the database is down, and 200 soon after", async () => {
  expect((await listPosts()).status).toBe(200);
  await takeDatabaseDown();
  for (const answer of [await listPosts(), await createPost(`During ${Date.now()}`)]) {
    expect(answer.status).toBe(503);
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(answer.ms).toBeLessThan(BOUND_S * 1000 + 1000);
    expect(JSON.parse(answer.body).error.json.message).toMatch(/database is temporarily unavailable/);
    expect(answer.body).not.toMatch(/ECONN|postgres|CONNECTION_|select /i);
  }
  dbProxy.up();
  const back = Date.now();
  await expect.poll(async () => (await listPosts()).status, { timeout: 5_000, intervals: [100] }).toBe(200);
  expect(Date.now() - back).toBeLessThan(5_000);
  const created = await createPost(`After ${Date.now()}`);
  expect(created.status).toBe(200);
  expect(await health()).toBe(200);
});

test("a page loaded during the outage says so, then shows itself once the database is back", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: instance.url });
  const page = await context.newPage();
  try {
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Atrium" }).first()).toBeVisible();
    await takeDatabaseDown();
    await page.goto("/");
    const unavailable = page.getByTestId("page-unavailable");
    await expect(unavailable).toBeVisible();
    await expect(page.getByRole("heading", { name: "We can’t reach our database" })).toBeVisible();
    await expect(page.getByText("Application error")).toHaveCount(0);
    await shoot(page, "outage-page");
    dbProxy.up();
    // The page polls /api/health every 2 s and renders itself again once it answers.
    await expect(unavailable).toHaveCount(0, { timeout: 10_000 });
    await expect(page.getByRole("main")).toBeVisible();
    await expect(page.getByTestId("page-error")).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("a live admin table refused meanwhile reconnects by itself and shows what was written after", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: instance.url });
  const page = await context.newPage();
  try {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
    await page.goto("/admin/posts");
    const state = page.getByTestId("live-state");
    await expect(state).toHaveAttribute("data-state", "live");
    await takeDatabaseDown();
    // Streams last 5 s here: the next reconnect is refused with 503, which the browser's EventSource gives up on.
    await expect(state).toHaveAttribute("data-state", "reconnecting", { timeout: 15_000 });
    dbProxy.up();
    await expect(state).toHaveAttribute("data-state", "live", { timeout: 20_000 });
    const title = `After the outage ${Date.now()}`;
    expect((await createPost(title)).status).toBe(200);
    await expect(page.getByRole("table", { name: "Posts" }).getByRole("link", { name: title })).toBeVisible({
      timeout: 10_000,
    });
  } finally {
    await context.close();
  }
});
