/**
 * A client generated from the served OpenAPI document by standard tools runs CRUD against the real REST handler:
 * GET /api/openapi.json (as an admin, through its route) -> openapi-typescript -> `openapi-paths.generated.ts`
 * (checked in, so the calls below are type-checked against it) -> openapi-fetch. The test fails when the document
 * no longer generates that file; `UPDATE_OPENAPI=1 npx vitest run server/http/rest/openapi-client.test.ts` rewrites
 * it. Also: the document is per caller (anonymous sees less than an admin), valid OpenAPI 3.1, and behind the same
 * gate as /api/v1.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import { eq } from "drizzle-orm";
import createClient from "openapi-fetch";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createUserWithPassword, signInCookie } from "@/server/auth/testing";
import type { paths } from "./testing/openapi-paths.generated";

const GENERATED = path.join(import.meta.dirname, "testing", "openapi-paths.generated.ts");
const PASSWORD = "openapi-client passphrase 2b7d";

let t: TestDatabase;
let rest: (req: Request) => Promise<Response>;
let openapi: typeof import("@/app/api/openapi.json/route");
let cookie: string;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  rest = (await import("./handler")).createRestHandler();
  openapi = await import("@/app/api/openapi.json/route");
  const admin = await createUserWithPassword(
    t.db,
    { name: "Oda Admin", email: "oda@openapi.test", role: "admin" },
    PASSWORD,
  );
  await t.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, admin.id));
  cookie = await signInCookie(t.db, admin.email, PASSWORD);
}, 60_000);

afterAll(() => t.drop());

async function documentFor(headers: Record<string, string>) {
  const response = await openapi.GET(new Request("http://localhost/api/openapi.json", { headers }));
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toContain("private");
  return (await response.json()) as { openapi: string; paths: Record<string, unknown>; servers: { url: string }[] };
}

describe("GET /api/openapi.json", () => {
  it("is valid OpenAPI 3.1, per caller", async () => {
    const anonymous = await documentFor({});
    const admin = await documentFor({ cookie });
    for (const doc of [anonymous, admin]) {
      const result = await validate(structuredClone(doc) as never);
      expect(result.valid ? [] : result.errors).toEqual([]);
    }
    expect(admin.servers[0]?.url).toBe("http://localhost/api/v1");
    expect(Object.keys(anonymous.paths).length).toBeLessThan(Object.keys(admin.paths).length);
    expect(Object.keys(anonymous.paths)).not.toContain("/requestLogs");
    expect(Object.keys(admin.paths)).toContain("/requestLogs");
  });

  it("passes the gate of /api/v1: its rate limit and CORS, refusals in REST's shape", async () => {
    const { createOpenApiHandler } = await import("./openapi-handler");
    const allowed = "https://front.example";
    const gated = createOpenApiHandler({ limits: { perIp: 2, windowSeconds: 60, allowedOrigins: [allowed] } });
    const ask = (init: RequestInit = {}) =>
      gated(
        new Request("http://localhost/api/openapi.json", {
          ...init,
          headers: { "x-forwarded-for": "198.51.100.77", origin: allowed, ...init.headers },
        }),
      );
    const preflight = await ask({ method: "OPTIONS", headers: { "access-control-request-method": "GET" } });
    expect([preflight.status, preflight.headers.get("access-control-allow-origin")]).toEqual([204, allowed]);
    const first = await ask();
    expect([first.status, first.headers.get("access-control-allow-origin")]).toEqual([200, allowed]);
    let limited = first;
    for (let i = 0; i < 3; i++) limited = await ask();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ code: "TOO_MANY_REQUESTS", fieldErrors: null });
  });

  it("generates the checked-in client types (openapi-typescript)", async () => {
    const source = `// Generated from the admin's GET /api/openapi.json by openapi-typescript (see openapi-client.test.ts).\n${astToString(
      await openapiTS((await documentFor({ cookie })) as never),
    )}`;
    if (process.env.UPDATE_OPENAPI === "1") await writeFile(GENERATED, source);
    expect(source === (await readFile(GENERATED, "utf8")), "the document changed: run with UPDATE_OPENAPI=1").toBe(
      true,
    );
  });
});

describe("a generated client (openapi-fetch)", () => {
  it("creates, reads, lists, updates and deletes a tag", async () => {
    const client = createClient<paths>({
      baseUrl: "http://localhost/api/v1",
      headers: { cookie },
      fetch: (request) => rest(request),
      // The REST API takes lists as one comma-separated parameter.
      querySerializer: { array: { style: "form", explode: false } },
    });
    const created = await client.POST("/tags", { body: { name: "Generated", slug: "generated" } });
    expect(created.response.status).toBe(201);
    const id = created.data?.id as string;
    expect(created.data?.name).toBe("Generated");

    const got = await client.GET("/tags/{id}", { params: { path: { id } } });
    expect(got.data?.slug).toBe("generated");

    const listed = await client.GET("/tags", { params: { query: { sort: ["name"], perPage: 10 } } });
    expect(listed.data?.items.map((tag) => tag.id)).toContain(id);

    const updated = await client.PATCH("/tags/{id}", { params: { path: { id } }, body: { name: "Renamed" } });
    expect(updated.data?.name).toBe("Renamed");

    const refused = await client.POST("/tags", { body: { name: "", slug: "bad slug" } });
    expect(refused.response.status).toBe(400);
    expect(refused.error?.code).toBe("BAD_REQUEST");
    expect(Object.keys(refused.error?.fieldErrors ?? {})).toEqual(expect.arrayContaining(["name", "slug"]));

    const deleted = await client.DELETE("/tags/{id}", { params: { path: { id } } });
    expect(deleted.response.status).toBe(200);
    const gone = await client.GET("/tags/{id}", { params: { path: { id } } });
    expect(gone.response.status).toBe(404);
  });
});
