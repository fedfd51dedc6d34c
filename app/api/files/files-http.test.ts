/**
 * The files routes as HTTP sees them (the route modules with real Requests, real sessions, API tokens and file
 * tokens, on a real PostgreSQL): who may upload and from where, file tokens on protected files, and generated
 * hostile input (paths, query strings, names, bodies, headers) that must never be a 5xx, never echo internals, and
 * never leave a ledger row behind unless the answer was a 201.
 */
import fs from "node:fs/promises";
import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { files, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { authSecret } from "@/server/auth/secret";
import { createApiToken, createUserWithPassword, signInCookie } from "@/server/auth/testing";
import type { User } from "@/server/core";
import type { StoredFile } from "@/server/core/files/column";
import { createFileToken } from "@/server/core/files/token";
import { callers } from "@/server/testing";

const dataDir = vi.hoisted(() => {
  const dir = `${require("node:os").tmpdir()}/atrium-files-http-${process.pid}-${Date.now()}`;
  process.env.ATRIUM_DATA_DIR = dir;
  return dir;
});

const PASSWORD = "correct horse battery staple";
const ORIGIN = "http://localhost:3000";
let t: TestDatabase;
let upload: typeof import("./upload/route");
let serve: typeof import("./[...path]/route");
let trpc: typeof import("../trpc/[trpc]/route");
const who = {} as Record<"author" | "other", { id: string; cookie: string }>;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  for (const name of ["author", "other"] as const) {
    const user = await createUserWithPassword(t.db, { name, email: `${name}@http.test`, role: "member" }, PASSWORD);
    who[name] = { id: user.id, cookie: await signInCookie(t.db, user.email, PASSWORD) };
  }
  upload = await import("./upload/route");
  serve = await import("./[...path]/route");
  trpc = await import("../trpc/[trpc]/route");
}, 60_000);
afterAll(async () => {
  await t.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const ledgerSize = async () => (await t.db.select({ n: count() }).from(files))[0]?.n ?? 0;

function post(query: string, body: BodyInit | null, headers: Record<string, string> = {}) {
  return upload.POST(new Request(`${ORIGIN}/api/files/upload?${query}`, { method: "POST", body, headers }));
}

function get(path: string, headers: Record<string, string> = {}) {
  const url = new URL(path, ORIGIN);
  const segments = url.pathname.replace(/^\/api\/files\//, "").split("/");
  return serve.GET(new Request(url, { headers }), { params: Promise.resolve({ path: segments }) });
}

const png = () =>
  sharp({ create: { width: 20, height: 20, channels: 3, background: "#08f" } })
    .png()
    .toBuffer();

describe("who may upload, and from where", () => {
  it("a signed-in member from this site: 201; from another site, anonymous, or with a read-only token: refused", async () => {
    const body = new Uint8Array(await png());
    const ok = await post("resource=posts&field=cover", body, { cookie: who.author.cookie, origin: ORIGIN });
    expect(ok.status).toBe(201);
    const before = await ledgerSize();
    const foreign = await post("resource=posts&field=cover", body, {
      cookie: who.author.cookie,
      origin: "https://evil.example",
    });
    expect(foreign.status).toBe(403);
    expect((await post("resource=posts&field=cover", body)).status).toBe(401);
    const readToken = await createApiToken(t.db, who.author.id, { scope: "read" });
    const read = await post("resource=posts&field=cover", body, { authorization: `Bearer ${readToken}` });
    expect(read.status).toBe(403);
    const writeToken = await createApiToken(t.db, who.author.id, { scope: "write" });
    expect((await post("resource=posts&field=cover", body, { authorization: `Bearer ${writeToken}` })).status).toBe(
      201,
    );
    expect(await ledgerSize()).toBe(before + 1);
  });
});

describe("protected files and file tokens", () => {
  it("a draft's attachment opens with its author's session or files.token, not another's, not an expired one", async () => {
    const sent = await post("resource=posts&field=attachments", "draft notes", {
      cookie: who.author.cookie,
      origin: ORIGIN,
      "x-file-name": encodeURIComponent("notes ✓.txt"),
    });
    const note = (await sent.json()) as StoredFile;
    expect(note.name).toBe("notes ✓.txt");
    const [author] = await t.db.select().from(users).where(eq(users.id, who.author.id));
    const draft = await callers(t.db)
      .as(author as User)
      .posts.create({ title: "A draft with notes", body: "Body long enough.", attachments: [note.id] });
    const path = `/api/files/posts/${draft.id}/attachments/${note.id}/${encodeURIComponent(note.name)}`;

    const bySession = await get(path, { cookie: who.author.cookie });
    expect(bySession.status).toBe(200);
    expect(await bySession.text()).toBe("draft notes");
    expect(bySession.headers.get("content-disposition")).toContain("filename*=UTF-8''notes%20%E2%9C%93.txt");
    expect((await get(path, { cookie: who.other.cookie })).status).toBe(404);
    expect((await get(path)).status).toBe(404);

    // files.token over /api/trpc, then the link alone (no cookie) opens it.
    const tokenAnswer = await trpc.GET(
      new Request(`${ORIGIN}/api/trpc/files.token`, { headers: { cookie: who.author.cookie } }),
    );
    expect(tokenAnswer.status).toBe(200);
    const { token } = ((await tokenAnswer.json()) as { result: { data: { json: { token: string } } } }).result.data
      .json;
    expect((await get(`${path}?token=${encodeURIComponent(token)}`)).status).toBe(200);
    const otherToken = (
      (await (
        await trpc.GET(new Request(`${ORIGIN}/api/trpc/files.token`, { headers: { cookie: who.other.cookie } }))
      ).json()) as { result: { data: { json: { token: string } } } }
    ).result.data.json.token;
    expect((await get(`${path}?token=${encodeURIComponent(otherToken)}`)).status).toBe(404);
    // A token past its two minutes, signed with the app's own secret: refused as expired, not as forged.
    const expired = createFileToken(who.author.id, authSecret(), Date.now() - 3 * 60_000).token;
    const late = await get(`${path}?token=${encodeURIComponent(expired)}`);
    expect(late.status).toBe(401);
    const broken = await get(`${path}?token=${token.slice(0, -2)}xx`);
    expect(broken.status).toBe(401);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
    expect((await trpc.GET(new Request(`${ORIGIN}/api/trpc/files.token`))).status).toBe(401);
  });
});

describe("the files matrix: every kind of caller against public, draft and protected files, and uploads", () => {
  const ACTORS = ["anonymous", "owner", "other", "editor", "admin", "blocked", "readToken", "expiredToken"] as const;
  type Actor = (typeof ACTORS)[number];
  const headers = {} as Record<Actor, Record<string, string>>;
  const urls = {} as Record<"publishedCover" | "draftCover" | "draftAttachment" | "publishedAttachment", string>;

  beforeAll(async () => {
    const make = (name: string, role: "member" | "editor" | "admin") =>
      createUserWithPassword(t.db, { name, email: `${name}@matrix-files.test`, role }, PASSWORD);
    const owner = await make("owner", "member");
    const people = { owner, other: await make("other", "member"), editor: await make("editor", "editor") };
    const admin = await make("admin", "admin");
    const blocked = await make("blocked", "member");
    const cookie = async (email: string) => ({ cookie: await signInCookie(t.db, email, PASSWORD), origin: ORIGIN });
    headers.anonymous = { origin: ORIGIN };
    headers.owner = await cookie(owner.email);
    headers.other = await cookie(people.other.email);
    headers.editor = await cookie(people.editor.email);
    headers.admin = await cookie(admin.email);
    headers.blocked = await cookie(blocked.email);
    await t.db.update(users).set({ blocked: true }).where(eq(users.id, blocked.id));
    headers.readToken = { authorization: `Bearer ${await createApiToken(t.db, owner.id, { scope: "read" })}` };
    headers.expiredToken = {
      authorization: `Bearer ${await createApiToken(t.db, owner.id, { scope: "write", expiresAt: new Date(Date.now() - 60_000) })}`,
    };
    const up = async (field: string, body: BodyInit) =>
      (await (await post(`resource=posts&field=${field}`, body, headers.owner)).json()) as StoredFile;
    const [ownerRow] = await t.db.select().from(users).where(eq(users.id, owner.id));
    const api = callers(t.db).as(ownerRow as User);
    const pub = await api.posts.create({
      title: "Published with files",
      body: "Body long enough.",
      status: "published",
      cover: (await up("cover", new Uint8Array(await png()))).id,
      attachments: [(await up("attachments", "public notes")).id],
    });
    const draft = await api.posts.create({
      title: "Draft with files",
      body: "Body long enough.",
      cover: (await up("cover", new Uint8Array(await png()))).id,
      attachments: [(await up("attachments", "private notes")).id],
    });
    const at = (p: typeof pub, field: "cover" | "attachments") => {
      const file = (field === "cover" ? p.cover : p.attachments[0]) as StoredFile;
      return `/api/files/posts/${p.id}/${field}/${file.id}/${encodeURIComponent(file.name)}`;
    };
    Object.assign(urls, {
      publishedCover: at(pub, "cover"),
      publishedAttachment: at(pub, "attachments"),
      draftCover: at(draft, "cover"),
      draftAttachment: at(draft, "attachments"),
    });
  });

  const readers = { owner: 200, editor: 200, admin: 200, readToken: 200, anonymous: 404, other: 404 } as const;
  const everyone = { owner: 200, editor: 200, admin: 200, readToken: 200, anonymous: 200, other: 200 } as const;
  const expected: Record<keyof typeof urls, Partial<Record<Actor, number>>> = {
    publishedCover: everyone,
    publishedAttachment: everyone,
    draftCover: readers,
    draftAttachment: readers,
  };
  for (const [file, outcomes] of Object.entries(expected) as [keyof typeof urls, Partial<Record<Actor, number>>][]) {
    for (const actor of ACTORS) {
      // Refused credentials are refused whatever the file: a blocked user's session, an expired token.
      const want = actor === "blocked" || actor === "expiredToken" ? 401 : outcomes[actor];
      it(`GET ${file} as ${actor}: ${want}`, async () => {
        const res = await get(urls[file], headers[actor]);
        expect(res.status).toBe(want);
        if (want === 200) {
          const cache = res.headers.get("cache-control");
          if (file === "draftAttachment") expect(cache).toBe("private, no-store");
          else if (actor === "anonymous") expect(cache).toMatch(/^public/);
          else expect(cache).toMatch(/^private/);
        }
      });
    }
  }

  const uploads: Record<Actor, number> = {
    anonymous: 401,
    owner: 201,
    other: 201,
    editor: 201,
    admin: 201,
    blocked: 401,
    readToken: 403,
    expiredToken: 401,
  };
  for (const actor of ACTORS) {
    it(`POST an attachment as ${actor}: ${uploads[actor]}`, async () => {
      const before = await ledgerSize();
      const res = await post("resource=posts&field=attachments", "a note", headers[actor]);
      expect(res.status).toBe(uploads[actor]);
      expect(await ledgerSize()).toBe(before + (uploads[actor] === 201 ? 1 : 0));
    });
  }
});

describe("hostile input", () => {
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "binary", maxLength: 300 }),
    fc.constantFrom("", "..", "../../etc/passwd", "%00", "%ZZ", "a\u0000b", "\ud800", "posts", "cover", "__proto__"),
  );

  it("uploads: any resource, field, name, headers and body answer 2xx or 4xx, and only a 201 adds a ledger row", async () => {
    await fc.assert(
      fc.asyncProperty(
        text,
        text,
        text,
        fc.oneof(fc.uint8Array({ maxLength: 2000 }), fc.constant(new Uint8Array())),
        async (resource, field, name, body) => {
          const query = new URLSearchParams({
            resource: resource.toWellFormed(),
            field: field.toWellFormed(),
          }).toString();
          const headers: Record<string, string> = { cookie: who.author.cookie, origin: ORIGIN };
          // Header values must be ByteStrings to be sent at all; the name travels percent-encoded, as the UI sends it.
          headers["x-file-name"] = encodeURIComponent(name.toWellFormed());
          const before = await ledgerSize();
          const res = await post(query, body, headers);
          expect(res.status, `${resource}/${field}`).toBeLessThan(500);
          const answer = await res.text();
          expect(answer).not.toMatch(/postgres|select |stack|node_modules|at [\w.]+ \(/i);
          expect(await ledgerSize()).toBe(before + (res.status === 201 ? 1 : 0));
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it("downloads: any path, thumb and token answer 2xx, 3xx or 4xx, never a 5xx", async () => {
    const segment = fc.oneof(text, fc.uuid(), fc.constantFrom("posts", "users", "cover", "avatar", "attachments"));
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { minLength: 0, maxLength: 7 }),
        fc.option(text),
        fc.option(text),
        fc.option(text),
        async (raw, thumb, token, range) => {
          // What reaches a route is a decoded URL path: well-formed text.
          const parts = raw.map((p) => p.toWellFormed());
          const path = `/api/files/${parts.map((p) => encodeURIComponent(p)).join("/")}`;
          const url = new URL(path, ORIGIN);
          if (thumb !== null) url.searchParams.set("thumb", thumb.toWellFormed());
          if (token !== null) url.searchParams.set("token", token.toWellFormed());
          const headers: Record<string, string> = {};
          if (range !== null) headers.range = range.replace(/[^\x20-\x7e]/g, "");
          const res = await serve.GET(new Request(url, { headers }), { params: Promise.resolve({ path: parts }) });
          expect(res.status, path).toBeLessThan(500);
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);

  it("a body larger than the field takes stops at the limit and leaves nothing", async () => {
    const before = await ledgerSize();
    const big = new Uint8Array(5 * 1024 * 1024 + 10);
    const res = await post("resource=users&field=avatar", big, { cookie: who.author.cookie, origin: ORIGIN });
    expect(res.status).toBe(413);
    expect(await ledgerSize()).toBe(before);
    const [pending] = await t.db.select({ n: count() }).from(files).where(eq(files.state, "pending"));
    expect(pending?.n).toBeGreaterThan(0);
  });
});
