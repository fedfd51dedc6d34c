/**
 * PocketBase's records API through the unmodified `pocketbase` SDK, its requests answered in process by the real
 * handlers (records → the REST handler → the procedures) on a real PostgreSQL: CRUD, list with filter / sort /
 * expand / fields / skipTotal / getFullList / getFirstListItem, records in PocketBase's shape, errors as the SDK's
 * ClientResponseError with PocketBase's `{ status, message, data }`, policies (a member never sees another member's
 * draft, however the filter is written), and, generated, any query or body answers 2xx or 4xx, never 5xx, and a
 * refusal writes nothing.
 */
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import type PocketBase from "pocketbase";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { type Handler, inProcessSdk, ORIGIN, refusal, type SignedIn, signedIn } from "./testing";

const PASSWORD = "pocketbase-records passphrase 41c2";
const PB_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let t: TestDatabase;
let handle: Handler;
let member: SignedIn;
let other: SignedIn;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  const { createRestHandler } = await import("@/server/http/rest/handler");
  const { pocketBaseRecords } = await import("./records");
  const { resources } = await import("@/server/resources");
  const rest = createRestHandler({ limits: { perIp: 1_000_000, perUser: 1_000_000 } });
  handle = (req) => {
    const segments = new URL(req.url).pathname.split("/").slice(3).map(decodeURIComponent);
    return pocketBaseRecords(req, segments, resources, rest);
  };
  member = await signedIn(t, { name: "Mia Member", email: "mia@pb.test" }, PASSWORD);
  other = await signedIn(t, { name: "Olly Other", email: "olly@pb.test" }, PASSWORD);
  admin = await signedIn(t, { name: "Ada Admin", email: "ada@pb.test", role: "admin" }, PASSWORD);
}, 60_000);

afterAll(() => t.drop());

/** The SDK, unmodified, with its requests answered in process and the caller's session cookie sent along. */
function client(cookie?: string): PocketBase {
  return inProcessSdk(handle, cookie ? { cookie } : {});
}

describe("CRUD through the SDK", () => {
  it("creates, views, lists, updates and deletes, in PocketBase's record shape", async () => {
    const pb = client(member.cookie);
    const created = await pb.collection("posts").create({ title: "Hello PocketBase", body: "Through the SDK." });
    expect(created).toMatchObject({
      collectionId: "posts",
      collectionName: "posts",
      title: "Hello PocketBase",
      status: "draft",
      authorId: member.id,
    });
    expect(created.created).toMatch(PB_DATE);
    expect(created.updated).toMatch(PB_DATE);
    expect(created).not.toHaveProperty("createdAt");

    const viewed = await pb.collection("posts").getOne(created.id, { expand: "author" });
    expect(viewed).toMatchObject({ id: created.id, title: "Hello PocketBase" });
    expect(viewed.expand?.author).toMatchObject({ id: member.id, collectionName: "users", name: "Mia Member" });

    const updated = await pb.collection("posts").update(created.id, { title: "Hello again, PB" });
    expect(updated).toMatchObject({ id: created.id, title: "Hello again, PB" });

    await pb.collection("posts").delete(created.id);
    const gone = await refusal(pb.collection("posts").getOne(created.id));
    expect(gone.status).toBe(404);
    expect(gone.response).toMatchObject({ status: 404, data: {} });
  });

  it("answers a write with the record as expand and fields ask", async () => {
    const pb = client(member.cookie);
    const created = await pb
      .collection("posts")
      .create(
        { title: "Expanded on create", body: "With its author." },
        { expand: "author", fields: "id,title,expand" },
      );
    expect(Object.keys(created).sort()).toEqual(["expand", "id", "title"]);
    expect(created.expand?.author).toMatchObject({ id: member.id });
  });
});

describe("lists", () => {
  let ids: string[];
  beforeAll(async () => {
    const pb = client(member.cookie);
    ids = [];
    for (const [i, title] of ["Alpha list post", "Beta list post", "Gamma list post"].entries()) {
      const post = await pb.collection("posts").create({ title, body: `List body number ${i}.` });
      ids.push(post.id);
    }
    await client(other.cookie).collection("posts").create({ title: "Olly's secret draft", body: "Not for Mia." });
  });

  it("filters, sorts, pages and counts in PocketBase's syntax", async () => {
    const pb = client(member.cookie);
    const page = await pb.collection("posts").getList(1, 2, {
      filter: `title ~ 'list post' && authorId = "${member.id}"`,
      sort: "-title",
    });
    expect(page).toMatchObject({ page: 1, perPage: 2, totalItems: 3, totalPages: 2 });
    expect(page.items.map((p) => p.title)).toEqual(["Gamma list post", "Beta list post"]);
    const byCreated = await pb.collection("posts").getList(1, 10, {
      filter: `created >= '2000-01-01 00:00:00' && title ~ 'list post'`,
      sort: "created,title",
      skipTotal: true,
    });
    expect(byCreated.items.map((p) => p.id)).toEqual(ids);
    expect(byCreated).toMatchObject({ totalItems: -1, totalPages: -1 });
  });

  it("reads everything with getFullList and one with getFirstListItem", async () => {
    const pb = client(member.cookie);
    const all = await pb.collection("posts").getFullList({ filter: "title ~ 'list post'", sort: "title" });
    expect(all.map((p) => p.title)).toEqual(["Alpha list post", "Beta list post", "Gamma list post"]);
    const first = await pb.collection("posts").getFirstListItem(`title = "Beta list post"`);
    expect(first.id).toBe(ids[1]);
    const none = await refusal(pb.collection("posts").getFirstListItem(`title = "No such post"`));
    expect(none.status).toBe(404);
  });

  it("keeps only the fields asked for, on each item, with excerpts", async () => {
    const pb = client(member.cookie);
    const page = await pb.collection("posts").getList(1, 5, {
      filter: "title ~ 'list post'",
      sort: "title",
      fields: "id,title,body:excerpt(8,true),expand.author.name",
      expand: "author",
    });
    expect(page.items[0]).toEqual({
      id: ids[0],
      title: "Alpha list post",
      body: "List bod...",
      expand: { author: { name: "Mia Member" } },
    });
  });

  it("never shows another member's draft, whatever the filter says", async () => {
    const pb = client(member.cookie);
    const found = await pb.collection("posts").getList(1, 50, { filter: `title ~ 'secret' || status = 'draft'` });
    expect(found.items.map((p) => p.title)).not.toContain("Olly's secret draft");
    const [draft] = await t.db.select().from(posts).where(eq(posts.title, "Olly's secret draft"));
    const hidden = await refusal(pb.collection("posts").getOne(draft?.id ?? ""));
    expect(hidden.status).toBe(404);
    const seen = await client(admin.cookie).collection("posts").getFirstListItem(`title = "Olly's secret draft"`);
    expect(seen.authorId).toBe(other.id);
  });
});

describe("errors as PocketBase's", () => {
  it("names the field of a bad write in data, by the client's names", async () => {
    const pb = client(member.cookie);
    const error = await refusal(pb.collection("posts").create({ title: "x", body: "Long enough body." }));
    expect(error.status).toBe(400);
    expect(error.response).toMatchObject({ status: 400, data: { title: { code: expect.any(String) } } });
    expect(error.response.data.title.message).toMatch(/5/);
  });

  it("answers a bad filter, sort, fields or parameter with a 400 naming it", async () => {
    const pb = client(member.cookie);
    const cases: [() => Promise<unknown>, string][] = [
      [() => pb.collection("posts").getList(1, 5, { filter: "title = " }), "filter"],
      [() => pb.collection("posts").getList(1, 5, { filter: "nope = 1" }), "filter"],
      [() => pb.collection("posts").getList(1, 5, { sort: "@random" }), "sort"],
      [() => pb.collection("posts").getList(1, 5, { sort: "body" }), "sort"],
      [() => pb.collection("posts").getList(1, 5, { fields: "id:shout(3)" }), "fields"],
      [() => pb.collection("posts").getList(1, 5, { query: { colour: "red" } }), "colour"],
      [() => pb.collection("posts").getList(1, 5, { expand: "nobody" }), "expand"],
    ];
    for (const [send, field] of cases) {
      const error = await refusal(send());
      expect(error.status, field).toBe(400);
      expect(Object.keys(error.response.data), field).toContain(field);
    }
  });

  it("refuses unknown collections, wrong methods and signed-out writes", async () => {
    const error = await refusal(client().collection("nothing").getList());
    expect(error).toMatchObject({ status: 404 });
    const signedOut = await refusal(client().collection("posts").create({ title: "Anon post", body: "Not allowed." }));
    expect([401, 403]).toContain(signedOut.status);
    const put = await handle(new Request(`${ORIGIN}/api/collections/posts/records`, { method: "PUT" }));
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, POST");
  });

  it("refuses file uploads in a form with a 501 naming the field", async () => {
    const form = new FormData();
    form.set("title", "With a file");
    form.set("cover", new Blob(["x"], { type: "image/png" }), "x.png");
    const error = await refusal(client(member.cookie).collection("posts").create(form));
    expect(error.status).toBe(501);
    expect(Object.keys(error.response.data)).toEqual(["cover"]);
  });
});

describe("hostile input", () => {
  const fingerprint = async () =>
    (await t.db.execute(sql`select count(*)::int as n, coalesce(max(updated_at)::text, '') as at from posts`))[0];

  it("answers any list query with 2xx or 4xx in PocketBase's shape, never a 5xx", async () => {
    const texts = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom("title ~ 'a'", "created > @now", "(", "'", "\\", "\u0000", "-created,title", "*,expand.a.b"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom("filter", "sort", "fields", "expand", "page", "perPage", "skipTotal", "x"),
          texts,
          {
            maxKeys: 4,
          },
        ),
        async (query) => {
          const url = new URL(`${ORIGIN}/api/collections/posts/records`);
          for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
          const response = await handle(new Request(url, { headers: { cookie: member.cookie } }));
          expect(response.status, url.search).toBeLessThan(500);
          const body = (await response.json()) as Record<string, unknown>;
          if (response.status >= 400) expect(body).toMatchObject({ status: response.status, data: {} });
          else expect(body).toHaveProperty("items");
        },
      ),
      { numRuns: 150 },
    );
  });

  it("answers any body with 2xx or 4xx, and a refusal writes nothing", async () => {
    const values = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.constant(null),
      fc.constant("\u0000"),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      fc.constant("2024-01-01 10:00:00.000Z"),
    );
    const bodies = fc.oneof(
      fc
        .dictionary(
          fc.constantFrom("title", "body", "status", "created", "updated", "id", "authorId", "__proto__", "x"),
          values,
          { maxKeys: 5 },
        )
        .map((o) => JSON.stringify(o)),
      fc.string({ maxLength: 40 }),
      fc.constantFrom("[]", "null", "{", '{"title":', '"text"'),
    );
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom("POST", "PATCH"), async (body, method) => {
        const [target] = await t.db.select({ id: posts.id }).from(posts).where(eq(posts.authorId, member.id)).limit(1);
        const path = method === "POST" ? "records" : `records/${target?.id}`;
        const before = await fingerprint();
        const response = await handle(
          new Request(`${ORIGIN}/api/collections/posts/${path}`, {
            method,
            body,
            headers: { cookie: member.cookie, "content-type": "application/json" },
          }),
        );
        expect(response.status, body).toBeLessThan(500);
        if (response.status >= 400) {
          expect(await response.json()).toMatchObject({ status: response.status });
          expect(await fingerprint()).toEqual(before);
        }
      }),
      { numRuns: 100 },
    );
  });
});
