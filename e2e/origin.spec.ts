/**
 * The Origin rule and CORS against `next start` (server/http, docs/decisions/009-request-limits.md): a write carrying
 * the session cookie from a foreign Origin is refused and writes nothing; a bearer-token write is accepted from
 * anywhere; CORS answers only the origins in ALLOWED_ORIGINS (e2e/support/server.ts sets http://front.e2e.test and
 * the app's own 127.0.0.1 name), and a real browser on such an origin can call the API across origins.
 */
import { type APIRequestContext, expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { posts, users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { issueApiToken } from "../server/auth/tokens";
import { connectE2eDatabase } from "./support/db";
import { signIn } from "./support/session";

const ALLOWED = "http://front.e2e.test";
const EVIL = "http://evil.e2e.test";
const WRITER = { name: "Orla Origin", email: "orla@origin.e2e.test", password: "an-origin-password-9" };

let database: ReturnType<typeof connectE2eDatabase>;
let token: string;
test.beforeAll(async () => {
  database = connectE2eDatabase();
  // Idempotent, so the spec can run again on the same server.
  await database.db.delete(users).where(eq(users.email, WRITER.email));
  const [writer] = await database.db
    .insert(users)
    .values({
      name: WRITER.name,
      email: WRITER.email,
      role: "member",
      passwordHash: await hashPassword(WRITER.password),
    })
    .returning({ id: users.id });
  token = (
    await issueApiToken(database.db, { userId: writer?.id as string, name: "e2e", scope: "write", expiresAt: null })
  ).token;
});
test.afterAll(() => database.close());

const postBody = (title: string) =>
  superjson.serialize({ title, body: "Written in the origin spec.", status: "draft" });

async function createPost(request: APIRequestContext, title: string, headers: Record<string, string>) {
  return request.post("/api/trpc/posts.create", {
    headers: { "content-type": "application/json", ...headers },
    data: postBody(title),
  });
}

async function stored(title: string): Promise<number> {
  return (await database.db.select({ id: posts.id }).from(posts).where(eq(posts.title, title))).length;
}

test("a write with the session cookie from a foreign Origin is refused with 403 and writes nothing", async ({
  page,
}) => {
  await signIn(page, WRITER.email, WRITER.password);
  const title = `Forged ${Date.now()}`;
  // page.request carries the browser's cookies: the session, as a forged cross-site form post would.
  const forged = await createPost(page.request, title, { origin: EVIL, "sec-fetch-site": "cross-site" });
  expect(forged.status()).toBe(403);
  const body = (await forged.json()) as { error: { json: { message: string } } };
  expect(body.error.json.message).toBe("Requests from another site may not use this session.");
  expect(await stored(title)).toBe(0);

  const own = new URL(page.url()).origin;
  const honest = await createPost(page.request, `${title} (same origin)`, {
    origin: own,
    "sec-fetch-site": "same-origin",
  });
  expect(honest.status()).toBe(200);
  expect(await stored(`${title} (same origin)`)).toBe(1);
});

test("the app's own pages still write through the session (the Origin the browser sends is accepted)", async ({
  page,
}) => {
  await signIn(page, WRITER.email, WRITER.password);
  const title = `From the page ${Date.now()}`;
  const status = await page.evaluate(async (body) => {
    const res = await fetch("/api/trpc/posts.create", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return res.status;
  }, postBody(title));
  expect(status).toBe(200);
  expect(await stored(title)).toBe(1);
});

test("a bearer-token write is accepted from any origin", async ({ request }) => {
  const title = `Scripted ${Date.now()}`;
  const res = await createPost(request, title, {
    authorization: `Bearer ${token}`,
    origin: EVIL,
    "sec-fetch-site": "cross-site",
  });
  expect(res.status()).toBe(200);
  expect(await stored(title)).toBe(1);
  expect(res.headers()["access-control-allow-origin"]).toBeUndefined();
});

test("CORS answers the configured origins only, preflight included", async ({ request }) => {
  const preflight = (origin: string) =>
    request.fetch("/api/trpc/posts.create", {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
  const allowed = await preflight(ALLOWED);
  expect(allowed.status()).toBe(204);
  expect(allowed.headers()["access-control-allow-origin"]).toBe(ALLOWED);
  expect(allowed.headers()["access-control-allow-credentials"]).toBe("true");
  expect(allowed.headers()["access-control-allow-headers"]).toContain("idempotency-key");

  const refused = await preflight(EVIL);
  expect(refused.status()).toBe(403);
  expect(Object.keys(refused.headers()).filter((h) => h.startsWith("access-control-"))).toEqual([]);

  const read = await request.get("/api/trpc/posts.list", { headers: { origin: ALLOWED } });
  expect(read.headers()["access-control-allow-origin"]).toBe(ALLOWED);
  expect(read.headers().vary).toMatch(/Origin/);
  const foreignRead = await request.get("/api/trpc/posts.list", { headers: { origin: EVIL } });
  expect(Object.keys(foreignRead.headers()).filter((h) => h.startsWith("access-control-"))).toEqual([]);
});

test("a browser on an allowed origin calls the API across origins (preflighted write too); elsewhere it cannot", async ({
  page,
  baseURL,
}) => {
  const api = new URL(baseURL ?? "").origin; // http://localhost:PORT
  const port = new URL(api).port;
  // The same server under its other name is another origin, and ALLOWED_ORIGINS lists it. The page itself is a blank
  // one served by the test, so the app's own Content-Security-Policy (connect-src 'self') does not stop the fetch.
  const front = `http://127.0.0.1:${port}/cors-front-end`;
  // A page the test serves has no address; Chromium's Local Network Access then asks before it reaches a loopback
  // server. A person would click "Allow"; the test grants it.
  await page.context().grantPermissions(["local-network-access"], { origin: new URL(front).origin });
  await page.route(front, (route) => route.fulfill({ contentType: "text/html", body: "<p>Another front end</p>" }));
  await page.goto(front);
  const title = `Cross-origin ${Date.now()}`;
  const outcome = await page.evaluate(
    async ({ api, token, body }) => {
      const read = await fetch(`${api}/api/trpc/posts.list`);
      const write = await fetch(`${api}/api/trpc/posts.create`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return { read: read.status, write: write.status };
    },
    { api, token, body: postBody(title) },
  );
  expect(outcome).toEqual({ read: 200, write: 200 });
  expect(await stored(title)).toBe(1);

  // The same call from an origin that is not listed: the answer carries no CORS header, so the browser withholds it.
  const other = `http://127.0.0.2:${port}/another-site`; // loopback too, so the permission can be granted; not listed
  await page.context().grantPermissions(["local-network-access"], { origin: new URL(other).origin });
  await page.route(other, (route) => route.fulfill({ contentType: "text/html", body: "<p>Some other site</p>" }));
  await page.goto(other);
  const cors: string[] = [];
  page.on("console", (message) => cors.push(message.text()));
  const blocked = await page.evaluate(async (api) => {
    try {
      await fetch(`${api}/api/trpc/posts.list`);
      return "read";
    } catch {
      return "blocked";
    }
  }, api);
  expect(blocked).toBe("blocked");
  await expect.poll(() => cors.join("\n")).toMatch(/No 'Access-Control-Allow-Origin' header/);
});
