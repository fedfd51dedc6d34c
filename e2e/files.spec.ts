/**
 * File fields in a real browser against `next start` and the real upload and files routes (nothing faked): an avatar
 * uploaded with a progress bar shows in the header and the admin's users table; a post gets a cover and two
 * attachments (one dropped), which its page shows and serves; a file that is not what its name says is refused with
 * the server's words; a draft's attachment opens for its author only; a new cover reaches another open page live.
 */
import { readFile } from "node:fs/promises";
import { type Browser, expect, type Locator, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { posts, users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase } from "./support/db";
import { shoot, snap } from "./support/screenshots";
import { fieldError, signIn } from "./support/session";
import { choose, slowUplink } from "./support/uploads";

const PASSWORD = "a-files-password-4";

let database: ReturnType<typeof connectE2eDatabase>;
test.beforeAll(() => {
  database = connectE2eDatabase();
});
test.afterAll(() => database.close());

async function createMember(name: string, email: string) {
  const [row] = await database.db
    .insert(users)
    .values({ name, email, role: "member", passwordHash: await hashPassword(PASSWORD) })
    .returning({ id: users.id });
  return row?.id as string;
}

async function signedIn(browser: Browser, email: string, password: string, then: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password, then);
  return page;
}

/** A portrait-like picture as an uncompressed PNG: a few megabytes, so the upload takes a moment. */
function avatarPng(side: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}">
    <defs><radialGradient id="g" cx="35%" cy="30%" r="80%"><stop offset="0" stop-color="#fbbf24"/>
    <stop offset="1" stop-color="#be185d"/></radialGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="50%" cy="40%" r="18%" fill="#fff7ed"/><ellipse cx="50%" cy="95%" rx="34%" ry="30%" fill="#fff7ed"/></svg>`;
  return sharp(Buffer.from(svg)).flatten().png({ compressionLevel: 0 }).toBuffer();
}

/** A plain picture with a colour and some text on it, for covers. */
function coverPng(colour: string, label: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
    <rect width="100%" height="100%" fill="${colour}"/>
    <text x="80" y="480" font-size="120" font-family="sans-serif" fill="white">${label}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The smallest PDF file-type recognises ("%PDF-"), with bytes enough to compare after a download. */
const PDF = Buffer.from(
  "%PDF-1.4\n% files e2e\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const NOTES = Buffer.from("Meeting notes\n- bring the bike\n- water the garden\n");

/** Drops a file on a drop zone with a real DataTransfer, as dragging it from the desktop does. */
async function drop(zone: Locator, file: { name: string; type: string; base64: string }) {
  const dataTransfer = await zone.page().evaluateHandle(({ name, type, base64 }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], name, { type }));
    return data;
  }, file);
  await zone.dispatchEvent("dragenter", { dataTransfer });
  await zone.dispatchEvent("dragover", { dataTransfer });
  await zone.dispatchEvent("drop", { dataTransfer });
}

/** Whether an <img> has loaded a real picture (not a broken image). */
const loaded = (image: Locator) =>
  expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

const fileField = (form: Locator, label: string) => form.getByRole("group", { name: label });

test("an avatar uploads with a progress bar and shows in the header and the admin's users table", async ({
  page,
  browser,
}) => {
  await createMember("Fay Files", "fay.files@example.com");
  await signIn(page, "fay.files@example.com", PASSWORD, "/account");
  const form = page.getByRole("form", { name: "Your profile" });
  await expect(form.getByLabel("Name")).toHaveValue("Fay Files");
  await page.evaluate(() => document.documentElement.setAttribute("data-e2e-same-document", "yes"));
  // No avatar yet: the header shows initials.
  const header = page.getByRole("navigation", { name: "Main" });
  await expect(header.getByText("FF", { exact: true }).filter({ visible: true })).toBeVisible();

  const uplink = await slowUplink(page);
  const picture = await avatarPng(1100);
  expect(picture.length).toBeGreaterThan(3 * 1024 ** 2);
  const avatar = fileField(form, "Avatar");
  // A picture chosen by mistake is cancelled while it uploads: it leaves nothing behind in the field.
  await choose(page, avatar.getByRole("button", { name: /Choose an image/ }), [
    { name: "mistake.png", mimeType: "image/png", buffer: picture },
  ]);
  await expect(avatar.getByRole("progressbar", { name: "Uploading mistake.png" })).toBeVisible();
  await avatar.getByRole("button", { name: "Cancel upload of mistake.png" }).click();
  await expect(avatar.getByRole("progressbar")).toHaveCount(0);
  await expect(avatar.getByRole("button", { name: /Choose an image/ })).toBeFocused();

  await choose(page, avatar.getByRole("button", { name: /Choose an image/ }), [
    { name: "fay.png", mimeType: "image/png", buffer: picture },
  ]);
  const bar = avatar.getByRole("progressbar", { name: "Uploading fay.png" });
  await expect(bar).toBeVisible();
  await expect
    .poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: 10_000 })
    .toBeGreaterThan(0);
  await expect(avatar.getByRole("button", { name: "Cancel upload of fay.png" })).toBeVisible();
  await snap(page, "files-avatar-uploading");
  await expect(bar).toBeHidden({ timeout: 20_000 });
  await uplink.restore();
  await expect(avatar.getByRole("button", { name: "Remove fay.png" })).toBeVisible();

  await form.getByRole("button", { name: "Save profile" }).click();
  await expect(form.getByRole("status")).toHaveText("Changes saved.");
  // The header follows without a reload: the 64x64 thumbnail, loaded.
  const headerAvatar = header.locator('img[src*="/api/files/users/"]').filter({ visible: true });
  await expect(headerAvatar).toHaveAttribute("src", /\/avatar\/[0-9a-f-]{36}\/fay\.png\?thumb=64x64$/);
  await loaded(headerAvatar);
  await expect(page.locator("html")).toHaveAttribute("data-e2e-same-document", "yes");
  const [stored] = await database.db.select().from(users).where(eq(users.email, "fay.files@example.com"));
  expect(stored?.avatar).toMatchObject({ name: "fay.png", type: "image/png", width: 1100, height: 1100 });

  // The admin's users table shows it too, as a small thumbnail named by the file.
  const admin = await signedIn(browser, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/users");
  const row = admin.getByRole("row").filter({ hasText: "Fay Files" });
  const cell = row.getByRole("img", { name: "fay.png" });
  await expect(cell).toHaveAttribute("src", /thumb=64x64/);
  await expect(cell).toHaveAttribute("loading", "lazy");
  await loaded(cell);
  await shoot(admin, "files-users-table");
  await admin.context().close();
});

test("a post gets a cover and two attachments (one dropped), and its page shows and serves them", async ({
  page,
  browser,
}) => {
  const authorId = await createMember("Pat Poster", "pat.poster@example.com");
  await createMember("Olli Other", "olli.other@example.com");
  await signIn(page, "pat.poster@example.com", PASSWORD, "/posts/new");
  const form = page.getByRole("form", { name: "New post" });
  await form.getByLabel("Headline").fill("A post with files");
  await form.getByRole("textbox", { name: "Your story" }).fill("The pictures and papers from the meeting.");

  const cover = fileField(form, "Cover image");
  await choose(page, cover.getByRole("button", { name: /Choose an image/ }), [
    { name: "cover.png", mimeType: "image/png", buffer: await coverPng("#4f46e5", "First cover") },
  ]);
  const attachments = fileField(form, "Attachments");
  await choose(page, attachments.getByRole("button", { name: /Add files/ }), [
    { name: "notes.txt", mimeType: "text/plain", buffer: NOTES },
  ]);
  await drop(attachments.getByTestId("file-drop-zone"), {
    name: "minutes.pdf",
    type: "application/pdf",
    base64: PDF.toString("base64"),
  });
  await expect(cover.getByRole("button", { name: "Remove cover.png" })).toBeVisible();
  await expect(attachments.getByRole("button", { name: "Remove notes.txt" })).toBeVisible();
  await expect(attachments.getByRole("button", { name: "Remove minutes.pdf" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the post form with files");
  await shoot(page, "files-post-form");

  await form.getByRole("button", { name: "Create post" }).click();
  await expect(page).toHaveURL(/\/posts\/a-post-with-files$/);
  const [post] = await database.db.select().from(posts).where(eq(posts.title, "A post with files"));
  expect(post?.status).toBe("draft");
  expect(post?.authorId).toBe(authorId);
  expect(post?.cover).toMatchObject({ name: "cover.png", width: 1600, height: 900 });
  expect(post?.attachments.map((f) => f.name)).toEqual(["notes.txt", "minutes.pdf"]);

  // The page: the cover (the wide thumbnail) and the attachments with their sizes and download links.
  await loaded(page.getByTestId("post-cover"));
  await expect(page.getByTestId("post-cover")).toHaveAttribute(
    "src",
    /\/cover\/[0-9a-f-]{36}\/cover\.png\?thumb=1200x0$/,
  );
  const list = page.getByRole("region", { name: "Attachments" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByRole("listitem").first()).toContainText("notes.txt");
  await expect(list.getByRole("listitem").first()).toContainText(`${NOTES.length} bytes`);
  await expectNoSeriousA11yViolations(page, "the post page with files");
  await shoot(page, "files-post-page");

  // The author downloads one (the draft's files are protected: the session cookie opens them).
  const download = page.waitForEvent("download");
  await list.getByRole("link", { name: "Download minutes.pdf" }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe("minutes.pdf");
  expect(await readFile(await saved.path())).toEqual(PDF);

  // Another member may not see the draft, nor its files: 404, as if there were none.
  const href = (await list.getByRole("link", { name: "Download notes.txt" }).getAttribute("href")) as string;
  expect(href).toMatch(/download=1$/);
  const mine = await page.request.get(href);
  expect(mine.status()).toBe(200);
  expect(mine.headers()["cache-control"]).toBe("private, no-store");
  expect(await mine.body()).toEqual(NOTES);
  const other = await signedIn(browser, "olli.other@example.com", PASSWORD, "/");
  expect((await other.request.get(href)).status()).toBe(404);
  await other.context().close();
});

test("a file that is not what its name says is refused with the server's message on the field", async ({ page }) => {
  await createMember("Ray Refused", "ray.refused@example.com");
  await signIn(page, "ray.refused@example.com", PASSWORD, "/posts/new");
  const form = page.getByRole("form", { name: "New post" });
  const cover = fileField(form, "Cover image");
  const button = cover.getByRole("button", { name: /Choose an image/ });
  // The browser believes the name (image/png) and lets it go; the server reads the content.
  await choose(page, button, [
    { name: "sneaky.png", mimeType: "image/png", buffer: Buffer.from("<!doctype html><p>not a picture</p>") },
  ]);
  await expect(await fieldError(page, button)).toHaveText("Cover image accepts image files; this file is text/plain.");
  await expect(button).toHaveAttribute("aria-invalid", "true");
  await expect(cover.getByTestId("file-row")).toHaveCount(0);

  // Too large is refused before anything is sent, in the same words the server would use.
  const uploads: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/files/upload")) uploads.push(request.url());
  });
  await choose(page, button, [{ name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(10 * 1024 ** 2 + 1) }]);
  await expect(await fieldError(page, button)).toHaveText("Cover image takes files up to 10 MB.");
  expect(uploads).toEqual([]);
});

test("a new cover shows live on an open post page", async ({ page, browser }) => {
  await createMember("Liv Live", "liv.live@example.com");
  await signIn(page, "liv.live@example.com", PASSWORD, "/posts/new");
  const form = page.getByRole("form", { name: "New post" });
  await form.getByLabel("Headline").fill("A cover that changes");
  await form.getByRole("textbox", { name: "Your story" }).fill("Watch the picture above change.");
  await choose(page, fileField(form, "Cover image").getByRole("button", { name: /Choose an image/ }), [
    { name: "before.png", mimeType: "image/png", buffer: await coverPng("#0f766e", "Before") },
  ]);
  await expect(form.getByRole("button", { name: "Remove before.png" })).toBeVisible();
  await form.getByRole("button", { name: "Create post" }).click();
  await expect(page).toHaveURL(/\/posts\/a-cover-that-changes$/);
  const [post] = await database.db.select().from(posts).where(eq(posts.title, "A cover that changes"));
  const postId = post?.id as string;

  // An editor reads the draft in another browser; it stays open.
  const reader = await signedIn(browser, E2E_ADMIN.email, E2E_ADMIN.password, "/posts/a-cover-that-changes");
  const shown = reader.getByTestId("post-cover");
  await expect(shown).toHaveAttribute("src", /before\.png/);
  await reader.evaluate(() => document.documentElement.setAttribute("data-e2e-same-document", "yes"));

  await page.goto(`/posts/${postId}/edit`);
  const edit = page.getByRole("form", { name: "Edit post" });
  // Saved while the new cover is still uploading: the save waits for it, then sends it (never the half state). The
  // uplink is slow enough that the upload is still going when Save is clicked however slow the machine (CI once took
  // longer than a 1.5 MB/s upload of this file between choosing it and the click), and let go once the form waits.
  const uplink = await slowUplink(page, 100_000);
  const big = await sharp(await coverPng("#b91c1c", "After"))
    .png({ compressionLevel: 0 })
    .toBuffer();
  await choose(page, fileField(edit, "Cover image").getByRole("button", { name: /Replace/ }), [
    { name: "after.png", mimeType: "image/png", buffer: big },
  ]);
  await expect(edit.getByRole("progressbar", { name: "Uploading after.png" })).toBeVisible();
  await edit.getByLabel("Visibility").selectOption("published");
  await edit.getByRole("button", { name: "Save post" }).click();
  await expect(edit.getByRole("button", { name: "Waiting for uploads…" })).toBeDisabled();
  await expect(edit.getByRole("status")).toHaveText("Saving once the upload finishes…");
  await uplink.restore();
  await expect(page).toHaveURL(/\/posts\/a-cover-that-changes$/, { timeout: 20_000 });
  const [saved] = await database.db.select().from(posts).where(eq(posts.id, postId));
  expect(saved?.cover?.name).toBe("after.png");
  expect(saved?.status).toBe("published");

  await expect(shown).toHaveAttribute("src", /after\.png\?thumb=1200x0$/);
  await loaded(shown);
  await expect(reader.locator("html")).toHaveAttribute("data-e2e-same-document", "yes");
  await reader.context().close();

  // Published, it leads the home page's list with its 96x64 thumbnail.
  await page.goto("/");
  const listed = page
    .getByRole("region", { name: "Posts" })
    .getByRole("article")
    .filter({ hasText: "A cover that changes" });
  const thumb = listed.locator("img");
  await expect(thumb).toHaveAttribute("src", /after\.png\?thumb=96x64$/);
  await loaded(thumb);
});
