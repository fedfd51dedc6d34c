/**
 * Secure defaults on every response, against `next start` (docs/decisions/010-security-headers.md): the security
 * headers on pages, the API, a live stream and static files; HSTS on every production response; no page can be framed; the
 * developer pages 404 in production; a member gets a real 403 on /admin with a page that says why; a server action
 * posted from another site gets a plain 403 instead of a 500. Screenshots of the 403 page at desktop and phone width,
 * light and dark.
 */
import { expect, type Page, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase, e2eDatabaseUrl } from "./support/db";
import { type Instance, startInstance, stopInstance } from "./support/instances";
import { SCREENSHOTS, snap } from "./support/screenshots";
import { signIn } from "./support/session";
import { SseStream, subscriptionUrl } from "./support/sse";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const MEMBER = { name: "Hedda Headers", email: "hedda@headers.e2e.test", password: "a-member-password-4" };

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(async () => {
  database = connectE2eDatabase();
  // Idempotent, so the spec can run again (--repeat-each) on the same server.
  await database.db.delete(users).where(eq(users.email, MEMBER.email));
  await database.db.insert(users).values({
    name: MEMBER.name,
    email: MEMBER.email,
    role: "member",
    passwordHash: await hashPassword(MEMBER.password),
  });
});
test.afterAll(() => database.close());

/** Every response carries these, whatever it is. */
function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers["content-security-policy"] ?? "";
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
    expect(csp, `${what}: CSP has ${directive}`).toContain(directive);
  }
  expect(csp, `${what}: no eval in production`).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  for (const feature of ["camera=()", "microphone=()", "geolocation=()"]) {
    expect(headers["permissions-policy"], `${what}: ${feature}`).toContain(feature);
  }
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["cross-origin-opener-policy"], what).toBe("same-origin");
}

/** The action id of the sign-in form, as React writes it into the page for a form posted without JavaScript. */
async function signInActionId(page: Page): Promise<string> {
  const html = await (await page.request.get("/sign-in")).text();
  const id = html.replaceAll("&quot;", '"').match(/"id":"([0-9a-f]{20,})"/)?.[1];
  if (!id) throw new Error("no server action id on /sign-in");
  return id;
}

test("pages, the API, live streams and static files carry the security headers", async ({ page }) => {
  const paths = ["/", "/admin", "/sign-in", "/api/trpc/posts.list", "/api/health", "/icon.svg", "/no-such-page"];
  for (const path of paths) {
    // Not following redirects: /admin sends a visitor to sign in, and that answer must carry them too.
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBeLessThan(500);
    expectSecurityHeaders(res.headers(), path);
  }

  const html = await (await page.request.get("/")).text();
  const script = html.match(/src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
  expect(script, "a script of the home page").toBeTruthy();
  const asset = await page.request.get(script as string);
  expect(asset.status()).toBe(200);
  expectSecurityHeaders(asset.headers(), script as string);

  // As the signed-in admin too: the admin itself, not only the redirect to sign in.
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
  const admin = await page.request.get("/admin");
  expect(admin.status()).toBe(200);
  expectSecurityHeaders(admin.headers(), "/admin as the admin");

  // A live stream keeps streaming with them: the `ready` event arrives, as an event stream.
  const baseURL = test.info().project.use.baseURL as string;
  const stream = await SseStream.open(subscriptionUrl(baseURL, "posts.onChange", {}));
  try {
    await stream.ready();
  } finally {
    stream.close();
  }
  const live = await fetch(subscriptionUrl(baseURL, "posts.onChange", {}), {
    headers: { accept: "text/event-stream" },
    signal: AbortSignal.timeout(5_000),
  });
  expect(live.headers.get("content-type")).toMatch(/^text\/event-stream/);
  expectSecurityHeaders(Object.fromEntries(live.headers), "posts.onChange");
  await live.body?.cancel();
});

test("a production build sends HSTS on every response (browsers apply it only over https)", async ({ request }) => {
  for (const path of ["/", "/sign-in", "/admin", "/api/health", "/api/trpc/posts.list", "/icon.svg"]) {
    for (const proto of ["https", "http"]) {
      const res = await request.get(path, { headers: { "x-forwarded-proto": proto }, maxRedirects: 0 });
      expect(res.headers()["strict-transport-security"], `${path} (${proto})`).toBe(
        "max-age=63072000; includeSubDomains",
      );
    }
  }
});

test("no page can be framed by another site, and pages raise no CSP violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy|Refused to|Permissions-Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Latest posts" })).toBeVisible();
  await page.goto("/sign-in");
  await expect(page.getByRole("form", { name: "Sign in" })).toBeVisible();
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  // Hydrated, so the inline scripts ran: the theme toggle (a client component) answers.
  await page.getByRole("button", { name: "Toggle dark mode" }).first().click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  expect(violations).toEqual([]);

  // A page of another origin that tries to frame the sign-in page and the admin.
  const baseURL = test.info().project.use.baseURL as string;
  await page.route("http://framer.example/", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>framer</title><iframe name="signin" src="${baseURL}/sign-in"></iframe><iframe name="admin" src="${baseURL}/admin"></iframe><iframe name="control" src="/inner"></iframe>`,
    }),
  );
  await page.route("http://framer.example/inner", (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><p>framed fine</p>" }),
  );
  await page.goto("http://framer.example/");
  // The control: a page that allows framing does load here, so a blocked frame below is the headers' doing.
  await expect(page.frameLocator("iframe[name=control]").getByText("framed fine")).toBeVisible();
  for (const name of ["signin", "admin"]) {
    const frame = page.frame({ name });
    expect(frame, `the ${name} frame element exists`).not.toBeNull();
    // Blocked by frame-ancestors: Chromium leaves its own error page in the frame, never the app.
    await expect.poll(() => frame?.url()).not.toContain(baseURL);
    await expect(page.frameLocator(`iframe[name=${name}]`).getByRole("form", { name: "Sign in" })).toHaveCount(0);
  }
});

test.describe("a production server without the developer-pages switch", () => {
  let instance: Instance | undefined;
  test.beforeAll(async () => {
    test.setTimeout(60_000); // a cold `next start` on a busy machine
    instance = await startInstance("no-dev-pages", e2eDatabaseUrl(), { env: { ATRIUM_DEV_PAGES: "0" } });
  });
  test.afterAll(async () => {
    if (instance) await stopInstance(instance);
  });

  test("answers 404 for the developer pages", async ({ request }) => {
    for (const path of ["/ui-kit", "/dev/forms", "/dev/tables"]) {
      const res = await request.get(`${instance?.url}${path}`, { maxRedirects: 0 });
      expect(res.status(), path).toBe(404);
      expectSecurityHeaders(res.headers(), path);
      expect(await res.text(), path).not.toContain("Developer page");
    }
  });
});

test("a member gets 403 on /admin with a page that says who may enter, and can switch account", async ({ page }) => {
  await signIn(page, MEMBER.email, MEMBER.password);
  for (const path of ["/admin", "/admin/posts", "/admin/users"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    expectSecurityHeaders(response?.headers() ?? {}, path);
  }
  const refusal = page.getByTestId("admin-forbidden");
  await expect(refusal.getByRole("heading", { level: 1 })).toHaveText("The admin is for editors and admins");
  await expect(refusal).toContainText("Your account does not have the editor or admin role");
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);

  // Review screenshots only (e2e/support/screenshots.ts): `npm test` goes on without them.
  if (SCREENSHOTS) {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      for (const [width, size] of [
        ["1280", DESKTOP],
        ["390", PHONE],
      ] as const) {
        await page.setViewportSize(size);
        await snap(page, `admin-forbidden-${width}-${colorScheme}`, { fullPage: true });
      }
    }
    await page.setViewportSize(DESKTOP);
    await page.emulateMedia({ colorScheme: "light" });
  }

  await expect(refusal.getByRole("link", { name: "Back to the site" })).toHaveAttribute("href", "/");
  await refusal.getByRole("button", { name: "Sign in as someone else" }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin$/);
  const form = page.getByRole("form", { name: "Sign in" });
  await form.getByLabel("Email").fill(E2E_ADMIN.email);
  await form.getByLabel("Password").fill(E2E_ADMIN.password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
});

test("a server action posted from another site gets a plain 403, from this site it runs", async ({ page }) => {
  const id = await signInActionId(page);
  const baseURL = test.info().project.use.baseURL as string;
  // The sign-in action with an empty form: it answers with field errors when it runs.
  const post = (origin: string | undefined, extra: Record<string, string> = {}) =>
    page.request.post("/sign-in", {
      headers: {
        "next-action": id,
        "content-type": "text/plain;charset=UTF-8",
        ...(origin ? { origin } : {}),
        ...extra,
      },
      data: '[{},"$K1"]',
      maxRedirects: 0,
    });

  for (const origin of ["http://evil.example", "null", `http://localhost.evil.example`, "not a url"]) {
    const refused = await post(origin);
    expect(refused.status(), origin).toBe(403);
    expect(refused.headers()["content-type"]).toMatch(/^text\/plain/);
    const body = await refused.text();
    expect(body.length, origin).toBeLessThan(100);
    expect(body).toMatch(/^Forbidden/);
  }

  const allowed = await post(baseURL);
  expect(allowed.status()).toBe(200);
  expect(await allowed.text()).toContain("Enter your email.");
  // A reverse proxy that names the public host: the Origin is compared with it, as Next does.
  const proxied = await post("https://atrium.example", { "x-forwarded-host": "atrium.example" });
  expect(proxied.status()).toBe(200);

  // Posted as a plain HTML form would be, without JavaScript (multipart, no next-action header).
  const multipart = await page.request.post("/sign-in", {
    headers: { origin: "http://evil.example" },
    multipart: { [`$ACTION_ID_${id}`]: "", email: "x@example.com", password: "x" },
    maxRedirects: 0,
  });
  expect(multipart.status()).toBe(403);
});
