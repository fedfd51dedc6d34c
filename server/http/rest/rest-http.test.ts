/**
 * The REST API through its real handler (`/api/v1`, the same gate and procedures as /api/trpc) on a real PostgreSQL:
 * CRUD in plain JSON with a session cookie and with an API token; errors `{ code, message, fieldErrors }` with
 * tRPC's statuses, naming the field or parameter; the gate's refusals (size, rate) in the same shape; a write's audit
 * entry carries the request's id; a NUL in a body, a query parameter or a path id is a 400 naming it; the request
 * log names the procedure; and, generated, any body or query answers 2xx or 4xx, never 5xx, the same way tRPC
 * answers the same input, and a refused one leaves every table as it was.
 */
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedTables, snapshot } from "@/app/api/trpc/[trpc]/fuzz/snapshot";
import { auditLog, posts, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createApiToken, createUserWithPassword, signInCookie } from "@/server/auth/testing";
import { type FinishedRequest, onRequestFinished } from "@/server/ops/request-events";

const PASSWORD = "rest-test passphrase 6e1f0a";
const ORIGIN = "http://localhost";

let t: TestDatabase;
let rest: typeof import("./handler");
let handler: (req: Request) => Promise<Response>;
let member: { id: string; email: string; cookie: string };
let admin: { id: string; email: string; cookie: string };
let readToken: string;

async function signedIn(name: string, email: string, role: "member" | "admin") {
  const user = await createUserWithPassword(t.db, { name, email, role }, PASSWORD);
  await t.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
  return { ...user, cookie: await signInCookie(t.db, email, PASSWORD) };
}

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  rest = await import("./handler");
  handler = rest.createRestHandler({ limits: { perIp: 1_000_000, perUser: 1_000_000 } });
  member = await signedIn("Mia Member", "mia@rest.test", "member");
  admin = await signedIn("Ada Admin", "ada@rest.test", "admin");
  readToken = await createApiToken(t.db, member.id, { scope: "read" });
}, 60_000);

afterAll(() => t.drop());

interface Call {
  method?: string;
  cookie?: string;
  token?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

async function call(path: string, { method = "GET", cookie, token, body, raw, headers = {} }: Call = {}) {
  const init: RequestInit = { method, headers: { ...headers } };
  const h = init.headers as Record<string, string>;
  if (cookie) h.cookie = cookie;
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined || raw !== undefined) {
    h["content-type"] ??= "application/json";
    init.body = raw ?? JSON.stringify(body);
  }
  const response = await handler(new Request(`${ORIGIN}/api/v1/${path}`, init));
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

describe("CRUD in plain JSON", () => {
  it("creates, reads, lists, updates and deletes a post, dates as ISO text, with Location and audit", async () => {
    const created = await call("posts", {
      method: "POST",
      cookie: member.cookie,
      body: { title: "Hello REST", body: "Plain JSON in and out." },
      headers: { "x-request-id": "rest-create-1" },
    });
    expect(created.status).toBe(201);
    const id = created.json?.id as string;
    expect(created.headers.get("location")).toBe(`/api/v1/posts/${id}`);
    expect(created.json).toMatchObject({ title: "Hello REST", status: "draft", authorId: member.id });
    expect(created.json?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.recordId, id));
    expect(entry).toMatchObject({ operation: "create", requestId: "rest-create-1" });

    const got = await call(`posts/${id}?expand=author`, { cookie: member.cookie });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ id, title: "Hello REST" });

    const filter = encodeURIComponent(JSON.stringify({ authorId: { eq: member.id } }));
    const listed = await call(`posts?filter=${filter}&sort=-createdAt&perPage=5&page=1`, { cookie: member.cookie });
    expect(listed.status).toBe(200);
    expect(listed.json).toMatchObject({ page: 1, perPage: 5, totalItems: 1, totalPages: 1 });
    expect((listed.json?.items as { id: string }[] | undefined)?.map((p) => p.id)).toEqual([id]);

    const updated = await call(`posts/${id}`, {
      method: "PATCH",
      cookie: member.cookie,
      body: { title: "Hello again" },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ id, title: "Hello again" });

    const deleted = await call(`posts/${id}`, { method: "DELETE", cookie: member.cookie });
    expect(deleted).toMatchObject({ status: 200, json: { id } });
    const gone = await call(`posts/${id}`, { cookie: member.cookie });
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ code: "NOT_FOUND" });
    const restored = await call(`posts/${id}/restore`, { method: "POST", cookie: admin.cookie });
    expect(restored).toMatchObject({ status: 200, json: { id } });
  });

  it("takes totals: says when totalItems is an estimate, names the parameter when refused", async () => {
    const estimated = await call("posts?totals=estimate&perPage=1", { cookie: member.cookie });
    expect(estimated.status).toBe(200);
    expect(estimated.json).toMatchObject({ totalEstimated: true, totalItems: expect.any(Number) });
    for (const totals of ["exact", "none"]) {
      const page = await call(`posts?totals=${totals}&perPage=1`, { cookie: member.cookie });
      expect(page.status).toBe(200);
      expect(page.json).not.toHaveProperty("totalEstimated");
    }
    for (const query of ["totals=all", "totals=exact&skipTotal=true", "totals=none&totals=exact"]) {
      const refused = await call(`posts?${query}`, { cookie: member.cookie });
      expect(refused.status).toBe(400);
      expect(Object.keys((refused.json?.fieldErrors as object | undefined) ?? {})).toEqual(["totals"]);
    }
  });

  it("runs batches and actions", async () => {
    const made = await call("posts/batch/create", {
      method: "POST",
      cookie: member.cookie,
      body: {
        items: [
          { title: "Batch one", body: "The first of two." },
          { title: "Batch two", body: "The second of two." },
        ],
      },
    });
    expect([made.status, made.json]).toEqual([200, expect.anything()]);
    const ids = (made.json as unknown as { id: string }[]).map((p) => p.id);
    expect(ids).toHaveLength(2);
    const published = await call(`posts/${ids[0]}/actions/publish`, { method: "POST", cookie: admin.cookie });
    expect(published.status).toBe(200);
    const [row] = await t.db
      .select({ status: posts.status })
      .from(posts)
      .where(eq(posts.id, ids[0] as string));
    expect(row?.status).toBe("published");
    const refused = await call("posts/actions/unpublish", {
      method: "POST",
      cookie: admin.cookie,
      body: { ids: [ids[0]], input: { reason: "no" } },
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.json?.fieldErrors as object)).toContain("reason");
    const removed = await call("posts/batch/delete", { method: "POST", cookie: admin.cookie, body: { ids } });
    expect(removed.status).toBe(200);
  });

  it("reads with a read-only API token and refuses its writes", async () => {
    expect((await call("posts?perPage=1", { token: readToken })).status).toBe(200);
    const write = await call("posts", { method: "POST", token: readToken, body: { title: "No", body: "no" } });
    expect(write).toMatchObject({ status: 403, json: { code: "FORBIDDEN", message: "This API token is read-only." } });
  });
});

describe("refusals name what is wrong", () => {
  it("answers the same statuses tRPC does, in REST's shape", async () => {
    const anonymous = await call("posts", {
      method: "POST",
      body: { title: "Anonymous", body: "Long enough to pass." },
    });
    expect([anonymous.status, anonymous.json]).toEqual([401, expect.anything()]);
    expect(anonymous.json).toMatchObject({ code: "UNAUTHORIZED" });
    const invalid = await call("posts", {
      method: "POST",
      cookie: member.cookie,
      body: { title: "", body: "Long enough to pass." },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json).toMatchObject({ code: "BAD_REQUEST" });
    expect(Object.keys(invalid.json?.fieldErrors as object)).toEqual(["title"]);
    const unknownField = await call("posts", {
      method: "POST",
      cookie: member.cookie,
      body: { title: "x", body: "y", nope: 1 },
    });
    expect(unknownField.status).toBe(400);
  });

  it("refuses unknown and repeated parameters, bad JSON, wrong methods, paths and media types", async () => {
    const cases: [string, Call, number, string][] = [
      ["posts?colour=red", {}, 400, "colour"],
      ["posts?page=1&page=2", {}, 400, "page"],
      ["posts?filter=%7Bnope", {}, 400, "filter"],
      ["posts?page=two", {}, 400, "page"],
      ["posts?perPage=100000", {}, 400, "perPage"],
      ["posts?sort=-nope", {}, 400, "sort"],
      ["nothing-here", {}, 404, ""],
      ["posts", { method: "PUT" }, 405, ""],
      ["posts/batch/explode", { method: "POST", body: {} }, 404, ""],
      ["posts", { method: "POST", cookie: "x", raw: "title=x", headers: { "content-type": "text/plain" } }, 415, ""],
      ["posts", { method: "POST", raw: "{not json" }, 400, ""],
      // A prototype key is refused without being echoed as a field name.
      ["posts", { method: "POST", raw: '{"__proto__":{"x":1}}' }, 400, ""],
    ];
    for (const [path, init, status, field] of cases) {
      const answer = await call(path, init);
      expect([path, answer.status]).toEqual([path, status]);
      expect(typeof answer.json?.message).toBe("string");
      if (field) expect(Object.keys((answer.json?.fieldErrors as object) ?? {}).join()).toContain(field);
    }
    expect((await call("posts", { method: "PUT" })).headers.get("allow")).toBe("GET, POST");
  });

  it("refuses a body over the limit and a caller over the rate, in REST's shape", async () => {
    const small = rest.createRestHandler({ limits: { bodyLimitBytes: 100, perIp: 2, windowSeconds: 60 } });
    const big = await small(
      new Request(`${ORIGIN}/api/v1/posts`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.40" },
        body: JSON.stringify({ title: "x".repeat(500), body: "y" }),
      }),
    );
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await small(new Request(`${ORIGIN}/api/v1/tags`, { headers: { "x-forwarded-for": "198.51.100.41" } }));
    }
    expect(last?.status).toBe(429);
    expect(last?.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await last?.json()).toMatchObject({ code: "TOO_MANY_REQUESTS", fieldErrors: null });
  });
});

/** A 400 naming `field` (a key of `fieldErrors` that is it or starts with it), with every table as it was before. */
async function refusedUnchanged(path: string, init: Call, field: string) {
  const before = await snapshot(t.sql);
  const answer = await call(path, init);
  expect([path, answer.status]).toEqual([path, 400]);
  expect(answer.json).toMatchObject({ code: "BAD_REQUEST", message: expect.any(String) });
  const fields = Object.keys((answer.json?.fieldErrors as object | null) ?? {});
  expect(
    fields.some((key) => key === field || key.startsWith(`${field}.`)),
    `${path}: ${fields.join()}`,
  ).toBe(true);
  expect(changedTables(before, await snapshot(t.sql))).toEqual([]);
}

describe("a NUL byte (PostgreSQL refuses it in text) is a 400 naming where it was, and writes nothing", () => {
  let postId: string;
  beforeAll(async () => {
    const made = await call("posts", {
      method: "POST",
      cookie: member.cookie,
      body: { title: "Target of NUL", body: "A post the NUL requests aim at." },
    });
    postId = made.json?.id as string;
  });

  it("in a JSON body's field, created and updated", async () => {
    const create = {
      method: "POST",
      cookie: member.cookie,
      body: { title: "Null\u0000title", body: "Long enough body." },
    };
    await refusedUnchanged("posts", create, "title");
    const update = { method: "PATCH", cookie: member.cookie, body: { body: "x\u0000y is long enough" } };
    await refusedUnchanged(`posts/${postId}`, update, "body");
    const batch = { method: "POST", cookie: member.cookie, body: { items: [{ title: "Fine title", body: "\u0000" }] } };
    await refusedUnchanged("posts/batch/create", batch, "items");
  });

  it("in a query parameter: search, a filter's value, a sort", async () => {
    await refusedUnchanged("posts?search=a%00b", { cookie: member.cookie }, "search");
    const filter = encodeURIComponent(JSON.stringify({ title: { eq: "a\u0000b" } }));
    await refusedUnchanged(`posts?filter=${filter}`, { cookie: member.cookie }, "filter");
    await refusedUnchanged("posts?sort=title%00", { cookie: member.cookie }, "sort");
    await refusedUnchanged(`posts/${postId}?expand=author%00`, { cookie: member.cookie }, "expand");
  });

  it("in a path id, read, written, deleted and acted on", async () => {
    const id = `${postId}%00`;
    await refusedUnchanged(`posts/${id}`, { cookie: member.cookie }, "id");
    await refusedUnchanged(`posts/${id}`, { method: "PATCH", cookie: member.cookie, body: { title: "Renamed" } }, "id");
    await refusedUnchanged(`posts/${id}`, { method: "DELETE", cookie: admin.cookie }, "id");
    await refusedUnchanged(`posts/${id}/restore`, { method: "POST", cookie: admin.cookie }, "id");
    await refusedUnchanged(`posts/${id}/actions/publish`, { method: "POST", cookie: admin.cookie }, "id");
  });
});

describe("the request log", () => {
  it("names the procedure the handler routed to, and none for a path that names none", async () => {
    const { GET } = await import("@/app/api/v1/[...path]/route");
    const finished: FinishedRequest[] = [];
    const stop = onRequestFinished((request) => finished.push(request));
    try {
      const listed = await GET(new Request(`${ORIGIN}/api/v1/posts?perPage=1`, { headers: { cookie: member.cookie } }));
      expect(listed.status).toBe(200);
      const missing = await GET(new Request(`${ORIGIN}/api/v1/nothing-here`));
      expect(missing.status).toBe(404);
    } finally {
      stop();
    }
    expect(finished.map((r) => [r.route, r.status, r.procedures])).toEqual([
      ["/api/v1", 200, ["posts.list"]],
      ["/api/v1", 404, []],
    ]);
  });
});

describe("hostile input (generated)", () => {
  it("any query or body answers 2xx or 4xx with REST's error shape, never 5xx; a refusal changes no table", async () => {
    const params = fc.dictionary(
      fc.constantFrom("page", "perPage", "sort", "filter", "search", "expand", "skipTotal", "totals", "deleted", "x"),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        // Any code point: NUL and the rest of what PostgreSQL refuses in text.
        fc.string({ unit: "binary", maxLength: 30 }),
        fc.json({ maxDepth: 3 }),
        fc.integer().map(String),
      ),
      { maxKeys: 4 },
    );
    const bodies = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 4, stringUnit: "binary" }));
    const refusedUnchangedOrPassed = async (path: string, init: Call) => {
      const before = await snapshot(t.sql);
      const answer = await call(path, init);
      expect(answer.status).toBeLessThan(500);
      if (answer.status < 400) return;
      expect(answer.json).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      expect(changedTables(before, await snapshot(t.sql)), `${init.method ?? "GET"} ${path}`).toEqual([]);
    };
    await fc.assert(
      fc.asyncProperty(params, fc.option(bodies, { nil: undefined }), async (query, body) => {
        const search = new URLSearchParams(query).toString();
        await refusedUnchangedOrPassed(`posts?${search}`, { cookie: member.cookie });
        await refusedUnchangedOrPassed("posts", { method: "POST", cookie: member.cookie, body: body ?? {} });
      }),
      { numRuns: 60 },
    );
  });
});
