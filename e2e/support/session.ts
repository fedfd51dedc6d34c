/**
 * Signing in for specs that need a signed-in browser. The sign-in page itself (form, server action, errors, second
 * factor, rate limit) is what e2e/auth.spec.ts and e2e/accounts.spec.ts test, through their own form helpers; here it
 * is setup, done the way the form's server action does it underneath: Auth.js's credentials callback, which checks the
 * password, the blocked flag and the rate limits and opens a database session like any other.
 */
import { expect, type Page } from "@playwright/test";

/**
 * Signs the page's browser context in and opens `then` (default "/"), waiting until the page is not a sign-in page.
 * Through Auth.js's own endpoints (GET csrf, POST the credentials callback), as a browser posting the form would:
 * the session cookie lands in the context, so every page of it is signed in. About a second and a half quicker per
 * call than rendering and filling the sign-in page, which some 75 tests did before their real work.
 */
export async function signIn(page: Page, email: string, password: string, then?: string) {
  const request = page.context().request;
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.ok(), "GET /api/auth/csrf").toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: then ?? "/" },
    maxRedirects: 0,
  });
  // Auth.js answers a sign-in with a redirect: to the callback URL when it worked, to /sign-in?error=... when not.
  expect(answer.status(), `sign-in of ${email}`).toBe(302);
  expect(answer.headers().location ?? "", `sign-in of ${email}`).not.toMatch(/[?&]error=/);
  await page.goto(then ?? "/");
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** The error FormField shows under a control (its id plus "-error", see components/ui/form-field). */
export async function fieldError(page: Page, control: ReturnType<Page["getByLabel"]>) {
  return page.locator(`[id="${await control.getAttribute("id")}-error"]`);
}
