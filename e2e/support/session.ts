/**
 * Signing in for the specs that need a signed-in browser: through Auth.js's own credentials endpoint, the one the
 * sign-in form's action calls, with the same checks (password, lockout, blocked, rate limits). The form itself is
 * what e2e/auth.spec.ts tests, as a person uses it; the other specs skip loading it, about half a second each (87
 * sign-ins a run, measured 1.7 s through the form against 1.15 s here).
 */
import { expect, type Page } from "@playwright/test";

/** Signs in as `email` and opens `then` (the home page if left out); fails if the sign-in was refused. */
export async function signIn(page: Page, email: string, password: string, then = "/") {
  const request = page.context().request;
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const answer = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: then },
    maxRedirects: 0,
  });
  // Accepted or refused, Auth.js redirects: a refusal goes back to the sign-in page with its error.
  expect(answer.status(), `signing in as ${email}`).toBe(302);
  expect(answer.headers().location ?? "", `signing in as ${email}`).not.toMatch(/\/sign-in/);
  await page.goto(then);
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** The error FormField shows under a control (its id plus "-error", see components/ui/form-field). */
export async function fieldError(page: Page, control: ReturnType<Page["getByLabel"]>) {
  return page.locator(`[id="${await control.getAttribute("id")}-error"]`);
}
