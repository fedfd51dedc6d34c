/**
 * Files end to end on a real PostgreSQL and the local disk, through the same handlers the routes call and the
 * engine's procedures (decision 017): upload (checked by content), attach, replace, revert, serve with the record's
 * rules, protected files and tokens, ranges, thumbnails decoded to check their size, purge and the sweeper.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, files, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { resources } from "@/server/resources";
import { callers, rejection } from "@/server/testing";
import type { Actor, User } from "../actor";
import type { StoredFile } from "./column";
import { parseFilePath, serveFile } from "./serve";
import { sweepFiles } from "./sweep";
import { createFileToken, verifyFileToken } from "./token";
import { fileTarget, handleUpload } from "./upload";

// Uploads of this test go to a folder of its own, never the app's .data/ (env() reads this on first use).
const dataDir = vi.hoisted(() => {
  const dir = `${require("node:os").tmpdir()}/atrium-files-test-${process.pid}-${Date.now()}`;
  process.env.ATRIUM_DATA_DIR = dir;
  return dir;
});

let t: TestDatabase;
const people = {} as Record<"admin" | "author" | "other", User>;
const as = (user: User): Actor => ({ kind: "user", user, via: "session" });
const anonymous: Actor = { kind: "anonymous" };

beforeAll(async () => {
  t = await createTestDatabase();
  for (const [key, role] of [
    ["admin", "admin"],
    ["author", "member"],
    ["other", "member"],
  ] as const) {
    const [row] = await t.db
      .insert(users)
      .values({ name: key, email: `${key}@files.test`, role })
      .returning();
    people[key] = row as User;
  }
});
afterAll(async () => {
  await t.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const png = (width = 400, height = 300) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer();

async function upload(actor: Actor, resource: string, field: string, body: Buffer | string, name = "file.bin") {
  const found = fileTarget(resources, resource, field);
  if (found.error) throw new Error("no such field");
  const req = new Request(`http://localhost/api/files/upload?resource=${resource}&field=${field}`, {
    method: "POST",
    body: typeof body === "string" ? body : new Uint8Array(body),
    headers: { "x-file-name": encodeURIComponent(name) },
  });
  const res = await handleUpload(req, t.db, actor, found.target);
  return {
    status: res.status,
    body: (await res.json()) as StoredFile & { error?: { message: string; fieldErrors: Record<string, string[]> } },
  };
}

async function get(actor: Actor, url: string, headers: HeadersInit = {}) {
  const parsed = new URL(url, "http://localhost");
  const segments = parsed.pathname.replace(/^\/api\/files\//, "").split("/");
  const request = parseFilePath(segments, parsed.searchParams);
  if (!request) return new Response(null, { status: 404 });
  return serveFile(new Request(parsed, { headers }), t.db, actor, resources, request);
}

const fileUrl = (resource: string, id: string, field: string, file: StoredFile) =>
  `/api/files/${resource}/${id}/${field}/${file.id}/${encodeURIComponent(file.name)}`;

async function newPost(user: User, data: Record<string, unknown> = {}) {
  return callers(t.db)
    .as(user)
    .posts.create({
      title: `Post with files ${Math.random()}`,
      body: "A body that is long enough.",
      ...data,
    } as never);
}

describe("meta", () => {
  it("describes file fields: their kind, widget, limits in bytes, protection and thumbnail sizes", async () => {
    const meta = await callers(t.db).as(people.author).posts.meta();
    const field = (name: string) => meta.fields.find((f) => f.name === name);
    expect(field("cover")).toMatchObject({
      type: "file",
      widget: "file",
      required: false,
      canCreate: true,
      filterable: false,
      file: {
        uploader: "local",
        accept: ["image/*"],
        maxSize: 10 * 1024 * 1024,
        protected: false,
        thumbs: ["96x64", "400x225", "1200x0"],
      },
    });
    expect(field("attachments")).toMatchObject({
      type: "file",
      file: { multiple: 10, maxSize: 25 * 1024 * 1024, protected: "per-record" },
    });
    expect(field("attachments")?.file?.accept).toBeUndefined();
  });
});

describe("uploads", () => {
  it("store a checked image as pending, with its sniffed type and dimensions, whatever its name says", async () => {
    const { status, body } = await upload(as(people.author), "posts", "cover", await png(), "../../etc/cover.pdf");
    expect(status).toBe(201);
    expect(body).toMatchObject({ name: "cover.pdf", type: "image/png", width: 400, height: 300 });
    const [row] = await t.db.select().from(files).where(eq(files.id, body.id));
    expect(row).toMatchObject({ state: "pending", uploadedBy: people.author.id, resource: "posts", field: "cover" });
  });

  it("refuse by content, size and caller, naming the field, and keep nothing", async () => {
    const before = await t.db.select().from(files);
    const html = await upload(as(people.author), "posts", "cover", "<html><script>alert(1)</script></html>", "x.png");
    expect(html.status).toBe(415);
    expect(html.body.error?.fieldErrors.cover?.[0]).toBe("Cover image accepts image files; this file is text/plain.");
    const big = await upload(as(people.author), "users", "avatar", Buffer.alloc(5 * 1024 * 1024 + 1), "big.png");
    expect(big.status).toBe(413);
    expect(big.body.error?.fieldErrors.avatar?.[0]).toBe("Avatar takes files up to 5 MB.");
    expect((await upload(anonymous, "posts", "cover", await png())).status).toBe(401);
    const broken = Buffer.concat([(await png()).subarray(0, 64), Buffer.alloc(64)]);
    expect((await upload(as(people.author), "posts", "cover", broken)).status).toBe(400);
    expect((await upload(as(people.author), "posts", "cover", "")).status).toBe(400);
    expect(await t.db.select().from(files)).toHaveLength(before.length);
  });

  it("of a PNG named .pdf to a field that takes anything keep the PNG's type", async () => {
    const { body } = await upload(as(people.author), "posts", "attachments", await png(10, 10), "scan.pdf");
    expect(body.type).toBe("image/png");
  });
});

describe("attaching", () => {
  it("a create takes the caller's pending upload by id and stores its descriptor; the ledger marks it attached", async () => {
    const { body: cover } = await upload(as(people.author), "posts", "cover", await png(), "cover.png");
    const post = await newPost(people.author, { cover: cover.id });
    expect(post.cover).toEqual(cover);
    const [row] = await t.db.select().from(files).where(eq(files.id, cover.id));
    expect(row).toMatchObject({ state: "attached", recordId: post.id });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.recordId, post.id));
    expect((entry?.after as { cover?: StoredFile } | undefined)?.cover?.name).toBe("cover.png");
  });

  it("refuses someone else's upload, an attached file and a made-up id on the field, writing nothing", async () => {
    const { body: theirs } = await upload(as(people.other), "posts", "cover", await png());
    const error = await rejection(newPost(people.author, { cover: theirs.id }));
    expect(error.fieldErrors.cover?.[0]).toMatch(/not an upload of yours/);
    const { body: mine } = await upload(as(people.author), "posts", "cover", await png());
    await newPost(people.author, { cover: mine.id });
    expect((await rejection(newPost(people.author, { cover: mine.id }))).fieldErrors.cover).toBeDefined();
    const made = await rejection(newPost(people.author, { cover: crypto.randomUUID() }));
    expect(made.code).toBe("BAD_REQUEST");
    const forged = await rejection(newPost(people.author, { cover: { id: "x", name: "evil.html" } }));
    expect(forged.fieldErrors.cover).toBeDefined();
  });

  it("a file uploaded for one field cannot be attached to another", async () => {
    const { body } = await upload(as(people.author), "posts", "attachments", await png(10, 10));
    expect((await rejection(newPost(people.author, { cover: body.id }))).fieldErrors.cover).toBeDefined();
  });

  it("replacing detaches the old file (kept for revert), and revert brings it back", async () => {
    const author = callers(t.db).as(people.author);
    const { body: first } = await upload(as(people.author), "posts", "cover", await png(), "first.png");
    const { body: second } = await upload(as(people.author), "posts", "cover", await png(200, 100), "second.png");
    const post = await newPost(people.author, { cover: first.id });
    const updated = await author.posts.update({ id: post.id, data: { cover: second.id } });
    expect(updated.cover?.name).toBe("second.png");
    const [old] = await t.db.select().from(files).where(eq(files.id, first.id));
    expect(old?.state).toBe("detached");
    const history = await callers(t.db).as(people.admin).posts.history({ id: post.id });
    const change = history.items.find((e) => e.operation === "update");
    await callers(t.db)
      .as(people.admin)
      .posts.revert({ id: post.id, entryId: change?.id as number, to: "before" });
    const reverted = await author.posts.get({ id: post.id });
    expect(reverted.cover?.id).toBe(first.id);
    const rows = await t.db.select().from(files).where(eq(files.recordId, post.id));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.state]))).toEqual({
      [first.id]: "attached",
      [second.id]: "detached",
    });
  });

  it("attachments keep order, refuse more than 10, and a descriptor sent back counts as its id", async () => {
    const ups = [];
    for (let i = 0; i < 3; i++)
      ups.push((await upload(as(people.author), "posts", "attachments", `note ${i}`, `n${i}.txt`)).body);
    const post = await newPost(people.author, { attachments: ups.map((u) => u.id) });
    expect(post.attachments.map((f) => f.name)).toEqual(["n0.txt", "n1.txt", "n2.txt"]);
    const kept = await callers(t.db)
      .as(people.author)
      .posts.update({
        id: post.id,
        data: { attachments: [post.attachments[2] as StoredFile, (ups[0] as StoredFile).id] },
      });
    expect(kept.attachments.map((f) => f.name)).toEqual(["n2.txt", "n0.txt"]);
    const eleven = Array.from({ length: 11 }, () => crypto.randomUUID());
    expect((await rejection(newPost(people.author, { attachments: eleven }))).fieldErrors.attachments).toBeDefined();
  });
});

describe("serving", () => {
  it("a published post's cover to anyone, cacheable; a draft's only to those who may read the draft", async () => {
    const { body: cover } = await upload(as(people.author), "posts", "cover", await png(), "c.png");
    const post = await newPost(people.author, { cover: cover.id, status: "published" });
    const url = fileUrl("posts", post.id, "cover", cover);
    const open = await get(anonymous, url);
    expect(open.status).toBe(200);
    expect(open.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(open.headers.get("content-type")).toBe("image/png");
    expect(open.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await open.arrayBuffer()).equals(await fs.readFile(await localPath(cover.id)))).toBe(true);
    expect((await get(anonymous, url, { "if-none-match": open.headers.get("etag") as string })).status).toBe(304);

    const { body: draftCover } = await upload(as(people.author), "posts", "cover", await png(), "d.png");
    const draft = await newPost(people.author, { cover: draftCover.id });
    const draftUrl = fileUrl("posts", draft.id, "cover", draftCover);
    expect((await get(anonymous, draftUrl)).status).toBe(404);
    expect((await get(as(people.other), draftUrl)).status).toBe(404);
    expect((await get(as(people.author), draftUrl)).status).toBe(200);
    // The file of another record (or field) is not reachable through this one.
    expect((await get(anonymous, fileUrl("posts", post.id, "cover", draftCover))).status).toBe(404);
    expect((await get(anonymous, fileUrl("posts", post.id, "attachments", cover))).status).toBe(404);
  });

  it("a draft's attachment: protected, private; opens for its author by session or file token, never for another", async () => {
    const { body: doc } = await upload(as(people.author), "posts", "attachments", "%PDF-1.4\n1 0 obj\n", "plan.pdf");
    const draft = await newPost(people.author, { attachments: [doc.id] });
    const url = fileUrl("posts", draft.id, "attachments", doc);
    const mine = await get(as(people.author), url);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("cache-control")).toBe("private, no-store");
    expect(mine.headers.get("content-disposition")).toMatch(/^inline; filename="plan.pdf"/);
    expect((await get(as(people.other), url)).status).toBe(404);
    expect((await get(anonymous, url)).status).toBe(404);

    const { token } = createFileToken(people.author.id, "secret");
    expect(verifyFileToken(token, "secret")).toBe(people.author.id);
    expect(verifyFileToken(token, "other secret")).toBeNull();
    expect(verifyFileToken(`${token}x`, "secret")).toBeNull();
    const expired = createFileToken(people.author.id, "secret", Date.now() - 10 * 60_000).token;
    expect(verifyFileToken(expired, "secret")).toBeNull();
  });

  it("answers ranges, and files as attachments with a sandbox unless they are safe inline", async () => {
    const text = "0123456789abcdefghij";
    const { body: note } = await upload(as(people.author), "posts", "attachments", text, "n.txt");
    const { body: svg } = await upload(
      as(people.author),
      "posts",
      "attachments",
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      "x.svg",
    );
    const post = await newPost(people.author, { attachments: [note.id, svg.id], status: "published" });
    const part = await get(anonymous, fileUrl("posts", post.id, "attachments", note), { range: "bytes=5-9" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 5-9/${text.length}`);
    expect(await part.text()).toBe("56789");
    expect((await get(anonymous, fileUrl("posts", post.id, "attachments", note), { range: "bytes=-3" })).status).toBe(
      206,
    );
    const past = await get(anonymous, fileUrl("posts", post.id, "attachments", note), { range: "bytes=99-" });
    expect(past.status).toBe(416);
    // An SVG (or HTML) upload is sniffed as text: shown as text, never rendered, and sandboxed if it were.
    const script = await get(anonymous, fileUrl("posts", post.id, "attachments", svg));
    expect(script.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(script.headers.get("content-security-policy")).toContain("sandbox");
    const { body: xmlSvg } = await upload(
      as(people.author),
      "posts",
      "attachments",
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      "y.svg",
    );
    const withXml = await callers(t.db)
      .as(people.author)
      .posts.update({ id: post.id, data: { attachments: [note.id, svg.id, xmlSvg.id] } });
    const xml = await get(anonymous, fileUrl("posts", withXml.id, "attachments", xmlSvg));
    expect(xml.headers.get("content-type")).toBe("application/xml");
    expect(xml.headers.get("content-disposition")).toMatch(/^attachment/);
  });

  it("makes only the definition's thumbnails, of exactly their size, and caches them", async () => {
    const { body: cover } = await upload(as(people.author), "posts", "cover", await png(1600, 900), "wide.png");
    const post = await newPost(people.author, { cover: cover.id, status: "published" });
    const url = fileUrl("posts", post.id, "cover", cover);
    for (const [size, width, height] of [
      ["400x225", 400, 225],
      ["96x64", 96, 64],
      ["1200x0", 1200, 675],
    ] as const) {
      const res = await get(anonymous, `${url}?thumb=${size}`);
      expect(res.status, size).toBe(200);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect([meta.width, meta.height], size).toEqual([width, height]);
    }
    const again = await get(anonymous, `${url}?thumb=400x225`);
    expect(again.status).toBe(200);
    // A burst for a thumbnail not made yet: all answered, with the same bytes.
    const { body: fresh } = await upload(as(people.author), "posts", "cover", await png(800, 800), "burst.png");
    const burstPost = await newPost(people.author, { cover: fresh.id, status: "published" });
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => get(anonymous, `${fileUrl("posts", burstPost.id, "cover", fresh)}?thumb=96x64`)),
    );
    const bodies = await Promise.all(burst.map(async (r) => Buffer.from(await r.arrayBuffer()).toString("base64")));
    expect(burst.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(bodies).size).toBe(1);
    expect((await get(anonymous, `${url}?thumb=123x45`)).status).toBe(400);
  });
});

describe("freeing files", () => {
  it("a purged post's files are deleted from disk and the ledger right after commit", async () => {
    const { body: cover } = await upload(as(people.author), "posts", "cover", await png(), "gone.png");
    const post = await newPost(people.author, { cover: cover.id });
    const stored = await localPath(cover.id);
    const admin = callers(t.db).as(people.admin);
    await admin.posts.delete({ id: post.id });
    // Soft-deleted: kept until purge.
    await expect(fs.stat(stored)).resolves.toBeDefined();
    await admin.posts.purge({ id: post.id });
    await expect(fs.stat(stored)).rejects.toThrow();
    expect(await t.db.select().from(files).where(eq(files.id, cover.id))).toHaveLength(0);
  });

  it("the sweeper deletes uploads never attached and detached files after their grace, nothing else", async () => {
    const { body: stale } = await upload(as(people.author), "posts", "cover", await png(), "stale.png");
    const { body: used } = await upload(as(people.author), "posts", "cover", await png(), "used.png");
    await newPost(people.author, { cover: used.id });
    const stalePath = await localPath(stale.id);
    const result = await sweepFiles(t.db, new Date(Date.now() + 25 * 3_600_000));
    expect(result?.deleted).toBeGreaterThan(0);
    expect(await t.db.select().from(files).where(eq(files.id, stale.id))).toHaveLength(0);
    await expect(fs.stat(stalePath)).rejects.toThrow();
    expect(await t.db.select().from(files).where(eq(files.id, used.id))).toHaveLength(1);
  });
});

/** Where the local adapter keeps a file: read from its ledger row (ask before the row is deleted). */
async function localPath(fileId: string): Promise<string> {
  const [row] = await t.db.select({ key: files.key }).from(files).where(eq(files.id, fileId));
  if (!row) throw new Error(`no ledger row for ${fileId}`);
  return path.join(dataDir, "uploads", row.key.slice(0, 2), row.key);
}
