/** Signing in through the real sign-in page, as a person would; shared by the specs that need a signed-in browser. */
import { expect, type Page } from "@playwright/test";

/** Signs in and waits until the browser has left the sign-in page (for `then`, the callback URL). */
export async function signIn(page: Page, email: string, password: string, then?: string) {
  await page.goto(then ? `/sign-in?callbackUrl=${encodeURIComponent(then)}` : "/sign-in");
  const form = page.getByRole("form", { name: "Sign in" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** The error FormField shows under a control (its id plus "-error", see components/ui/form-field). */
export async function fieldError(page: Page, control: ReturnType<Page["getByLabel"]>) {
  return page.locator(`[id="${await control.getAttribute("id")}-error"]`);
}
