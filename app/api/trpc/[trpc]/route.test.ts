/**
 * The real tRPC HTTP endpoint (the route handler Next serves), driven with real Requests against a real database.
 */
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";

let t: TestDatabase;
let route: typeof import("./route");

beforeAll(async () => {
  t = await createTestDatabase();
  // The route uses the app's lazily created pool, which reads DATABASE_URL on first use.
  process.env.DATABASE_URL = t.url;
  route = await import("./route");
  await t.db.insert(users).values({ name: "Http Author", email: "http@test.local" });
});
afterAll(() => t.drop());

/** The wire shape of a tRPC response with the superjson transformer; only what these tests read. */
interface Envelope {
  result?: { data: { json: unknown } };
  error?: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } } };
}

async function call(method: "GET" | "POST", path: string, input: unknown) {
  const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const req =
    method === "GET"
      ? new Request(`http://localhost/api/trpc/${path}?input=${encoded}`)
      : new Request(`http://localhost/api/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(superjson.serialize(input)),
        });
  const res = await route[method](req);
  return { status: res.status, body: (await res.json()) as Envelope };
}

describe("/api/trpc", () => {
  it("serves posts.list with the list contract", async () => {
    const { status, body } = await call("GET", "posts.list", { page: 1, perPage: 5 });
    expect(status).toBe(200);
    expect(body.result?.data.json).toMatchObject({ items: [], page: 1, perPage: 5, totalItems: 0, totalPages: 0 });
  });

  it("answers invalid input with 400 and field errors naming the field", async () => {
    const { status, body } = await call("GET", "posts.list", { page: 0, perPage: 1000 });
    expect(status).toBe(400);
    expect(body.error?.json.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(body.error?.json.data.fieldErrors ?? {}).sort()).toEqual(["page", "perPage"]);
    expect(body.error?.json.data).not.toHaveProperty("stack");
  });

  it("answers a filter value of the wrong type with 400 naming the filter path", async () => {
    const { status, body } = await call("GET", "posts.list", { filter: { status: { eq: "archived" } } });
    expect(status).toBe(400);
    expect(body.error?.json.data.fieldErrors).toEqual({ "filter.status.eq": [expect.stringContaining("draft")] });
  });

  it("hides drafts from anonymous lists, whatever the filter asks for", async () => {
    const { status, body } = await call("GET", "posts.list", { filter: { status: { eq: "draft" } } });
    expect(status).toBe(200);
    expect(body.result?.data.json).toMatchObject({ items: [], totalItems: 0 });
  });

  it("denies anonymous writes over HTTP with 401 and writes nothing", async () => {
    const { status, body } = await call("POST", "posts.create", {
      title: "From the internet",
      body: "Should be refused.",
      authorId: "00000000-0000-4000-8000-000000000000",
    });
    expect(status).toBe(401);
    expect(body.error?.json.data.code).toBe("UNAUTHORIZED");
    const rows = await t.sql`select count(*)::int as n from posts`;
    expect(rows[0]?.n).toBe(0);
  });
});
