/**
 * Files stored at uploadthing, end to end on a real PostgreSQL: uploadthing's real browser client (genUploader)
 * uploads through our real route handler (app/api/uploadthing/route.ts, behind a loopback HTTP server so the signed
 * callback can reach it) to a local stand-in of uploadthing's servers; then the engine's procedures attach, replace
 * and purge, serveFile streams from the stand-in, and the sweeper deletes there. The same scenarios as files.test.ts,
 * with storage "uploadthing".
 */
import { createHash, createHmac } from "node:crypto";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import sharp from "sharp";
import { genUploader } from "uploadthing/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { files, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { issueApiToken } from "@/server/auth/tokens";
import { resources } from "@/server/resources";
import { callers } from "@/server/testing";
import type { Actor, User } from "../actor";
import type { StoredFile } from "./column";
import { uploadthingSlug } from "./options";
import { parseFilePath, serveFile } from "./serve";
import { sweepFiles } from "./sweep";
import { type Standin, startUploadthingStandin } from "./testing/uploadthing-standin";
import type { UploadAnswer, UploadthingRouter } from "./uploadthing-router";

// Registers the adapter, as the app's routes and instrumentation do.

// env() reads these once, on first use: a data folder of this test's own, and the stand-in's token (its URLs are
// read by uploadthing on each request, so they are set once the stand-in listens).
const ut = vi.hoisted(() => {
  const dir = `${require("node:os").tmpdir()}/atrium-uploadthing-test-${process.pid}-${Date.now()}`;
  const apiKey = "sk_test_atrium_uploadthing";
  const appId = "atriumtest";
  process.env.ATRIUM_DATA_DIR = dir;
  process.env.UPLOADTHING_TOKEN = Buffer.from(JSON.stringify({ apiKey, appId, regions: ["local1"] })).toString(
    "base64",
  );
  process.env.FILES_MAX_PENDING_PER_USER = "20";
  // uploadthing logs every request; UPLOADTHING_LOG_LEVEL=Debug npx vitest run ... shows them.
  process.env.UPLOADTHING_LOG_LEVEL ??= "None";
  return { dir, apiKey, appId };
});

/**
 * Node has no XMLHttpRequest, with which uploadthing's browser client PUTs the file to ingest: this one sends the
 * same request through fetch (the upload's progress events are not needed here).
 */
class FetchXhr {
  status = 0;
  statusText = "";
  response: unknown = null;
  responseType = "";
  readonly upload = { addEventListener: () => {} };
  #method = "GET";
  #url = "";
  #headers = new Headers();
  #listeners = new Map<string, (() => void)[]>();
  #abort = new AbortController();

  open(method: string, url: string) {
    this.#method = method;
    this.#url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.#headers.set(name, value);
  }
  addEventListener(type: string, listener: () => void) {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  abort() {
    this.#abort.abort();
  }
  send(body: FormData) {
    const init = { method: this.#method, headers: this.#headers, body, signal: this.#abort.signal };
    fetch(this.#url, init).then(
      async (res) => {
        this.status = res.status;
        this.statusText = res.statusText;
        const text = await res.text();
        this.response = text ? JSON.parse(text) : null;
        for (const listener of this.#listeners.get("load") ?? []) listener();
      },
      () => {
        for (const listener of this.#listeners.get("error") ?? []) listener();
      },
    );
  }
}

let t: TestDatabase;
let standin: Standin;
let app: http.Server;
let appUrl: string;
let uploader: ReturnType<typeof genUploader<UploadthingRouter>>;
const people = {} as Record<"admin" | "author" | "other" | "reader" | "hoarder", User>;
const tokens = {} as Record<keyof typeof people, string>;
const as = (user: User): Actor => ({ kind: "user", user, via: "session" });
const anonymous: Actor = { kind: "anonymous" };

beforeAll(async () => {
  t = await createTestDatabase();
  // The route uses the app's pool, which reads DATABASE_URL on first use.
  process.env.DATABASE_URL = t.url;
  standin = await startUploadthingStandin({ apiKey: ut.apiKey, appId: ut.appId });
  expect(standin.env.UPLOADTHING_TOKEN).toBe(process.env.UPLOADTHING_TOKEN);
  Object.assign(process.env, standin.env);
  Object.assign(globalThis, { XMLHttpRequest: FetchXhr });

  const route = await import("@/app/api/uploadthing/route");
  app = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const method = req.method === "GET" ? "GET" : "POST";
    const request = new NextRequest(`http://${req.headers.host}${req.url}`, {
      method,
      headers,
      ...(method === "POST" ? { body: new Uint8Array(Buffer.concat(chunks)) } : {}),
    });
    const response = await route[method](request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  // `fetch` given, as a browser's is window.fetch.
  uploader = genUploader<UploadthingRouter>({ url: `${appUrl}/api/uploadthing`, package: "uploadthing/client", fetch });

  for (const [key, role] of [
    ["admin", "admin"],
    ["author", "member"],
    ["other", "member"],
    ["reader", "member"],
    ["hoarder", "member"],
  ] as const) {
    const [row] = await t.db
      .insert(users)
      .values({ name: key, email: `${key}@uploadthing.test`, role })
      .returning();
    people[key] = row as User;
    const scope = key === "reader" ? "read" : "write";
    tokens[key] = (await issueApiToken(t.db, { userId: people[key].id, name: "uploads", scope })).token;
  }
});
afterAll(async () => {
  await new Promise((resolve) => app?.close(resolve));
  await standin?.close();
  await t?.drop();
  await fs.rm(ut.dir, { recursive: true, force: true });
});

const png = (width = 400, height = 300) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 90, b: 200 } } })
    .png()
    .toBuffer();

type Upload = { key: string; answer: UploadAnswer } | { refused: string };

/** Uploads as the browser does, with `type` as the browser would state it (from the name). */
async function upload(
  who: keyof typeof people | null,
  resource: string,
  field: string,
  body: Buffer | string,
  name: string,
  type: string,
): Promise<Upload> {
  const file = new File([typeof body === "string" ? body : new Uint8Array(body)], name, { type });
  try {
    const [result] = await uploader.uploadFiles(uploadthingSlug(resource, field), {
      files: [file],
      headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    });
    if (!result) throw new Error("uploadthing answered no file");
    return { key: result.key, answer: result.serverData };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

/** An upload that must have been accepted: its descriptor and uploadthing key. */
async function accepted(...args: Parameters<typeof upload>): Promise<StoredFile & { key: string }> {
  const result = await upload(...args);
  if (!("key" in result) || "error" in result.answer) throw new Error(`refused: ${JSON.stringify(result)}`);
  return { ...result.answer, key: result.key };
}

async function get(actor: Actor, url: string, headers: HeadersInit = {}) {
  const parsed = new URL(url, "http://localhost");
  const request = parseFilePath(parsed.pathname.replace(/^\/api\/files\//, "").split("/"), parsed.searchParams);
  if (!request) return new Response(null, { status: 404 });
  return serveFile(new Request(parsed, { headers }), t.db, actor, resources, request);
}

const fileUrl = (resource: string, id: string, field: string, file: StoredFile) =>
  `/api/files/${resource}/${id}/${field}/${file.id}/${encodeURIComponent(file.name)}`;

const rowOf = async (id: string) => (await t.db.select().from(files).where(eq(files.id, id)))[0];

async function newPost(user: User, data: Record<string, unknown> = {}) {
  return callers(t.db)
    .as(user)
    .posts.create({ title: `Post with files ${Math.random()}`, body: "A body that is long enough.", ...data } as never);
}

describe("uploads to uploadthing", () => {
  it("serve each file field's limits as an endpoint", async () => {
    const res = await fetch(`${appUrl}/api/uploadthing`);
    const endpoints = (await res.json()) as { slug: string; config: Record<string, { maxFileSize: string }> }[];
    const bySlug = Object.fromEntries(endpoints.map((e) => [e.slug, e.config]));
    expect(bySlug["posts.cover"]).toMatchObject({ image: { maxFileSize: "10MB", maxFileCount: 1 } });
    expect(bySlug["posts.attachments"]).toMatchObject({ blob: { maxFileSize: "25MB", maxFileCount: 10 } });
    expect(bySlug["users.avatar"]).toMatchObject({ image: { maxFileSize: "5MB" } });
  });

  it("record a checked image as pending, with its sniffed type and dimensions; the browser gets its descriptor", async () => {
    const bytes = await png();
    const result = await upload("author", "posts", "cover", bytes, "../../etc/cover.png", "image/png");
    if (!("key" in result)) throw new Error(result.refused);
    expect(result.answer).toMatchObject({ name: "cover.png", type: "image/png", size: bytes.length, width: 400 });
    const answer = result.answer as StoredFile;
    expect(await rowOf(answer.id)).toMatchObject({
      storage: "uploadthing",
      key: result.key,
      state: "pending",
      uploadedBy: people.author.id,
      resource: "posts",
      field: "cover",
      width: 400,
      height: 300,
    });
    expect(standin.stored(result.key)?.bytes.equals(bytes)).toBe(true);
  });

  it("of a PNG named .pdf to a field that takes anything keep the PNG's type", async () => {
    const scan = await accepted("author", "posts", "attachments", await png(10, 10), "scan.pdf", "application/pdf");
    expect(scan).toMatchObject({ name: "scan.pdf", type: "image/png", width: 10, height: 10 });
  });

  it("refuse by content once arrived, naming the field, and delete the file at uploadthing", async () => {
    const before = await t.db.select().from(files);
    const html = await upload(
      "author",
      "posts",
      "cover",
      "<html><script>alert(1)</script></html>",
      "x.png",
      "image/png",
    );
    if (!("key" in html)) throw new Error(html.refused);
    expect(html.answer).toEqual({
      error: {
        message: "Cover image accepts image files; this file is text/plain.",
        fieldErrors: { cover: ["Cover image accepts image files; this file is text/plain."] },
      },
    });
    expect(standin.deleted).toContain(html.key);
    expect(standin.stored(html.key)).toBeUndefined();
    const broken = Buffer.concat([(await png()).subarray(0, 64), Buffer.alloc(64)]);
    const cut = await upload("author", "posts", "cover", broken, "cut.png", "image/png");
    expect("key" in cut && cut.answer).toMatchObject({ error: { message: "Cover image: this image cannot be read." } });
    const empty = await upload("author", "posts", "attachments", "", "empty.txt", "text/plain");
    expect("key" in empty && empty.answer).toMatchObject({ error: { message: "Attachments: the file is empty." } });
    expect(await t.db.select().from(files)).toHaveLength(before.length);
  });

  it("refuse before anything is sent: size, count, the anonymous, read-only tokens and pending hoards", async () => {
    const sent = standin.requests.filter((r) => r.method === "PUT").length;
    const big = await upload("author", "users", "avatar", Buffer.alloc(5 * 1024 * 1024 + 1), "big.png", "image/png");
    expect(big).toEqual({ refused: "Avatar takes files up to 5 MB." });
    expect(await upload(null, "posts", "cover", await png(), "c.png", "image/png")).toEqual({
      refused: "Sign in to upload files.",
    });
    expect(await upload("reader", "posts", "cover", await png(), "c.png", "image/png")).toEqual({
      refused: "You may not upload files to Cover image.",
    });
    const two = new File([new Uint8Array(await png())], "a.png", { type: "image/png" });
    const twice = uploader.uploadFiles("posts.cover", {
      files: [two, two],
      headers: { authorization: `Bearer ${tokens.author}` },
    });
    await expect(twice).rejects.toThrow("Cover image takes one file.");
    const foreign = uploader.uploadFiles("posts.cover", {
      files: [two],
      headers: { cookie: "authjs.session-token=stolen", origin: "https://elsewhere.example" },
    });
    await expect(foreign).rejects.toThrow("Requests from another site may not use this session.");
    // uploadthing's own check, on the stated type: a PDF is no image.
    expect(await upload("author", "posts", "cover", "%PDF-1.4", "a.pdf", "application/pdf")).toMatchObject({
      refused: expect.stringMatching(/Invalid config/),
    });
    await t.db.insert(files).values(
      Array.from({ length: 20 }, (_, i) => ({
        key: `hoard-${i}-${Math.random()}`,
        storage: "uploadthing" as const,
        name: "h.txt",
        size: 1,
        type: "text/plain",
        resource: "posts",
        field: "attachments",
        uploadedBy: people.hoarder.id,
      })),
    );
    expect(await upload("hoarder", "posts", "attachments", "one more", "n.txt", "text/plain")).toEqual({
      refused: "You have 20 uploads not attached to anything yet: save some first.",
    });
    expect(standin.requests.filter((r) => r.method === "PUT")).toHaveLength(sent);
    await t.db.delete(files).where(eq(files.uploadedBy, people.hoarder.id));
  });

  it("in uploadthing's dev mode (callbacks streamed back to our server) are judged and recorded the same", async () => {
    process.env.UPLOADTHING_IS_DEV = "true";
    try {
      const note = await accepted("author", "posts", "attachments", "dev mode", "dev.txt", "text/plain");
      expect(await rowOf(note.id)).toMatchObject({ storage: "uploadthing", key: note.key, type: "text/plain" });
      const html = await upload("author", "posts", "cover", "<html></html>", "x.png", "image/png");
      expect("key" in html && html.answer).toMatchObject({ error: { fieldErrors: { cover: [expect.any(String)] } } });
    } finally {
      process.env.UPLOADTHING_IS_DEV = "false";
    }
  });

  it("record a file once when uploadthing delivers its callback twice, and keep it", async () => {
    const note = await accepted("author", "posts", "attachments", "twice", "twice.txt", "text/plain");
    const { bytes, name, type } = standin.stored(note.key) ?? { bytes: Buffer.alloc(0), name: "", type: "" };
    const ufsUrl = `${standin.url}/f/${note.key}`;
    const file = { name, size: bytes.length, type, customId: null, key: note.key, url: ufsUrl, appUrl: ufsUrl, ufsUrl };
    const body = JSON.stringify({
      status: "uploaded",
      metadata: { uploadedBy: people.author.id },
      file: { ...file, fileHash: createHash("md5").update(bytes).digest("hex") },
      origin: standin.url,
    });
    const again = await fetch(`${appUrl}/api/uploadthing?slug=posts.attachments`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "uploadthing-hook": "callback",
        "x-uploadthing-signature": `hmac-sha256=${createHmac("sha256", ut.apiKey).update(body).digest("hex")}`,
      },
      body,
    });
    expect(again.status).toBe(200);
    expect(await t.db.select().from(files).where(eq(files.key, note.key))).toHaveLength(1);
    expect(standin.deleted).not.toContain(note.key);
  });

  it("only take callbacks signed with the app's key", async () => {
    const forged = await fetch(`${appUrl}/api/uploadthing?slug=posts.cover`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "uploadthing-hook": "callback",
        "x-uploadthing-signature": `hmac-sha256=${"0".repeat(64)}`,
      },
      body: JSON.stringify({ status: "uploaded", metadata: { uploadedBy: people.author.id }, file: {}, origin: "x" }),
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toEqual({ message: "Invalid signature" });
  });
});

describe("attaching, replacing and freeing files stored at uploadthing", () => {
  it("a create takes the caller's pending upload by id; replacing detaches the old one", async () => {
    const first = await accepted("author", "posts", "cover", await png(), "first.png", "image/png");
    const second = await accepted("author", "posts", "cover", await png(200, 100), "second.png", "image/png");
    const post = await newPost(people.author, { cover: first.id });
    const { key: _key, ...descriptor } = first;
    expect(post.cover).toEqual(descriptor);
    expect(await rowOf(first.id)).toMatchObject({ state: "attached", recordId: post.id });
    const updated = await callers(t.db)
      .as(people.author)
      .posts.update({ id: post.id, data: { cover: second.id } });
    expect(updated.cover?.name).toBe("second.png");
    expect((await rowOf(first.id))?.state).toBe("detached");
    // Detached is kept for a revert until its grace is over: still at uploadthing.
    expect(standin.stored(first.key)).toBeDefined();
  });

  it("a purged post's files are deleted at uploadthing and from the ledger right after commit", async () => {
    const cover = await accepted("author", "posts", "cover", await png(), "gone.png", "image/png");
    const post = await newPost(people.author, { cover: cover.id });
    const admin = callers(t.db).as(people.admin);
    await admin.posts.delete({ id: post.id });
    expect(standin.deleted).not.toContain(cover.key);
    await admin.posts.purge({ id: post.id });
    expect(standin.deleted).toContain(cover.key);
    expect(standin.stored(cover.key)).toBeUndefined();
    expect(await rowOf(cover.id)).toBeUndefined();
  });

  it("the sweeper deletes uploads never attached after their grace, at uploadthing too, and nothing in use", async () => {
    const stale = await accepted("author", "posts", "cover", await png(), "stale.png", "image/png");
    const used = await accepted("author", "posts", "cover", await png(), "used.png", "image/png");
    await newPost(people.author, { cover: used.id });
    const result = await sweepFiles(t.db, new Date(Date.now() + 25 * 3_600_000));
    expect(result?.deleted).toBeGreaterThan(0);
    expect(standin.deleted).toContain(stale.key);
    expect(await rowOf(stale.id)).toBeUndefined();
    expect(standin.deleted).not.toContain(used.key);
    expect(await rowOf(used.id)).toBeDefined();
  });
});

describe("serving files stored at uploadthing", () => {
  it("streams a published cover from uploadthing, with ranges and thumbnails of exactly their size", async () => {
    const bytes = await png(1600, 900);
    const cover = await accepted("author", "posts", "cover", bytes, "wide.png", "image/png");
    const post = await newPost(people.author, { cover: cover.id, status: "published" });
    const url = fileUrl("posts", post.id, "cover", cover);
    const whole = await get(anonymous, url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await get(anonymous, url, { range: "bytes=100-199" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
    const thumb = await get(anonymous, `${url}?thumb=400x225`);
    expect(thumb.status).toBe(200);
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([400, 225]);
    // Every read went through a URL signed with the app's key: the stand-in keeps files private.
    expect(standin.requests.filter((r) => r.path.includes(cover.key) && r.method === "GET")).not.toHaveLength(0);
    expect(standin.requests.filter((r) => r.path.includes(cover.key) && r.status === 403)).toHaveLength(0);
  });

  it("cuts the range out when the file host answers a range with the whole file (as HTTP allows)", async () => {
    const text = "0123456789abcdefghij";
    const note = await accepted("author", "posts", "attachments", text, "n.txt", "text/plain");
    const post = await newPost(people.author, { attachments: [note.id], status: "published" });
    standin.ranges = false;
    try {
      const part = await get(anonymous, fileUrl("posts", post.id, "attachments", note), { range: "bytes=3-6" });
      expect(part.status).toBe(206);
      expect(await part.text()).toBe("3456");
    } finally {
      standin.ranges = true;
    }
  });

  it("a draft's attachment: private to its author, a text range answered, never to another member", async () => {
    const text = "0123456789abcdefghij";
    const note = await accepted("author", "posts", "attachments", text, "plan.txt", "text/plain");
    expect(note).toMatchObject({ type: "text/plain", size: text.length });
    const draft = await newPost(people.author, { attachments: [note.id] });
    const url = fileUrl("posts", draft.id, "attachments", note);
    const mine = await get(as(people.author), url, { range: "bytes=5-9" });
    expect(mine.status).toBe(206);
    expect(mine.headers.get("cache-control")).toBe("private, no-store");
    expect(await mine.text()).toBe("56789");
    expect((await get(as(people.other), url)).status).toBe(404);
    expect((await get(anonymous, url)).status).toBe(404);
  });
});
