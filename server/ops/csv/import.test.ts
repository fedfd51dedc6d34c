/**
 * The CSV import on a real PostgreSQL, through the app's router (csvImport.check and csvImport.run): bad rows are
 * reported by row number with field messages and the good ones are written through the engine (the slug hook runs,
 * audit entries carry the request id); a check writes nothing; callers who may not create are refused. And a
 * property: whatever text a post holds (quotes, commas, newlines, unicode, a leading = or +), exporting it over HTTP
 * and importing the file gives the same text back.
 */
import { and, count, eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autoMap, mappedRow } from "@/components/admin/import/mapping";
import { parseCsv } from "@/components/admin/import/parse";
import { auditLog, posts } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createUserWithPassword, signInCookie } from "@/server/auth/testing";
import type { Actor, User } from "@/server/core";
import { stopExportLimiter } from "@/server/ops/csv/http";
import { createCaller } from "@/server/router";
import { rejection } from "@/server/testing";
import { createContext } from "@/server/trpc";

const PASSWORD = "correct horse battery staple";
let t: TestDatabase;
let admin: User & { cookie: string };
let member: User;
let exportRoute: typeof import("@/app/api/export/[resource]/route");

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  const a = await createUserWithPassword(t.db, { name: "Admin", email: "admin@import.test", role: "admin" }, PASSWORD);
  admin = { ...a, cookie: await signInCookie(t.db, a.email, PASSWORD) };
  member = await createUserWithPassword(
    t.db,
    { name: "Member", email: "member@import.test", role: "member" },
    PASSWORD,
  );
  exportRoute = await import("@/app/api/export/[resource]/route");
}, 60_000);
afterAll(async () => {
  stopExportLimiter();
  await t.drop();
});

function callerAs(actor: Actor, requestId = "import-test") {
  return createCaller(createContext({ db: t.db, actor, headers: new Headers({ "x-request-id": requestId }) }));
}
const asUser = (user: User, requestId?: string) => callerAs({ kind: "user", user, via: "session" }, requestId);

const postCount = async () => (await t.db.select({ n: count() }).from(posts))[0]?.n ?? 0;

describe("csvImport", () => {
  const rows = [
    { title: "First imported post", body: "The body of the first one.", status: "published" },
    { title: "Bad", body: "too short", status: "sideways" },
    { title: "Third imported post", body: "The body of the third one.", status: "draft" },
  ];

  it("checks rows without writing anything", async () => {
    const before = await postCount();
    const answer = await asUser(member).csvImport.check({ resource: "posts", firstRow: 2, rows });
    expect(answer.rows.map((r) => r.ok)).toEqual([true, false, true]);
    const bad = answer.rows[1];
    expect(bad?.row).toBe(3);
    if (bad && !bad.ok) expect(Object.keys(bad.fieldErrors).sort()).toEqual(["body", "status", "title"]);
    expect(await postCount()).toBe(before);
  });

  it("writes the good rows through hooks and audit, and reports the bad ones with reasons", async () => {
    const answer = await asUser(member, "import-run-1").csvImport.run({ resource: "posts", firstRow: 2, rows });
    const [first, second, third] = answer.rows;
    expect(first?.ok && second?.ok === false && third?.ok).toBe(true);
    if (second && !second.ok) {
      expect(second.row).toBe(3);
      expect(second.fieldErrors.title?.[0]).toMatch(/at least 5/);
      expect(second.message).toMatch(/fields are invalid|Title/);
    }
    const ids = answer.rows.flatMap((r) => (r.ok && r.id ? [r.id] : []));
    const created = await t.db.select().from(posts).where(inArray(posts.id, ids));
    expect(created.map((p) => p.slug).sort()).toEqual(["first-imported-post", "third-imported-post"]);
    expect(created.every((p) => p.authorId === member.id)).toBe(true);
    expect(created.find((p) => p.status === "published")?.publishedAt).toBeInstanceOf(Date);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.resource, "posts"), inArray(auditLog.recordId, ids)));
    expect(audits).toHaveLength(2);
    expect(
      audits.every((a) => a.operation === "create" && a.requestId === "import-run-1" && a.actorId === member.id),
    ).toBe(true);
  });

  it("imports a re-run of the same file again (no natural key): duplicates get their own slugs", async () => {
    const answer = await asUser(member).csvImport.run({ resource: "posts", firstRow: 2, rows: rows.slice(0, 1) });
    const id = answer.rows[0]?.ok ? answer.rows[0].id : undefined;
    const [again] = await t.db
      .select()
      .from(posts)
      .where(eq(posts.id, id as string));
    expect(again?.slug).toBe("first-imported-post-2");
  });

  it("refuses a field the caller may not set, per row", async () => {
    const answer = await asUser(member).csvImport.check({
      resource: "posts",
      firstRow: 2,
      rows: [{ title: "Someone else's post", body: "Written in another's name.", authorId: admin.id }],
    });
    expect(answer.rows[0]?.ok).toBe(false);
  });

  it("refuses callers who may not create, unknown resources and fields, and rows past IMPORT_MAX_ROWS", async () => {
    const anonymous = createCaller(createContext({ db: t.db }));
    expect((await rejection(anonymous.csvImport.run({ resource: "posts", firstRow: 2, rows }))).code).toBe(
      "UNAUTHORIZED",
    );
    const webhook = { name: "hook", url: "https://example.com/hook" };
    expect(
      (await rejection(asUser(member).csvImport.run({ resource: "webhooks", firstRow: 2, rows: [webhook] }))).code,
    ).toBe("FORBIDDEN");
    expect((await rejection(asUser(member).csvImport.check({ resource: "nonesuch", firstRow: 2, rows }))).code).toBe(
      "NOT_FOUND",
    );
    const unknown = await rejection(
      asUser(member).csvImport.check({ resource: "posts", firstRow: 2, rows: [{ slug: "set-by-hand" }] }),
    );
    expect(unknown.code).toBe("BAD_REQUEST");
    expect(Object.keys(unknown.fieldErrors)).toEqual(["rows.0.slug"]);
    process.env.IMPORT_MAX_ROWS = "2";
    try {
      const tooMany = await rejection(asUser(member).csvImport.check({ resource: "posts", firstRow: 2, rows }));
      expect(tooMany.code).toBe("BAD_REQUEST");
    } finally {
      delete process.env.IMPORT_MAX_ROWS;
    }
  });
});

describe("export then import", () => {
  // Text a CSV or a spreadsheet could get wrong: separators, quotes, line breaks, formula starts, any script.
  const tricky = fc.constantFrom("=", "+", "-", "@", "\t", "\r", "'", "''", '"', ",", "\n", "\r\n", ";", " ", "");
  const text = fc
    .array(fc.oneof(tricky, fc.string({ unit: "grapheme", maxLength: 6 })), { maxLength: 6 })
    .map((parts) => parts.join("").replaceAll(String.fromCharCode(0), ""));

  it("gives back every value as it was", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(tricky, text, text, async (start, title, body) => {
        n += 1;
        const original = { title: `${start}${title}Title`, body: `${start}${body} body text` };
        const slug = `round-trip-${n}`;
        await t.db.insert(posts).values({ ...original, slug, status: "draft", authorId: admin.id });
        const filter = encodeURIComponent(JSON.stringify({ slug: { eq: slug } }));
        const req = new Request(`http://localhost/api/export/posts?filter=${filter}`, {
          headers: { cookie: admin.cookie },
        });
        const res = await exportRoute.GET(req, { params: Promise.resolve({ resource: "posts" }) });
        expect(res.status).toBe(200);
        const csv = parseCsv(await res.text());
        expect(csv.error).toBeNull();
        const fields = ["title", "body", "status"].map((name) => ({ name, label: name, required: true }));
        const mapping = autoMap(csv.header, fields);
        const answer = await asUser(admin).csvImport.run({
          resource: "posts",
          firstRow: 2,
          rows: csv.rows.map((cells) => mappedRow(cells, mapping)),
        });
        const outcome = answer.rows[0];
        expect(outcome?.ok, JSON.stringify(outcome)).toBe(true);
        const [copy] = await t.db
          .select({ title: posts.title, body: posts.body })
          .from(posts)
          .where(eq(posts.id, outcome?.ok ? (outcome.id as string) : ""));
        expect(copy).toEqual(original);
      }),
      { numRuns: 100 },
    );
  });
});
