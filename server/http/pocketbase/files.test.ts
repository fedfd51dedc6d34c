/**
 * PocketBase's files through the unmodified `pocketbase` SDK, its requests answered in process by the real route
 * modules (/api/collections, /api/files/[...path], /api/files/token, /api/files/upload) on a real PostgreSQL:
 * records show file names, `pb.files.getURL()` opens the file and its thumbnails under the record's rules,
 * `pb.files.getToken()` opens protected files, writes keep, remove and clear files by name, and, generated, file
 * names map back to their files and hostile paths answer 4xx, never 5xx.
 */
import fs from "node:fs/promises";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import type PocketBase from "pocketbase";
import type { RecordModel } from "pocketbase";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { files, posts } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { StoredFile } from "@/server/core/files/column";
import { fileIdOfName, pocketBaseFileName } from "@/server/core/pocketbase/record";
import { type Handler, inProcessSdk, refusal, type SignedIn, signedIn } from "./testing";

const dataDir = vi.hoisted(() => {
  const dir = `${require("node:os").tmpdir()}/atrium-pb-files-${process.pid}-${Date.now()}`;
  process.env.ATRIUM_DATA_DIR = dir;
  return dir;
});

const PASSWORD = "pocketbase-files passphrase 7d1e";
const ORIGIN = "http://localhost:3000";
const NAME = /^[\p{L}\p{M}\p{N}_]+_[0-9a-f]{32}(\.[a-z0-9]{1,20})?$/u;

let t: TestDatabase;
let handle: Handler;
let upload: typeof import("@/app/api/files/upload/route");
const who = {} as Record<"author" | "other", SignedIn>;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  for (const name of ["author", "other"] as const) {
    who[name] = await signedIn(t, { name, email: `${name}@pb-files.test` }, PASSWORD);
  }
  upload = await import("@/app/api/files/upload/route");
  const serve = await import("@/app/api/files/[...path]/route");
  const token = await import("@/app/api/files/token/route");
  const { createRestHandler } = await import("@/server/http/rest/handler");
  const { createPocketBaseCollections } = await import("./collections");
  const { resources } = await import("@/server/resources");
  const limits = { perIp: 1_000_000, perUser: 1_000_000 };
  const collections = createPocketBaseCollections(resources, createRestHandler({ limits }), { limits });
  const batch = (await import("./batch")).createPocketBaseBatch(resources, { limits });
  handle = (req) => {
    const { pathname } = new URL(req.url);
    if (pathname.startsWith("/api/collections/")) return collections(req);
    if (pathname === "/api/batch") return batch(req);
    if (pathname === "/api/files/token") return token.POST(req);
    // Next hands a catch-all route its segments decoded.
    const path = pathname
      .replace(/^\/api\/files\//, "")
      .split("/")
      .map(decodeSegment);
    return serve.GET(req, { params: Promise.resolve({ path }) });
  };
}, 60_000);

afterAll(async () => {
  await t.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The SDK, unmodified, its requests answered in process; with a session cookie, or signed in through its own API. */
function client(cookie?: string): PocketBase {
  return inProcessSdk(handle, cookie ? { cookie } : {}, ORIGIN);
}

/** What a browser's <img> or a download does with a URL the SDK built: a GET with no credentials but what it names. */
function open(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return handle(new Request(url, { headers }));
}

async function uploaded(field: "cover" | "attachments", body: BodyInit, name: string): Promise<StoredFile> {
  const res = await upload.POST(
    new Request(`${ORIGIN}/api/files/upload?resource=posts&field=${field}`, {
      method: "POST",
      body,
      headers: { cookie: who.author.cookie, origin: ORIGIN, "x-file-name": encodeURIComponent(name) },
    }),
  );
  expect(res.status).toBe(201);
  return (await res.json()) as StoredFile;
}

const png = async (width = 300, height = 200) =>
  new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: "#3a7" } })
      .png()
      .toBuffer(),
  );

async function stored(id: string) {
  const [row] = await t.db.select().from(posts).where(eq(posts.id, id));
  return row as typeof posts.$inferSelect;
}

async function ledgerState(id: string) {
  const [row] = await t.db.select({ state: files.state }).from(files).where(eq(files.id, id));
  return row?.state;
}

describe("file names", () => {
  it("map back to their file's id, survive encodeURIComponent in a path, and read as the file's name", () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.string({ unit: "binary", maxLength: 400 }),
          fc.constantFrom(
            "..",
            ".",
            "a/b\\c.png",
            "%2e%2e",
            "x.tar.gz",
            "\u202etxt.exe",
            "ドキュメント.PDF",
            "\ud800.png",
          ),
        ),
        (id, name) => {
          const made = pocketBaseFileName({ id, name });
          expect(fileIdOfName(made)).toBe(id.toLowerCase());
          expect(made).toMatch(NAME);
          expect(made.length).toBeLessThanOrEqual(300);
          expect(decodeURIComponent(encodeURIComponent(made))).toBe(made);
          expect(pocketBaseFileName({ id, name })).toBe(made);
        },
      ),
    );
    const id = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    expect(pocketBaseFileName({ id, name: "Summer Photo (final).PNG" })).toBe(
      "summer_photo_final_0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d.png",
    );
    expect(pocketBaseFileName({ id, name: "✓.txt" })).toBe("file_0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d.txt");
  });

  it("any other text names no file, and reading it never throws", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 2000 }), (text) => {
        const id = fileIdOfName(text);
        if (id !== null) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      }),
    );
    expect(fileIdOfName(`${"a".repeat(400)}_0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d.png`)).toBeNull();
    expect(fileIdOfName("photo_0A1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D.png")).toBeNull();
    expect(fileIdOfName("photo.png")).toBeNull();
  });
});

describe("a post with a cover and attachments, through the SDK", () => {
  let cover: StoredFile;
  let notes: StoredFile;
  let report: StoredFile;
  let draft: RecordModel;

  beforeAll(async () => {
    cover = await uploaded("cover", await png(), "Summer Photo (final).PNG");
    notes = await uploaded("attachments", "draft notes", "notes ✓.txt");
    report = await uploaded("attachments", "the Q3 report", "Q3 report.txt");
    draft = await client(who.author.cookie)
      .collection("posts")
      .create({
        title: "A draft with files",
        body: "Body long enough.",
        cover: cover.id,
        attachments: [notes.id, report.id],
      });
  });

  it("shows PocketBase file names: one name for a file, a list for several, empty when there are none", async () => {
    expect(draft.cover).toBe(pocketBaseFileName(cover));
    expect(draft.cover).toMatch(/^summer_photo_final_[0-9a-f]{32}\.png$/);
    expect(draft.attachments).toEqual([pocketBaseFileName(notes), pocketBaseFileName(report)]);
    const pb = client(who.author.cookie);
    const viewed = await pb.collection("posts").getOne(draft.id);
    expect(viewed.cover).toBe(draft.cover);
    expect(viewed.attachments).toEqual(draft.attachments);
    const listed = await pb
      .collection("posts")
      .getList(1, 5, { filter: `title = "A draft with files"`, fields: "id,cover" });
    expect(listed.items).toEqual([{ id: draft.id, cover: draft.cover }]);
    const bare = await pb.collection("posts").create({ title: "No files at all", body: "Body long enough." });
    expect(bare.cover).toBe("");
    expect(bare.attachments).toEqual([]);
  });

  it("getURL opens the file, its thumbnails and a download, for those who may read the record", async () => {
    const pb = client(who.author.cookie);
    const cookie = { cookie: who.author.cookie };
    const url = pb.files.getURL(draft, draft.cover);
    expect(url).toBe(`${ORIGIN}/api/files/posts/${draft.id}/${draft.cover}`);
    const original = await open(url, cookie);
    expect(original.status).toBe(200);
    expect(original.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await original.arrayBuffer())).toEqual(await png());

    // PocketBase's own 100x100 for any image, and the field's declared sizes.
    for (const [thumb, width, height] of [
      ["100x100", 100, 100],
      ["96x64", 96, 64],
    ] as const) {
      const res = await open(pb.files.getURL(draft, draft.cover, { thumb }), cookie);
      expect(res.status).toBe(200);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", width, height]);
    }
    const undeclared = await open(pb.files.getURL(draft, draft.cover, { thumb: "50x50" }), cookie);
    expect(undeclared.status).toBe(400);
    expect(await undeclared.json()).toMatchObject({ status: 400, data: { thumb: { code: expect.any(String) } } });

    const download = await open(pb.files.getURL(draft, draft.attachments[1], { download: true }), cookie);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; .*filename\*=UTF-8''Q3%20report\.txt$/);
    expect(await download.text()).toBe("the Q3 report");
    const ranged = await open(pb.files.getURL(draft, draft.attachments[1]), { ...cookie, range: "bytes=4-5" });
    expect(ranged.status).toBe(206);
    expect(await ranged.text()).toBe("Q3");
  });

  it("a draft's files are a 404 for another member and for nobody, in PocketBase's error shape", async () => {
    for (const name of [draft.cover, ...draft.attachments]) {
      const url = client().files.getURL(draft, name);
      for (const headers of [{ cookie: who.other.cookie }, {}] as Record<string, string>[]) {
        const res = await open(url, headers);
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ status: 404, message: expect.any(String), data: {} });
      }
    }
    const otherToken = await client(who.other.cookie).files.getToken();
    expect((await open(client().files.getURL(draft, draft.attachments[0], { token: otherToken }))).status).toBe(404);
  });

  it("a protected file opens with getToken()'s token where no credentials go, signed in with a PocketBase token", async () => {
    const pb = client();
    await pb.collection("users").authWithPassword(who.author.email, PASSWORD);
    const url = pb.files.getURL(draft, draft.attachments[0]);
    // The SDK's token in Authorization opens it; a bare link does not.
    expect((await open(url, { authorization: pb.authStore.token })).status).toBe(200);
    expect((await open(url)).status).toBe(404);
    const token = await pb.files.getToken();
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    const res = await open(pb.files.getURL(draft, draft.attachments[0], { token }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.text()).toBe("draft notes");
    const forged = await open(pb.files.getURL(draft, draft.attachments[0], { token: `${token.slice(0, -2)}xx` }));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ status: 401, data: {} });
  });

  it("getToken needs a caller: anonymous and refused credentials get PocketBase's 401", async () => {
    const anonymous = await refusal(client().files.getToken());
    expect(anonymous.status).toBe(401);
    expect(anonymous.response).toEqual({ status: 401, message: expect.any(String), data: {} });
    const pb = client();
    pb.authStore.save("not.a.token", null);
    expect((await refusal(pb.files.getToken())).status).toBe(401);
    const byCookie = await client(who.author.cookie).files.getToken();
    expect(byCookie).not.toBe("");
    const get = await handle(new Request(`${ORIGIN}/api/files/token`, { headers: { cookie: who.author.cookie } }));
    expect(get.status).toBe(405);
  });

  it("getToken passes the API's gate: another site's cookie POST, the rate limit and CORS, in PocketBase's shape", async () => {
    const { createFileTokenHandler } = await import("./files-token");
    const app = "https://app.example";
    const limited = createFileTokenHandler({
      limits: { allowedOrigins: [app] },
      limiter: { check: async () => ({ allowed: false, key: "api:test", retryAfter: 7 }) },
    });
    const post = (headers: Record<string, string>) =>
      new Request(`${ORIGIN}/api/files/token`, { method: "POST", headers: { cookie: who.author.cookie, ...headers } });
    const foreign = await limited(post({ origin: "https://evil.example" }));
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({ status: 403, message: expect.any(String), data: {} });
    const over = await limited(post({ origin: app }));
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("7");
    expect(over.headers.get("access-control-allow-origin")).toBe(app);
    expect(await over.json()).toMatchObject({ status: 429, data: {} });
    const preflight = await limited(
      new Request(`${ORIGIN}/api/files/token`, {
        method: "OPTIONS",
        headers: { origin: app, "access-control-request-method": "POST" },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(app);
  });

  it("a published post's cover is public to anyone and cacheable", async () => {
    const pb = client(who.author.cookie);
    const pub = await pb.collection("posts").create({
      title: "Published with a cover",
      body: "Body long enough.",
      status: "published",
      cover: (await uploaded("cover", await png(40, 30), "cover.png")).id,
    });
    const res = await open(client().files.getURL(pub, pub.cover, { thumb: "100x100" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=31536000, immutable$/);
  });
});

describe("writes by file name", () => {
  async function postWithTwo(title: string) {
    const a = await uploaded("attachments", "first file", "first.txt");
    const b = await uploaded("attachments", "second file", "second.txt");
    const c = await uploaded("cover", await png(20, 20), "c.png");
    const record = await client(who.author.cookie)
      .collection("posts")
      .create({ title, body: "Body long enough.", cover: c.id, attachments: [a.id, b.id] });
    return { record, a, b, c };
  }

  it("setting the names to keep removes the others, and the removed file is let go", async () => {
    const { record, a, b } = await postWithTwo("Keep one of two");
    const pb = client(who.author.cookie);
    const kept = await pb.collection("posts").update(record.id, { attachments: [record.attachments[0]] });
    expect(kept.attachments).toEqual([pocketBaseFileName(a)]);
    expect((await stored(record.id)).attachments.map((f) => f.id)).toEqual([a.id]);
    expect(await ledgerState(a.id)).toBe("attached");
    expect(await ledgerState(b.id)).toBe("detached");
  });

  it('"" clears a file and a list; PocketBase\'s modifiers remove, append and prepend by name or id', async () => {
    const { record, a, b, c } = await postWithTwo("Clear and modify");
    const pb = client(who.author.cookie);
    const cleared = await pb.collection("posts").update(record.id, { cover: "" });
    expect(cleared.cover).toBe("");
    expect((await stored(record.id)).cover).toBeNull();
    expect(await ledgerState(c.id)).toBe("detached");

    const removed = await pb.collection("posts").update(record.id, { "attachments-": [record.attachments[0]] });
    expect(removed.attachments).toEqual([pocketBaseFileName(b)]);
    const extra = await uploaded("attachments", "third file", "third.txt");
    const appended = await pb.collection("posts").update(record.id, { "attachments+": extra.id });
    expect(appended.attachments).toEqual([pocketBaseFileName(b), pocketBaseFileName(extra)]);
    const reordered = await pb.collection("posts").update(record.id, { "+attachments": pocketBaseFileName(extra) });
    expect(reordered.attachments).toEqual([pocketBaseFileName(extra), pocketBaseFileName(b)]);
    // Removing a name the field no longer holds changes nothing (a retry is harmless).
    const again = await pb.collection("posts").update(record.id, { "attachments-": record.attachments[0] });
    expect(again.attachments).toEqual(reordered.attachments);
    const none = await pb.collection("posts").update(record.id, { attachments: "" });
    expect(none.attachments).toEqual([]);
    expect((await stored(record.id)).attachments).toEqual([]);
    expect(await ledgerState(a.id)).toBe("detached");
  });

  it("names that are no file of the caller's are a 400 on the field, and nothing changes", async () => {
    const { record } = await postWithTwo("Refuse bad names");
    const pb = client(who.author.cookie);
    const before = await stored(record.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ attachments: ["nope.txt"] }, "attachments"],
      [{ attachments: [`x_${"0".repeat(32)}.txt`] }, "attachments"],
      [{ cover: ["one", "two"] }, "cover"],
      [{ cover: 42 }, "cover"],
      [{ "attachments-": ["not a file name"] }, "attachments-"],
      [{ "attachments-": [{ nested: true }] }, "attachments-"],
    ];
    for (const [body, field] of cases) {
      const error = await refusal(pb.collection("posts").update(record.id, body));
      expect(error.status).toBe(400);
      const named = Object.keys(error.response.data);
      expect(named.some((key) => key === field || key.startsWith(`${field}.`))).toBe(true);
    }
    expect(await stored(record.id)).toEqual(before);
  });

  it("a batch writes file names too, and refuses a modifier with a 400 that changes nothing", async () => {
    const { record, a } = await postWithTwo("Batched file writes");
    const pb = client(who.author.cookie);
    const refused = pb.createBatch();
    refused.collection("posts").update(record.id, { title: "Renamed in a batch" });
    refused.collection("posts").update(record.id, { "attachments-": [record.attachments[1]] });
    const error = await refusal(refused.send());
    expect(error.status).toBe(400);
    expect(Object.keys(error.response.data)).toEqual(["requests"]);
    expect((await stored(record.id)).title).toBe("Batched file writes");

    const kept = pb.createBatch();
    kept.collection("posts").update(record.id, { attachments: [record.attachments[0]] });
    const [result] = await kept.send();
    expect(result?.body.attachments).toEqual([pocketBaseFileName(a)]);
    expect((await stored(record.id)).attachments.map((f) => f.id)).toEqual([a.id]);
  });

  it("another member's modifier on a draft is a 404, as the record is, and changes nothing", async () => {
    const { record } = await postWithTwo("Hidden from others");
    const before = await stored(record.id);
    const error = await refusal(
      client(who.other.cookie).collection("posts").update(record.id, { "attachments-": record.attachments }),
    );
    expect(error.status).toBe(404);
    expect(await stored(record.id)).toEqual(before);
  });
});

describe("hostile paths", () => {
  let real: { id: string; name: string; fileId: string };
  beforeAll(async () => {
    const file = await uploaded("attachments", "hostile", "../../etc/passwd");
    const record = await client(who.author.cookie)
      .collection("posts")
      .create({ title: "Hostile paths", body: "Body long enough.", attachments: [file.id] });
    real = { id: record.id, name: record.attachments[0], fileId: file.id };
    expect(real.name).toMatch(/^passwd_[0-9a-f]{32}$/);
  });

  it("only the exact name opens a file: another spelling of its id is a 404 even for its author", async () => {
    const author = { cookie: who.author.cookie };
    const base = `${ORIGIN}/api/files/posts/${real.id}`;
    expect((await open(`${base}/${real.name}`, author)).status).toBe(200);
    expect((await open(`${base}/attachments/${real.fileId}/passwd`, author)).status).toBe(200);
    const hex = real.name.split("_").at(-1) as string;
    for (const other of [real.name.toUpperCase(), `other_${hex}`, `${real.name}.txt`, real.fileId, `_${hex}`, hex]) {
      const res = await open(`${base}/${encodeURIComponent(other)}`, author);
      expect(res.status).toBe(404);
    }
    expect((await open(`${ORIGIN}/api/files/comments/${real.id}/${real.name}`, author)).status).toBe(404);
    expect((await open(`${ORIGIN}/api/files/nothing/${real.id}/${real.name}`, author)).status).toBe(404);
  });

  it("a record id that cannot be one is a 404 on both shapes, not a 500 (it reached SQL as a bad uuid)", async () => {
    const author = { cookie: who.author.cookie };
    for (const id of ["abc", "\u0000", `${real.id}x`, "1".repeat(201)]) {
      const segment = encodeURIComponent(id);
      const pocketBase = await open(`${ORIGIN}/api/files/users/${segment}/${real.name}`, author);
      expect(pocketBase.status).toBe(404);
      const atrium = await open(`${ORIGIN}/api/files/users/${segment}/avatar/${real.fileId}/x.png`, author);
      expect(atrium.status).toBe(404);
    }
  });

  it("any collection, record id, file name, query and caller answer 4xx (PocketBase's shape), never 5xx", async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.constantFrom("", ".", "..", "%00", "%ZZ", "a/b", "__proto__", "constructor", "posts", "users"),
    );
    const name = fc.oneof(
      text,
      fc.uuid().map((id) => pocketBaseFileName({ id, name: "x.txt" })),
      fc.constant(null).map(() => real.name),
      fc.constant(null).map(() => real.name.toUpperCase()),
      fc.constant(null).map(() => `other_${real.name.split("_").at(-1)}`),
    );
    const callers = { nobody: {}, other: { cookie: who.other.cookie }, author: { cookie: who.author.cookie } };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant("posts"), text),
        fc.oneof(
          fc.constant(null).map(() => real.id),
          text,
        ),
        name,
        fc.dictionary(fc.constantFrom("thumb", "download", "token", "x"), text, { maxKeys: 3 }),
        fc.constantFrom("nobody", "other", "author", "garbage token"),
        async (collection, recordId, filename, query, caller) => {
          const path = [collection, recordId, filename].map((s) => encodeURIComponent(s.toWellFormed())).join("/");
          const search = new URLSearchParams(
            Object.entries(query).map(([k, v]) => [k, v.toWellFormed()] as [string, string]),
          ).toString();
          const url = new URL(`${ORIGIN}/api/files/${path}${search ? `?${search}` : ""}`);
          const headers =
            caller === "garbage token" ? { authorization: "garbage" } : callers[caller as keyof typeof callers];
          const res = await open(url.href, headers);
          const exact = collection === "posts" && recordId === real.id && filename === real.name && caller === "author";
          expect(exact ? [200, 206, 400, 401] : [400, 401, 404]).toContain(res.status);
          if (res.status < 400) return;
          const body = (await res.json()) as { status?: number; message?: string; error?: { message: string } };
          const message = body.message ?? body.error?.message;
          expect(message).toEqual(expect.any(String));
          expect(message).not.toMatch(/ at \w| postgres|select |undefined/i);
          // "." and ".." segments are resolved away by the URL itself; every three-segment path is PocketBase's.
          if (url.pathname.split("/").length === 6) {
            expect(body).toEqual({ status: res.status, message: expect.any(String), data: expect.any(Object) });
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
