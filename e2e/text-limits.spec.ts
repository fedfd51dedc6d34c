/**
 * Text limits in the generated form: the field's maximum comes from `meta` (declared, or the engine's default), the
 * input stops at it, and a counter says so once the text nears it. Screenshots at 1280 and 390 px, light and dark.
 */
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./support/credentials";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

const _SHOTS = "test-results/screenshots";

test("a text field stops at its maximum and counts down to it", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/posts/new");
  await page.goto("/admin/posts/new");
  const title = page.getByLabel("Title");
  await expect(title).toHaveAttribute("maxlength", "200");
  // The post body declares 100,000 characters, above the engine's default of 10,000.
  await expect(page.getByRole("textbox", { name: "Body" })).toHaveAttribute("maxlength", "100000");

  await title.fill("a".repeat(150));
  await expect(page.getByText("/ 200 characters")).toHaveCount(0);
  await title.fill("a".repeat(170));
  await expect(page.getByText("170 / 200 characters")).toBeVisible();

  await title.fill("a".repeat(198));
  await title.press("End");
  await page.keyboard.type("xyz");
  await expect(title).toHaveValue(`${"a".repeat(198)}xy`);
  await expect(page.getByText("200 / 200 characters")).toBeVisible();
  await shoot(page, "text-limit", { scrollTo: page.getByLabel("Title") });
});
