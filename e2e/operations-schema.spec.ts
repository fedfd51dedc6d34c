/**
 * The Schema page in Chromium against `next start`: an admin sees the diagram of the app's tables (themed light and
 * dark), zooms it, reads it as text, and downloads the same diagram as an SVG file, which the browser's own XML
 * parser accepts and which arrives with a policy that lets it run nothing. A member and a visitor get neither page nor
 * file. Screenshots at 1280 and 390 px, light and dark; axe finds no serious problem.
 */
import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot, snap } from "./support/screenshots";
import { signIn } from "./support/session";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

const SVG_PATH = "/admin/schema/diagram.svg";

/** What the browser's XML parser makes of a document: parse errors, the root, the tables drawn in it. */
function parseInBrowser(page: Page, xml: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return {
      errors: doc.getElementsByTagName("parsererror").length,
      root: doc.documentElement.localName,
      scripts: doc.querySelectorAll("script, foreignObject, [href]").length,
      tables: [...doc.querySelectorAll("g[data-table]")].map((g) => g.getAttribute("data-table")).sort(),
    };
  }, xml);
}

test("an admin sees the schema diagram, zooms it, reads it as text and downloads it as SVG", async ({ page }) => {
  // Three sets of four screenshots of a page holding a 2,000-pixel drawing, on a shared 2-core machine.
  test.setTimeout(120_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/schema");
  await expect(page.getByRole("heading", { name: "Schema", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Schema" })).toHaveAttribute(
    "aria-current",
    "page",
  );

  const frame = page.getByRole("region", { name: "Schema diagram" });
  await expect(frame.getByRole("img", { name: /database schema$/ })).toBeVisible();
  for (const table of ["users", "posts", "comments", "tags", "post_tags", "audit_log", "request_log", "backups"]) {
    await expect(frame.locator(`g[data-table="${table}"]`)).toHaveCount(1);
  }
  // The posts -> users key, labelled with the resource relations it implements, and the many-to-many as its own line.
  await expect(frame.locator('g.erd-foreignKey[data-relations*="posts.author"]')).toHaveCount(1);
  await expect(frame.locator('g.erd-relation[data-key="posts.tags"]')).toHaveCount(1);
  await shoot(page, "schema");

  // The theme reaches the inline SVG: a box's text is dark on light, light on dark.
  const title = frame.locator('g[data-table="posts"] text.erd-title');
  await expect(title).toHaveCSS("fill", "rgb(24, 24, 27)");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(title).toHaveCSS("fill", "rgb(244, 244, 245)");
  await page.emulateMedia({ colorScheme: "light" });

  // Zoom changes the drawing's displayed width, not its content.
  const svg = frame.locator("svg");
  const natural = Number(await svg.getAttribute("width"));
  expect((await svg.boundingBox())?.width).toBeCloseTo(natural, 0);
  await page.getByRole("button", { name: "Zoom out" }).click();
  await expect(page.getByRole("toolbar", { name: "Diagram zoom" }).locator("output")).toHaveText("90%");
  expect((await svg.boundingBox())?.width).toBeCloseTo(natural * 0.9, 0);
  await page.getByRole("button", { name: "Fit width" }).click();
  const fitted = (await svg.boundingBox())?.width ?? 0;
  expect(fitted).toBeLessThanOrEqual((await frame.boundingBox())?.width ?? 0);
  await shoot(page, "schema-fit");
  await page.getByRole("button", { name: "Actual size" }).click();
  await expect(page.getByRole("toolbar", { name: "Diagram zoom" }).locator("output")).toHaveText("100%");

  // The text alternative: every table with its columns, the keys and the relations.
  await page.getByText("Tables, columns and relations as text").click();
  await expect(page.getByRole("heading", { name: "post_tags", level: 3 })).toBeVisible();
  const postsColumns = page.getByRole("table", { name: "Columns of posts" });
  await expect(postsColumns.getByRole("row").filter({ hasText: "author_id" })).toContainText("foreign key");
  await expect(page.getByRole("heading", { name: "Resource relations" })).toBeVisible();
  await expect(page.getByText(/^posts\.tags: many to many tags \(table tags\), through post_tags/)).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the Schema page with its text open");
  await page.getByRole("heading", { name: "Foreign keys" }).scrollIntoViewIfNeeded();
  await shoot(page, "schema-text");

  // The download: the same diagram, well-formed to the browser's XML parser, with nothing active in it.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download SVG" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("schema.svg");
  const file = await readFile(await download.path(), "utf8");
  const parsed = await parseInBrowser(page, file);
  expect(parsed).toMatchObject({ errors: 0, root: "svg", scripts: 0 });
  const onPage = (
    await frame.locator("g[data-table]").evaluateAll((gs) => gs.map((g) => g.getAttribute("data-table")))
  ).sort();
  expect(parsed.tables).toEqual(onPage);

  const res = await page.request.get(SVG_PATH);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
  expect(res.headers()["content-disposition"]).toBe('attachment; filename="schema.svg"');
  expect(res.headers()["content-security-policy"]).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
  expect(await res.text()).toBe(file);

  // The file alone, as an image on a white page: what someone who opens the download sees.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.setContent(
    `<body style="margin:0;background:#fff"><img alt="schema" src="data:image/svg+xml;base64,${Buffer.from(file).toString("base64")}"></body>`,
  );
  await snap(page, "schema-file", { fullPage: true });
});

test("a member and a visitor get neither the page nor the file", async ({ page, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const refused = await anonymous.get(SVG_PATH);
  expect(refused.status()).toBe(401);
  expect(await refused.text()).not.toContain("<svg");
  await anonymous.dispose();

  const email = `schema-member-${Date.now()}@example.com`;
  const password = "a-member-password-4";
  await database.db
    .insert(users)
    .values({ name: "Schema Member", email, role: "member", passwordHash: await hashPassword(password) });
  await signIn(page, email, password);
  const asMember = await page.request.get(SVG_PATH);
  expect(asMember.status()).toBe(403);
  expect(await asMember.text()).not.toContain("<svg");
  const pageAnswer = await page.goto("/admin/schema");
  expect(pageAnswer?.status()).toBe(403);
  await expect(page.getByRole("img", { name: /database schema$/ })).toHaveCount(0);
});
