/**
 * The export routes as HTTP sees them (the route modules with real Requests, real sessions and API tokens, on a real
 * PostgreSQL): each caller gets the rows and fields their rules show them and nothing else, the view's filter and
 * sort apply, bad parameters are a 400 naming the parameter (never a 5xx), and the zip of everything is for admins.
 */
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "@/components/admin/import/parse";
import { posts } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createApiToken, createUserWithPassword, signInCookie } from "@/server/auth/testing";
import type { User } from "@/server/core";
import { stopExportLimiter } from "@/server/ops/csv/http";
import { resources } from "@/server/resources";

const PASSWORD = "correct horse battery staple";
let t: TestDatabase;
let one: typeof import("./[resource]/route");
let all: typeof import("./route");
const who = {} as Record<"admin" | "alice" | "bob", User & { cookie: string }>;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  for (const [name, role] of [
    ["admin", "admin"],
    ["alice", "member"],
    ["bob", "member"],
  ] as const) {
    const user = await createUserWithPassword(t.db, { name, email: `${name}@export.test`, role }, PASSWORD);
    who[name] = { ...user, cookie: await signInCookie(t.db, user.email, PASSWORD) };
  }
  const post = (title: string, author: string, status: "draft" | "published", extra = {}) => ({
    title,
    slug: title.toLowerCase().replace(/\W+/g, "-"),
    body: `${title} body text`,
    status,
    authorId: author,
    ...extra,
  });
  await t.db
    .insert(posts)
    .values([
      post("Alice published", who.alice.id, "published"),
      post("Alice draft", who.alice.id, "draft"),
      post("Bob published", who.bob.id, "published"),
      post("Bob draft", who.bob.id, "draft"),
      post("Bob deleted", who.bob.id, "published", { deletedAt: new Date() }),
      post("=HYPERLINK(1) formula", who.alice.id, "published"),
    ]);
  one = await import("./[resource]/route");
  all = await import("./route");
}, 60_000);
afterAll(async () => {
  stopExportLimiter();
  await t.drop();
});

async function exportOf(resource: string, query = "", headers: Record<string, string> = {}) {
  const req = new Request(`http://localhost/api/export/${resource}${query}`, { headers });
  const res = await one.GET(req, { params: Promise.resolve({ resource }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

const as = (name: keyof typeof who) => ({ cookie: who[name].cookie });

function records(text: string): Record<string, string>[] {
  const { header, rows } = parseCsv(text);
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""])));
}

describe("GET /api/export/<resource>", () => {
  it("gives a member published posts and their own drafts, never another member's", async () => {
    const res = await exportOf("posts", "", as("alice"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="posts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const titles = records(res.text).map((r) => r.title);
    expect(titles.sort()).toEqual(["'=HYPERLINK(1) formula", "Alice draft", "Alice published", "Bob published"]);
    expect(res.headers.get("x-export-rows")).toBe("4");
  });

  it("names the fields in the header, never hidden ones, and writes dates as ISO 8601", async () => {
    const res = await exportOf("posts", "", as("admin"));
    const { header } = parseCsv(res.text);
    expect(header).toEqual(expect.arrayContaining(["id", "title", "slug", "body", "status", "authorId", "createdAt"]));
    const first = records(res.text)[0] as Record<string, string>;
    expect(first.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const users = await exportOf("users", "", as("admin"));
    expect(parseCsv(users.text).header).not.toContain("passwordHash");
    expect(parseCsv(users.text).header).not.toContain("twoFactorSecret");
  });

  it("gives a member's users export their own email only", async () => {
    const res = await exportOf("users", "", as("alice"));
    expect(res.status).toBe(200);
    const rows = records(res.text);
    expect(rows.map((r) => r.name).sort()).toEqual(["admin", "alice", "bob"]);
    expect(res.text).not.toContain("bob@export.test");
    expect(res.text).not.toContain("admin@export.test");
    expect(rows.find((r) => r.name === "alice")?.email).toBe("alice@export.test");
  });

  it("gives anonymous callers what they may list, and 404 for what they may not (as for what does not exist)", async () => {
    const anonymousPosts = records((await exportOf("posts")).text).map((r) => r.title);
    expect(anonymousPosts.sort()).toEqual(["'=HYPERLINK(1) formula", "Alice published", "Bob published"]);
    const refused = await exportOf("webhooks");
    const missing = await exportOf("nonesuch");
    expect(refused.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(refused.text).toBe(missing.text);
    expect((await exportOf("webhooks", "", as("alice"))).status).toBe(404);
    // Bad parameters on a resource the caller may not list: still 404, and nothing about its fields.
    const probe = await exportOf("webhooks", "?sort=nope", as("alice"));
    expect(probe.status).toBe(404);
    expect(probe.text).toBe(missing.text);
  });

  it("takes an API token", async () => {
    const token = await createApiToken(t.db, who.bob.id, { scope: "read" });
    const res = await exportOf("posts", "", { authorization: `Bearer ${token}` });
    expect(records(res.text).map((r) => r.title)).toContain("Bob draft");
    const bad = await exportOf("posts", "", { authorization: "Bearer atr_nope" });
    expect(bad.status).toBe(401);
  });

  it("applies the view's filter, search, sort and deleted rows", async () => {
    const filter = encodeURIComponent(
      JSON.stringify({ status: { eq: "published" }, title: { contains: "published" } }),
    );
    const res = await exportOf("posts", `?filter=${filter}&sort=-title`, as("admin"));
    expect(records(res.text).map((r) => r.title)).toEqual(["Bob published", "Alice published"]);
    const search = await exportOf("posts", "?search=draft&sort=title", as("admin"));
    expect(records(search.text).map((r) => r.title)).toEqual(["Alice draft", "Bob draft"]);
    const deleted = await exportOf("posts", "?deleted=only", as("admin"));
    expect(records(deleted.text).map((r) => r.title)).toEqual(["Bob deleted"]);
    // A member may not see the bin: the readDeleted rule refuses, as a resource they cannot export.
    expect((await exportOf("posts", "?deleted=only", as("alice"))).status).toBe(404);
    const limited = await exportOf("posts", "?sort=title&limit=2", as("admin"));
    expect(records(limited.text)).toHaveLength(2);
  });

  it("answers bad parameters 400, naming the parameter", async () => {
    const cases: [string, string][] = [
      ["?sort=nope", "sort"],
      ["?sort=title,title,title,title,title,title", "sort"],
      ["?filter=nope", "filter"],
      [`?filter=${encodeURIComponent('{"nope":{"eq":1}}')}`, "filter.nope"],
      [`?filter=${encodeURIComponent('{"title":{"gt":[1]}}')}`, "filter.title.gt"],
      ["?deleted=maybe", "deleted"],
      ["?limit=0", "limit"],
      ["?limit=1e3", "limit"],
      ["?page=2", "page"],
      ["?sort=title&sort=title", "sort"],
      [`?search=${"x".repeat(201)}`, "search"],
    ];
    for (const [query, param] of cases) {
      const res = await exportOf("posts", query, as("admin"));
      expect(res.status, query).toBe(400);
      const body = JSON.parse(res.text) as { error: { message: string; fieldErrors: Record<string, string[]> } };
      expect(Object.keys(body.error.fieldErrors), query).toContain(param);
      expect(res.text).not.toMatch(/select |postgres|at \w+ \(/i);
    }
  });

  it("never answers generated query strings with a 5xx", async () => {
    const key = fc.constantFrom("sort", "filter", "search", "deleted", "limit", "expand", "f.title", "__proto__");
    const value = fc.oneof(
      fc.string(),
      fc.json(),
      fc.constantFrom("-title", "title,-createdAt", "include", "1", "99999999999999", '{"and":[]}', "\u0000"),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 4 }), async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const res = await exportOf("posts", `?${query}`, as("alice"));
        expect(res.status, query).toBeLessThan(500);
        if (res.status !== 200) expect(res.text).not.toMatch(/select |postgres|stack/i);
      }),
      { numRuns: 60 },
    );
  });

  it("refuses more rows than EXPORT_MAX_ROWS unless a limit is given", async () => {
    process.env.EXPORT_MAX_ROWS = "2";
    try {
      const res = await exportOf("posts", "", as("admin"));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text).error.fieldErrors).toHaveProperty("limit");
      expect((await exportOf("posts", "?limit=2", as("admin"))).status).toBe(200);
    } finally {
      delete process.env.EXPORT_MAX_ROWS;
    }
  });

  it("escapes cells a spreadsheet would run as formulas", async () => {
    await t.db.update(posts).set({ body: "+1+cmd|' /C calc'!A0" }).where(eq(posts.title, "Alice published"));
    const res = await exportOf(
      "posts",
      `?filter=${encodeURIComponent('{"title":{"eq":"Alice published"}}')}`,
      as("admin"),
    );
    expect(records(res.text)[0]?.body).toBe("'+1+cmd|' /C calc'!A0");
  });
});

describe("GET /api/export (everything)", () => {
  async function zip(headers: Record<string, string>) {
    const res = await all.GET(new Request("http://localhost/api/export", { headers }));
    return { status: res.status, body: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
  }

  it("gives admins a zip of one CSV per resource and a manifest", async () => {
    const res = await zip(as("admin"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(res.body);
    const names = Object.keys(files).sort();
    expect(names).toEqual([...Object.keys(resources).map((r) => `${r}.csv`), "manifest.json"].sort());
    const postsCsv = new TextDecoder().decode(files["posts.csv"]);
    expect(records(postsCsv)).toHaveLength(5);
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"])) as { files: { rows: number }[] };
    expect(manifest.files).toHaveLength(Object.keys(resources).length);
  });

  it("refuses everyone else", async () => {
    expect((await zip(as("alice"))).status).toBe(403);
    expect((await zip({})).status).toBe(401);
    const token = await createApiToken(t.db, who.bob.id, { scope: "read" });
    expect((await zip({ authorization: `Bearer ${token}` })).status).toBe(403);
  });
});
