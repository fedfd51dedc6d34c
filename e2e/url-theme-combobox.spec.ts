/**
 * The three library-backed pieces of decision 015 in Chromium against `next start`: a table's view in the URL
 * through nuqs (hostile query strings, links written by the hand-written encoder, a view kept out of the URL), the
 * theme through next-themes (dark before any app script runs, kept across reloads, no hydration error) and the
 * record picker on cmdk (keys, ARIA). Screenshots of the admin list and the open picker at 1280 and 390 px.
 */
import { expect, type Page, test } from "@playwright/test";
import { E2E_ADMIN } from "./support/credentials";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

/** Every list input the page sends to the API, decoded. */
function recordListInputs(page: Page) {
  const inputs: Record<string, unknown>[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith("/api/trpc/")) return;
    // A batch names its procedures in the path ("posts.meta,posts.list") and numbers their inputs in that order.
    const names = decodeURIComponent(url.pathname.slice("/api/trpc/".length)).split(",");
    const raw = JSON.parse(url.searchParams.get("input") ?? "{}") as Record<string, { json: Record<string, unknown> }>;
    names.forEach((name, i) => {
      const call = url.searchParams.has("batch")
        ? raw[String(i)]
        : (raw as unknown as { json: Record<string, unknown> });
      if (name === "posts.list" && call?.json) inputs.push(call.json);
    });
  });
  return inputs;
}

function recordFailures(page: Page) {
  const failures: string[] = [];
  // The table sends the API only what its parsers let through: no request of the page is refused either.
  page.on("response", (r) => r.status() >= 400 && failures.push(`${r.status()} ${r.url().slice(0, 300)}`));
  page.on("pageerror", (error) => failures.push(`pageerror: ${error.message}`));
  page.on("console", (m) => m.type() === "error" && failures.push(`console: ${m.text()}`));
  return failures;
}

test("hostile table query strings show the table with its defaults, never a 5xx, and reach the API bounded", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const failures = recordFailures(page);
  const inputs = recordListInputs(page);
  const hostile = [
    `page=1e400&perPage=-5&sort=${"x,-".repeat(800)}title&q=${"a".repeat(3000)}`,
    `f.status.in=${"draft,archived,".repeat(300)}&f.title.contains=%00%F0%9F%92%A9&perPage=99999999999999`,
    "f.createdAt.gte=2026-02-30&f.createdAt.lte=2026-1-5&f.authorId.eq=not-a-uuid&f.title.startsWith=x",
    `cols=${"title,nope,".repeat(300)}&deleted=everything&page=%ZZ&sort=%`,
    "f.__proto__.eq=1&constructor=1&f.constructor.in=x&toString=1&q=%00&page=NaN&perPage=2.5",
  ];
  for (const query of hostile) {
    // Skeleton rows fill the table before the list answers: wait for the list itself, or the next navigation could
    // leave before the page ever asked for it.
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname.includes("posts.list"));
    const response = await page.goto(`/admin/posts?${query}`);
    expect(response?.status(), query.slice(0, 40)).toBe(200);
    expect((await listed).status(), query.slice(0, 40)).toBe(200);
    await expect(page.getByRole("table", { name: "Posts" }).locator("tbody tr").first()).toBeVisible();
  }
  expect(failures).toEqual([]);
  // At least the lists answered above; a page may also send its list again once its state settles.
  expect(inputs.length).toBeGreaterThan(0);
  for (const input of inputs) {
    expect(Number(input.page)).toBeLessThanOrEqual(1_000_000);
    expect(Number(input.perPage)).toBeLessThanOrEqual(100);
    expect(String(input.search ?? "").length).toBeLessThanOrEqual(200);
    expect((input.sort as unknown[] | undefined)?.length ?? 0).toBeLessThanOrEqual(5);
  }
});

test("a page past the end moves to the last page, and an old fully escaped link opens the same view", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/admin/posts?perPage=10&page=999999");
  const paging = page.getByRole("navigation", { name: "Posts pagination" });
  await expect(paging).toContainText(/Page (\d+) of \1,/);
  await expect(page).toHaveURL(/[?&]page=\d{1,2}(&|$)/);

  // URLSearchParams escapes commas; the hand-written encoder wrote links like this one.
  await page.goto("/admin/posts?sort=title%2C-createdAt&f.status.in=draft%2Cpublished&cols=title%2Cstatus");
  const grid = page.getByRole("table", { name: "Posts" });
  await expect(grid.getByRole("columnheader", { name: "Title" })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByRole("button", { name: "Filter by Status: Draft, Published", exact: true })).toBeVisible();
  await expect(grid.getByRole("columnheader", { name: "Author" })).toHaveCount(0);
  // Nothing was rewritten on the way in: the link stays as it was shared.
  expect(new URL(page.url()).search).toBe("?sort=title%2C-createdAt&f.status.in=draft%2Cpublished&cols=title%2Cstatus");
});

test("a table kept out of the URL leaves the page's address alone", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/dev/forms");
  const tags = page.getByRole("region", { name: "Tags table" });
  await tags.getByLabel("Search tags").fill("zz-no-such-tag");
  await expect(tags.getByText("No tags match")).toBeVisible();
  expect(new URL(page.url()).search).toBe("");
});

test("the theme is dark before the app's scripts run, survives a reload and goes back to the system", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const failures = recordFailures(page);
  // Hold the app's JavaScript back: whatever the page shows meanwhile comes from the HTML and its inline script.
  let holdScripts = false;
  await page.route("**/_next/static/chunks/**", async (route) => {
    if (holdScripts) await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.emulateMedia({ colorScheme: "dark" });
  holdScripts = true;
  await page.goto("/", { waitUntil: "domcontentloaded" });
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
  holdScripts = false;

  // A saved choice wins over the OS preference, from the first paint.
  await page.emulateMedia({ colorScheme: "light" });
  await page.waitForLoadState("load");
  const toggle = page.getByRole("button", { name: "Toggle dark mode" }).first();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  expect(await page.evaluate(() => localStorage.getItem("atrium-theme"))).toBe("dark");
  holdScripts = true;
  await page.reload({ waitUntil: "domcontentloaded" });
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
  holdScripts = false;
  await page.waitForLoadState("load");

  // Back to light, which is what the OS prefers: the page follows the OS again.
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  expect(await page.evaluate(() => localStorage.getItem("atrium-theme"))).toBe("system");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  expect(failures).toEqual([]);
});

test("the record picker: arrows move the active option, Enter picks, Home stays in the text, Escape closes", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/admin/posts");
  // Rows loaded (not the skeleton): the pager knows the count.
  await expect(page.getByRole("navigation", { name: "Posts pagination" })).toContainText(/Page 1 of \d+/);
  await shoot(page, "libs-admin-posts");

  await page.getByRole("button", { name: "Filter by Author" }).click();
  const dialog = page.getByRole("dialog", { name: "Filter by Author" });
  const search = dialog.getByRole("combobox", { name: "Search author" });
  const list = dialog.getByRole("listbox", { name: "Suggestions" });
  await expect(search).toHaveAttribute("aria-controls", (await list.getAttribute("id")) ?? "missing");
  const options = list.getByRole("option");
  await expect(options.first()).toBeVisible();
  await search.focus();

  const activeId = () => search.getAttribute("aria-activedescendant");
  await expect.poll(activeId).toBe(await options.nth(0).getAttribute("id"));
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await expect.poll(activeId).toBe(await options.nth(1).getAttribute("id"));
  const picked = (await options.nth(1).textContent()) ?? "";
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]f\.authorId\.eq=[0-9a-f-]{36}/);
  await expect(options.nth(1)).toHaveAttribute("aria-checked", "true");
  await expect(search).toBeFocused();
  await shoot(page, "libs-record-picker-open");

  await search.fill("ab");
  await page.keyboard.press("Home");
  expect(await search.evaluate((input: HTMLInputElement) => input.selectionStart)).toBe(0);
  // In a popover, Escape is Radix's: it closes the popover and focus goes back to its button.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  const chip = page.getByRole("button", { name: new RegExp(`Filter by Author: ${picked.trim().slice(0, 8)}`) });
  await expect(chip).toBeFocused();
});

test("a combobox in a form is named by its label, and Escape clears its text", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto("/ui-kit");
  const reviewer = page.getByRole("combobox", { name: "Reviewer (open, single)" });
  await expect(reviewer).toHaveAttribute("aria-activedescendant", /.+/);
  await reviewer.fill("zz");
  await reviewer.press("Escape");
  await expect(reviewer).toHaveValue("");
  await expect(reviewer).toBeFocused();
});
