/**
 * Files stored at uploadthing, in a real browser: an app instance started with UPLOADTHING_TOKEN (so its fields'
 * `meta` say `uploader: "uploadthing"`) and a local stand-in of uploadthing's servers that this spec starts. The page
 * loads `@uploadthing/react`, asks the app's /api/uploadthing route to register the upload, PUTs the bytes straight
 * to the stand-in (with progress), and gets the app's judgement back as `serverData` once the stand-in has called
 * the route with a signed callback. Nothing in the app is replaced: only uploadthing's servers are stood in for.
 *
 * The app's CSP is fixed at build time: the build must allow the stand-in (e2e/support/uploadthing.ts; `npm test`
 * does), and the first test says so plainly if it does not.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { files, users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { type Standin, startUploadthingStandin } from "../server/core/files/testing/uploadthing-standin";
import { connectE2eDatabase, e2eDatabaseUrl } from "./support/db";
import { type Instance, startInstance, stopInstance } from "./support/instances";
import { shoot } from "./support/screenshots";
import { fieldError, signIn } from "./support/session";
import { choose, slowUplink } from "./support/uploads";
import { uploadthingStandinPort } from "./support/uploadthing";

const PASSWORD = "an-uploadthing-password-4";
const MEMBER = { name: "Uma Uploader", email: "uma.uploader@example.com" };

let database: ReturnType<typeof connectE2eDatabase>;
let standin: Standin;
let instance: Instance;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(60_000); // a cold `next start` on a busy machine
  database = connectE2eDatabase();
  await database.db.delete(users).where(eq(users.email, MEMBER.email));
  await database.db.insert(users).values({ ...MEMBER, role: "member", passwordHash: await hashPassword(PASSWORD) });
  standin = await startUploadthingStandin({
    port: uploadthingStandinPort(),
    apiKey: `sk_test_${randomBytes(12).toString("hex")}`,
    appId: "atriume2e",
  });
  // Its own data folder: thumbnails of files stored at uploadthing are cached on local disk.
  dataDir = await mkdtemp(path.join(tmpdir(), "atrium-e2e-uploadthing-"));
  instance = await startInstance("uploadthing", e2eDatabaseUrl(), {
    env: { ...standin.env, ATRIUM_DATA_DIR: dataDir, UPLOADTHING_LOG_LEVEL: "Error" },
  });
});

test.afterAll(async () => {
  if (instance) await stopInstance(instance);
  await standin?.close();
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function onInstance(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: instance.url });
  return context.newPage();
}

/** A picture of a few megabytes (uncompressed PNG), so the upload takes long enough to show progress. */
function portrait(side: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}">
    <rect width="100%" height="100%" fill="#0e7490"/><circle cx="50%" cy="42%" r="20%" fill="#ecfeff"/>
    <ellipse cx="50%" cy="96%" rx="36%" ry="30%" fill="#ecfeff"/></svg>`;
  return sharp(Buffer.from(svg)).flatten().png({ compressionLevel: 0 }).toBuffer();
}

const loaded = (image: Locator) =>
  expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

test("the build lets the browser reach uploadthing (the stand-in's origin is in connect-src)", async () => {
  const res = await fetch(`${instance.url}/sign-in`);
  const csp = res.headers.get("content-security-policy") ?? "";
  const connect = csp.split(";").find((directive) => directive.trim().startsWith("connect-src")) ?? "";
  expect(
    connect,
    `build the app with UPLOADTHING_INGEST_URL=${standin.url} (npm test does; see e2e/support/uploadthing.ts)`,
  ).toContain(standin.url);
});

test("an avatar goes straight from the browser to uploadthing, is recorded, and is served by the app", async ({
  browser,
}) => {
  const page = await onInstance(browser);
  const ingest: string[] = [];
  page.on("request", (request) => {
    if (request.url().startsWith(standin.url)) ingest.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  await signIn(page, MEMBER.email, PASSWORD, "/account");
  const form = page.getByRole("form", { name: "Your profile" });
  const avatar = form.getByRole("group", { name: "Avatar" });
  const picture = await portrait(1000);

  const uplink = await slowUplink(page);
  await choose(page, avatar.getByRole("button", { name: /Choose an image/ }), [
    { name: "uma.png", mimeType: "image/png", buffer: picture },
  ]);
  const bar = avatar.getByRole("progressbar", { name: "Uploading uma.png" });
  await expect(bar).toBeVisible();
  await expect
    .poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: 10_000 })
    .toBeGreaterThan(0);
  await shoot(page, "files-uploadthing-uploading");
  await expect(bar).toBeHidden({ timeout: 20_000 });
  await uplink.restore();
  await expect(avatar.getByRole("button", { name: "Remove uma.png" })).toBeVisible();

  // The bytes went from the browser to uploadthing's ingest (a PUT to the stand-in), never through the app.
  expect(ingest.some((line) => line.startsWith("PUT /"))).toBe(true);
  const [pending] = await database.db.select().from(files).where(eq(files.name, "uma.png"));
  expect(pending).toMatchObject({ storage: "uploadthing", state: "pending", size: picture.length });
  expect(standin.stored(pending?.key as string)?.bytes.equals(picture)).toBe(true);

  await form.getByRole("button", { name: "Save profile" }).click();
  await expect(form.getByRole("status")).toHaveText("Changes saved.");
  const [stored] = await database.db.select().from(users).where(eq(users.email, MEMBER.email));
  expect(stored?.avatar).toMatchObject({ name: "uma.png", type: "image/png", width: 1000, height: 1000 });
  const [attached] = await database.db
    .select()
    .from(files)
    .where(eq(files.id, pending?.id as string));
  expect(attached?.state).toBe("attached");

  // The header shows the 64x64 thumbnail, made by the app from the file it reads back from uploadthing.
  const header = page.getByRole("navigation", { name: "Main" });
  const headerAvatar = header.locator('img[src*="/api/files/users/"]').filter({ visible: true });
  await expect(headerAvatar).toHaveAttribute("src", /\/avatar\/[0-9a-f-]{36}\/uma\.png\?thumb=64x64$/);
  await loaded(headerAvatar);
  const src = (await headerAvatar.getAttribute("src")) as string;
  const thumb = await page.request.get(src);
  expect(thumb.status()).toBe(200);
  expect(await sharp(await thumb.body()).metadata()).toMatchObject({ width: 64, height: 64 });
  // And the original, byte for byte.
  const original = await page.request.get(src.replace(/\?.*$/, ""));
  expect(original.status()).toBe(200);
  expect(original.headers()["content-type"]).toBe("image/png");
  expect((await original.body()).equals(picture)).toBe(true);
  await page.context().close();
});

test("a file that is not what its name says reaches uploadthing, is refused with the server's words, and deleted there", async ({
  browser,
}) => {
  const page = await onInstance(browser);
  await signIn(page, MEMBER.email, PASSWORD, "/account");
  const avatar = page.getByRole("form", { name: "Your profile" }).getByRole("group", { name: "Avatar" });
  const button = avatar.getByRole("button", { name: /Choose an image|Replace/ });
  const before = standin.deleted.length;
  // The browser and uploadthing believe the name (image/png); the app reads the bytes uploadthing received.
  await choose(page, button, [
    {
      name: "sneaky.png",
      mimeType: "image/png",
      buffer: Buffer.from("<!doctype html><p>not a picture</p>"),
    },
  ]);
  await expect(await fieldError(page, button)).toHaveText("Avatar accepts image files; this file is text/plain.");
  await expect(avatar.getByRole("button", { name: "Remove sneaky.png" })).toHaveCount(0);
  await expect.poll(() => standin.deleted.length).toBe(before + 1);
  expect(await database.db.select().from(files).where(eq(files.name, "sneaky.png"))).toEqual([]);
  await page.context().close();
});
