/**
 * The API docs page (/api/docs, app/api/docs/): Scalar's reference over GET /api/openapi.json, with everything it
 * loads served by the app itself (it works offline) and nothing refused by the Content-Security-Policy. Anonymous
 * callers see the public resources; a signed-in admin's cookie goes along with the document's fetch, so the page
 * shows the admin-only resources too. Light or dark follows the system.
 */
import { expect, type Page, test } from "@playwright/test";
import { E2E_ADMIN } from "./support/credentials";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

/** Scalar renders each tag's endpoints in a list labelled "<tag> endpoints" once the page is idle (its lazy sections). */
const endpointsOf = (page: Page, tag: string) => page.locator(`ul[aria-label="${tag} endpoints" i]`);

/** Everything the page asks for that is not on this origin, and every error it reports. */
function watch(page: Page, origin: string) {
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => {
    const url = request.url();
    // data: and blob: URLs never leave the browser.
    if (!url.startsWith(`${origin}/`) && !/^(?:data|blob):/.test(url)) foreign.push(url);
  });
  page.on("console", (message) => message.type() === "error" && errors.push(`console: ${message.text()}`));
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("response", (response) => response.status() >= 400 && errors.push(`${response.status()} ${response.url()}`));
  return { foreign, errors };
}

function originOf(baseURL: string | undefined): string {
  if (!baseURL) throw new Error("playwright.config.ts sets a baseURL");
  return new URL(baseURL).origin;
}

test("lists the posts operations from the app's own origin, with no error and no foreign request", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const seen = watch(page, originOf(baseURL));
  const bundle = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/docs/scalar.js");
  const document = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/openapi.json");

  await page.goto("/api/docs");
  await expect(page).toHaveTitle("Atrium API");
  const script = await bundle;
  expect(script.status()).toBe(200);
  expect(script.headers()["content-type"]).toMatch(/^text\/javascript/);
  expect(script.headers()["cache-control"]).toContain("immutable");
  expect((await document).status()).toBe(200);

  await expect(endpointsOf(page, "posts").getByText("/posts", { exact: true }).first()).toBeVisible({
    timeout: 30_000,
  });
  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
  await shoot(page, "api-docs");
});

test("a signed-in admin's page shows the admin-only resources: the cookie goes with the document", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(60_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const seen = watch(page, originOf(baseURL));
  await page.goto("/api/docs");
  await expect(endpointsOf(page, "requestLogs").first()).toBeVisible({ timeout: 30_000 });
  await expect(endpointsOf(page, "posts").getByText("/posts", { exact: true }).first()).toBeVisible();
  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test("follows the system's light or dark setting", async ({ page }) => {
  test.setTimeout(60_000);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/api/docs");
  const body = page.locator("body");
  await expect(body).toHaveClass(/\bdark-mode\b/, { timeout: 30_000 });
  await page.emulateMedia({ colorScheme: "light" });
  await expect(body).toHaveClass(/\blight-mode\b/);
});
