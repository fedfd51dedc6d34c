/**
 * The admin's list pages fit their screen: at 1280 and 390 px no list page scrolls sideways, the default columns fit
 * the table's box with the sorted-by column on screen, the title column stays put when chosen columns overflow, cut
 * values come back on hover, headers sort from anywhere in the cell, phones get cards with selection and an order
 * control, and each resource shows its icon. Screenshots of every list page at both widths, light and dark.
 */
import { expect, type Locator, type Page, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { posts, users } from "../db/schema";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

// Several page loads each, with axe scans and screenshots: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 60_000 });

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** The resources in the sidebar, as their list paths and labels (a new resource is covered with no edit here). */
async function sidebarResources(page: Page) {
  await page.setViewportSize(DESKTOP);
  // Resource list pages only: the system pages below them (audit log, jobs, security, schema) are not resource tables.
  const links = page
    .getByRole("navigation", { name: "Admin" })
    .getByRole("list", { name: "Resources" })
    .getByRole("link");
  const all = await links.evaluateAll((els) =>
    els.map((el) => ({ href: el.getAttribute("href") ?? "", label: el.textContent?.trim() ?? "" })),
  );
  return all.filter((l) => /^\/admin\/[^/]+$/.test(l.href));
}

/** The table widget of a list page, once its rows (or cards) have loaded. */
async function loadedList(page: Page, label: string) {
  const region = page.getByRole("region", { name: `${label} table` });
  // The rows come after hydration, `meta` and `list`: seconds on a busy machine.
  await expect(region).toBeVisible({ timeout: 15_000 });
  await expect(region.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
  await expect(region.getByText("Loading…")).toHaveCount(0);
  return region;
}

/** How far an element's content reaches past its box (0 when it fits). */
const overflowOf = (locator: Locator) => locator.evaluate((el) => el.scrollWidth - el.clientWidth);
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("no admin list page scrolls sideways at 1280 or 390 px, and every one is captured light and dark", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin");
  const resources = await sidebarResources(page);
  expect(resources.map((r) => r.href)).toEqual(expect.arrayContaining(["/admin/posts", "/admin/users"]));

  for (const { href, label } of resources) {
    await page.setViewportSize(DESKTOP);
    await page.goto(href);
    let region = await loadedList(page, label);
    expect(await pageOverflow(page), `${href} page at 1280`).toBe(0);
    expect(await overflowOf(region), `${href} table box at 1280`).toBe(0);
    const grid = region.getByRole("table", { name: label });
    const box = region.locator('[data-slot="table-container"]');
    expect(await overflowOf(box), `${href} rows at 1280`).toBe(0);
    // The column the rows are ordered by is on screen, inside the box.
    const sorted = grid.locator("th[aria-sort=ascending], th[aria-sort=descending]");
    if ((await sorted.count()) > 0) {
      const [th, container] = [await sorted.first().boundingBox(), await box.boundingBox()];
      expect(th && container && th.x + th.width <= container.x + container.width + 1, `${href} sorted column`).toBe(
        true,
      );
    }

    await page.setViewportSize(PHONE);
    region = await loadedList(page, label);
    expect(await pageOverflow(page), `${href} page at 390`).toBe(0);
    expect(await overflowOf(region), `${href} list at 390`).toBe(0);
    // A resource with no rows yet (task runs, webhooks on a fresh database) says so instead of showing a list.
    await expect(
      region.getByRole("list", { name: label }).or(region.getByText(`No ${label.toLowerCase()} yet`)),
    ).toBeVisible();

    await shoot(page, `admin-list-${href.split("/").pop()}`);
  }
});

test("headers sort from anywhere in the cell, and say so with aria-sort", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/posts");
  const region = await loadedList(page, "Posts");
  const header = region.getByRole("columnheader", { name: "Status" });
  const button = header.getByRole("button");
  const [cell, target] = [await header.boundingBox(), await button.boundingBox()];
  // The button fills its header cell, so a click at its far edge sorts too.
  expect(Math.round(target?.width ?? 0)).toBe(Math.round(cell?.width ?? -1));
  await expect(header).toHaveAttribute("aria-sort", "none");
  await header.click({ position: { x: (cell?.width ?? 10) - 4, y: (cell?.height ?? 10) / 2 } });
  await expect(page).toHaveURL(/[?&]sort=status(&|$)/);
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await header.click({ position: { x: 4, y: 4 } });
  await expect(header).toHaveAttribute("aria-sort", "descending");
  // The header says the new order before its rows arrive: until then the table shows the old rows dimmed (aria-busy),
  // and axe measured the dimmed text (CI, once). The scan waits for the rows, then for the dimming to fade.
  await expect(region.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
  // The pointer is parked away from the headers too: the list re-sorts under it, so a header it comes to rest on
  // starts its hover transition after the scan's wait for transitions, and axe measured it half done (CI, once).
  await page.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(page, "posts list at 1280 px");
});

test("chosen columns that overflow scroll inside the box with the title and checkbox kept in view", async ({
  page,
}) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/posts");
  const region = await loadedList(page, "Posts");
  // The default set leaves out what does not fit; the picker still offers every column.
  await expect(region.getByRole("columnheader", { name: "Slug" })).toHaveCount(0);
  await region.getByRole("button", { name: "Columns" }).click();
  for (const name of ["Slug", "Updated", "Body"]) {
    const item = page.getByRole("menuitemcheckbox", { name });
    if ((await item.getAttribute("aria-checked")) !== "true") await item.click();
  }
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/[?&]cols=/);
  await expect(region.getByRole("columnheader", { name: "Slug" })).toBeVisible();

  const box = region.locator('[data-slot="table-container"]');
  expect(await overflowOf(box)).toBeGreaterThan(0);
  expect(await pageOverflow(page)).toBe(0);
  const firstTitle = region.getByRole("table", { name: "Posts" }).getByRole("row").nth(1).getByRole("cell").nth(1);
  const checkbox = region.getByRole("table", { name: "Posts" }).getByRole("row").nth(1).getByRole("checkbox");
  const before = await firstTitle.boundingBox();
  await box.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
  });
  const after = await firstTitle.boundingBox();
  expect(after?.x).toBe(before?.x);
  await expect(checkbox).toBeInViewport();
  await shoot(page, "admin-posts-all-columns");

  // The choice is remembered in the link, as before.
  await page.reload();
  await loadedList(page, "Posts");
  await expect(region.getByRole("columnheader", { name: "Slug" })).toBeVisible();
});

test("a value cut to fit its cell shows in full on hover", async ({ page }) => {
  const long = `A very long post title that cannot possibly fit in its column at all ${"and more words ".repeat(6)}end`;
  const [author] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, E2E_ADMIN.email));
  await database.db
    .insert(posts)
    .values({ title: long, slug: `long-title-${Date.now()}`, body: "A body long enough.", authorId: author?.id ?? "" });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/posts?q=possibly");
  const region = await loadedList(page, "Posts");
  const link = region.getByRole("link", { name: long });
  await expect(link).toBeVisible();
  expect(await link.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await link.hover();
  await expect(region.locator(`[title="${long}"]`)).toHaveCount(1);
});

test("on a phone each record is a card: open it, select several, change the order", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/posts");
  const region = await loadedList(page, "Posts");
  const cards = region.getByRole("list", { name: "Posts" }).getByRole("listitem");
  await expect(cards.first()).toBeVisible();
  await expect(region.getByRole("table")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "posts cards at 390 px");

  // Bulk selection works as in the table.
  await cards.nth(0).getByRole("checkbox").check();
  await cards.nth(1).getByRole("checkbox").check();
  await expect(region.getByRole("group", { name: "Selected posts" })).toContainText("2 selected");
  await region.getByRole("checkbox", { name: "Select all on this page" }).check();
  const perPage = await cards.count();
  await expect(region.getByRole("group", { name: "Selected posts" })).toContainText(`${perPage} selected`);
  await region.getByRole("button", { name: "Clear selection" }).click();

  // The order, which the table's headers give on a desktop.
  await region.getByLabel("Sort by").selectOption({ label: "Title, A to Z" });
  await expect(page).toHaveURL(/[?&]sort=title(&|$)/);
  const [first] = await database.db.select({ title: posts.title }).from(posts).orderBy(posts.title).limit(1);
  await expect(cards.first().getByRole("link")).toHaveText(first?.title ?? "");

  // The whole card opens the record.
  const title = (await cards.nth(1).getByRole("link").textContent()) ?? "";
  const box = await cards.nth(1).boundingBox();
  await page.mouse.click((box?.x ?? 0) + (box?.width ?? 0) - 30, (box?.y ?? 0) + (box?.height ?? 0) - 8);
  await expect(page).toHaveURL(/\/admin\/posts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveValue(title);
});

test("each resource shows its icon in the sidebar and in its page title", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/posts");
  const nav = page.getByRole("navigation", { name: "Admin" });
  await expect(nav.getByRole("link", { name: "Posts" }).locator("svg.lucide-file-text")).toHaveCount(1);
  await expect(nav.getByRole("link", { name: "Users" }).locator("svg.lucide-users")).toHaveCount(1);
  await expect(nav.getByRole("link", { name: "Comments" }).locator("svg.lucide-message-square")).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Posts", level: 1 }).locator("svg.lucide-file-text")).toHaveCount(1);
  await page.goto("/admin/tags/new");
  await expect(page.getByRole("heading", { name: "New tag", level: 1 }).locator("svg.lucide-tag")).toHaveCount(1);
  await page.goto("/admin");
  await expect(
    page
      .getByRole("link", { name: /Announcements/ })
      .last()
      .locator("svg.lucide-megaphone"),
  ).toHaveCount(1);
  await shoot(page, "admin-dashboard-icons");
});
