/**
 * Hostile input through the real tRPC route handler: each case is one that once answered 500 or leaked internal
 * text. Every refusal is a 400 naming the field, with one human sentence as its message, and writes nothing.
 * (The generated, property-based sweep over every procedure is fuzz.test.ts; these pin the known cases by name.)
 */
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { posts, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createApiToken } from "@/server/auth/testing";
import { closeListener } from "@/server/core/realtime/listener";

let t: TestDatabase;
let route: typeof import("./route");
let admin: Record<string, string>;
let authorId: string;
let postId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  route = await import("./route");
  const [row] = await t.db
    .insert(users)
    .values({ name: "Hostile Admin", email: "hostile-admin@test.local", role: "admin" })
    .returning({ id: users.id });
  authorId = row?.id as string;
  // A bearer token: what is tested here is input handling, not the cookie origin rule.
  admin = { authorization: `Bearer ${await createApiToken(t.db, authorId, { scope: "write" })}` };
  const [post] = await t.db
    .insert(posts)
    .values({ title: "Hostile target", slug: "hostile-target", body: "A body long enough.", authorId })
    .returning({ id: posts.id });
  postId = post?.id as string;
});
// The app's LISTEN connection first: dropping the database under it would kill it mid-reconnect, and postgres.js
// leaves the rejection of a connection's first type lookup unhandled.
afterAll(async () => {
  await closeListener(getDb());
  await t.drop();
});

interface Envelope {
  result?: { data: { json: unknown } };
  error?: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } } };
}

/** Sends raw text as the input (so `__proto__` keys and malformed envelopes arrive as written). */
async function send(method: "GET" | "POST", path: string, raw: string, headers: Record<string, string> = {}) {
  const req =
    method === "GET"
      ? new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(raw)}`, { headers })
      : new Request(`http://localhost/api/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: raw,
        });
  const res = await route[method](req);
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text };
}

const wire = (input: unknown) => JSON.stringify(superjson.serialize(input));

async function refused(method: "GET" | "POST", path: string, raw: string, headers: Record<string, string> = {}) {
  const before = await checksum();
  const res = await send(method, path, raw, headers);
  expect(res.status, res.text).toBe(400);
  const body = JSON.parse(res.text) as Envelope;
  const message = body.error?.json.message ?? "";
  // One short human sentence: no JSON dump, no stack, no SQL, no engine internals.
  expect(message.length).toBeLessThanOrEqual(200);
  expect(message).not.toMatch(/\[{|{"|\n|\s+at \S+ \(|Maximum call stack|TypeError|select |insert |\bSQL\b|zod/i);
  expect(await checksum()).toBe(before);
  return { message, fieldErrors: body.error?.json.data.fieldErrors ?? {} };
}

async function checksum(): Promise<string> {
  const [row] = await t.sql`
    select md5(coalesce((select string_agg(p::text, ',' order by p.id) from posts p), '')
      || coalesce((select string_agg(u::text, ',' order by u.id) from users u), '')
      || coalesce((select string_agg(a::text, ',' order by a.id) from announcements a), '')
      || coalesce((select string_agg(c::text, ',' order by c.id) from comments c), '')) as sum`;
  return row?.sum as string;
}

describe("NUL bytes (PostgreSQL 22021) are a 400 naming the field, decided before SQL", () => {
  it("in a created text field", async () => {
    const raw = wire({ title: "Null\u0000title", body: "Long enough body.", authorId });
    const { fieldErrors, message } = await refused("POST", "posts.create", raw, admin);
    expect(fieldErrors).toEqual({ title: ["Title must not contain NUL characters"] });
    expect(message).toBe("Title must not contain NUL characters");
  });

  it("in an updated field, a comment and a user's bio", async () => {
    const update = await refused("POST", "posts.update", wire({ id: postId, data: { body: "x\u0000y" } }), admin);
    expect(Object.keys(update.fieldErrors)).toEqual(["body"]);
    const comment = await refused("POST", "comments.create", wire({ postId, body: "\u0000", authorId }), admin);
    expect(Object.keys(comment.fieldErrors)).toEqual(["body"]);
    const bio = await refused("POST", "users.update", wire({ id: authorId, data: { bio: "a\u0000" } }), admin);
    expect(Object.keys(bio.fieldErrors)).toEqual(["bio"]);
  });

  it("in search and filter values, on list and on the live subscription", async () => {
    expect((await refused("GET", "posts.list", wire({ search: "a\u0000b" }))).fieldErrors).toHaveProperty("search");
    const eq = await refused("GET", "posts.list", wire({ filter: { title: { eq: "a\u0000b" } } }));
    expect(Object.keys(eq.fieldErrors)).toEqual(["filter.title.eq"]);
    const contains = await refused("GET", "posts.list", wire({ filter: { title: { contains: "\u0000" } } }));
    expect(Object.keys(contains.fieldErrors)).toEqual(["filter.title.contains"]);
    // The stream is refused before it opens: a 400, not a 200 whose listener then fails for everyone.
    const live = await refused("GET", "posts.onChange", wire({ filter: { title: { eq: "a\u0000b" } } }));
    expect(Object.keys(live.fieldErrors)).toEqual(["filter.title.eq"]);
  });

  it("and unpaired surrogates, which would be stored as U+FFFD", async () => {
    const raw = wire({ title: "Broken \ud800 text", body: "Long enough body.", authorId });
    expect((await refused("POST", "posts.create", raw, admin)).fieldErrors).toHaveProperty("title");
  });
});

describe("filters nested deeper than the limit", () => {
  const deep = (levels: number) => {
    let node: Record<string, unknown> = { title: { eq: "x" } };
    for (let i = 0; i < levels; i++) node = { not: node };
    return node;
  };

  it("answer 400 with a clear message on list and onChange", async () => {
    for (const path of ["posts.list", "posts.onChange"]) {
      const { message } = await refused("GET", path, wire({ filter: deep(7) }));
      expect(message).toBe("The filter is nested deeper than 6 levels");
    }
  });

  it("while six levels still work", async () => {
    const res = await send("GET", "posts.list", wire({ filter: deep(6) }));
    expect(res.status).toBe(200);
  });
});

describe("keys named like Object.prototype members", () => {
  it("are unknown fields, refused by name, in list input and create data", async () => {
    for (const key of ["toString", "hasOwnProperty", "valueOf"]) {
      const list = await refused("GET", "posts.list", `{"json":{"${key}":1}}`);
      expect(list.fieldErrors).toEqual({ [key]: [`${key} cannot be set here`] });
      const create = await refused("POST", "posts.create", `{"json":{"title":"Title here","${key}":1}}`, admin);
      expect(create.fieldErrors).toHaveProperty(key);
    }
  });

  it("constructor, prototype and __proto__ are refused as keys anywhere (superjson can not carry them back out)", async () => {
    for (const key of ["constructor", "prototype", "__proto__"]) {
      const list = await refused("GET", "posts.list", `{"json":{"${key}":1}}`);
      // Reported on the form: an error object keyed "constructor" could not be serialized either.
      expect(list.fieldErrors).toEqual({ _form: [`${key} cannot be used as a key`] });
      const json = `{"json":{"title":"Settings","message":"m","settings":{"a":{"${key}":{"polluted":true}}}}}`;
      const nested = await refused("POST", "announcements.create", json, admin);
      expect(nested.fieldErrors).toEqual({ [`settings.a.${key}`]: [`${key} cannot be used as a key`] });
    }
  });

  it("are refused as expand paths", async () => {
    for (const name of ["constructor", "__proto__", "toString"]) {
      const { fieldErrors } = await refused("GET", "posts.list", wire({ expand: [name] }));
      expect(Object.keys(fieldErrors)).toEqual(["expand"]);
    }
  });

  it("__proto__ is refused, not silently dropped", async () => {
    const create = `{"json":{"title":"Proto post","body":"Long enough body.","authorId":"${authorId}","__proto__":{"status":"published"}}}`;
    expect((await refused("POST", "posts.create", create, admin)).message).toBe("__proto__ cannot be used as a key");
    const filter = `{"json":{"filter":{"__proto__":{"title":{"eq":"x"}}}}}`;
    expect(Object.keys((await refused("GET", "posts.list", filter)).fieldErrors)).toEqual(["filter.__proto__"]);
  });
});

describe("malformed envelopes get a plain message", () => {
  it("superjson meta naming an unknown custom type", async () => {
    const { message } = await refused("GET", "posts.list", `{"json":{},"meta":{"values":{"a":[["custom","nope"]]}}}`);
    expect(message).toBe("The input's superjson meta is malformed");
    const flat = await refused("GET", "posts.list", `{"json":{"a":1},"meta":{"values":{"a":["custom","nope"]}}}`);
    expect(flat.message).toBe("The input's superjson meta is malformed");
  });

  it("a body that is not JSON, and an input that is not an envelope", async () => {
    expect((await refused("POST", "posts.create", "{not json", admin)).message).toMatch(/not valid JSON/);
    expect((await refused("GET", "posts.list", "null")).message).toMatch(/superjson envelope/);
  });

  it("nesting past 32 levels", async () => {
    const raw = `{"json":{"search":${"[".repeat(40)}1${"]".repeat(40)}}}`;
    expect((await refused("GET", "posts.list", raw)).message).toMatch(/nested deeper than 32 levels/);
  });
});

describe("values PostgreSQL would refuse at run time", () => {
  it("a date before 4713 BC in a filter is a 400, not a database error", async () => {
    const raw = wire({ filter: { createdAt: { gte: new Date(Date.UTC(-10000, 0, 1)) } } });
    expect(Object.keys((await refused("GET", "posts.list", raw)).fieldErrors)).toEqual(["filter.createdAt.gte"]);
  });
});

describe("patches that set nothing", () => {
  it("a field sent as undefined on a table without updatedAt changes nothing instead of failing", async () => {
    const [tag] = await t.sql`insert into tags (name, slug) values ('Quiet', 'quiet') returning id`;
    for (const path of ["tags.update", "tags.updateMany"]) {
      const input =
        path === "tags.update"
          ? { id: tag?.id, data: { slug: undefined } }
          : { ids: [tag?.id], data: { slug: undefined } };
      const res = await send("POST", path, wire(input), admin);
      expect(res.status, res.text).toBe(200);
    }
    const [row] = await t.sql`select name, slug from tags where id = ${tag?.id as string}`;
    expect(row).toEqual({ name: "Quiet", slug: "quiet" });
  });
});

describe("text length", () => {
  it("a definition raises it: a post body takes 100,000 characters and no more", async () => {
    const ok = await send(
      "POST",
      "posts.create",
      wire({ title: "Long post", body: "b".repeat(100_000), authorId }),
      admin,
    );
    expect(ok.status).toBe(200);
    const raw = wire({ title: "Too long post", body: "b".repeat(100_001), authorId });
    expect((await refused("POST", "posts.create", raw, admin)).fieldErrors).toHaveProperty("body");
  });
});

describe("validation messages", () => {
  it("are one human sentence, with the field errors kept in data", async () => {
    const one = await refused(
      "POST",
      "posts.create",
      wire({ title: "Hi", body: "Long enough body.", authorId }),
      admin,
    );
    expect(one.message).toBe("Title must be at least 5 characters");
    expect(one.fieldErrors).toEqual({ title: ["Title must be at least 5 characters"] });
    const three = await refused("POST", "posts.create", wire({ title: "Hi", body: "short", authorId: "x" }), admin);
    expect(three.message).toBe("3 fields are invalid.");
  });
});
