/**
 * The schema download as HTTP sees it (the route module with real Requests, real sessions and API tokens, on a real
 * PostgreSQL): refused to visitors, members and editors on every credential; served to admins as an inert SVG file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createApiToken, createUserWithPassword, signInCookie } from "@/server/auth/testing";
import { parseXml } from "@/server/core/schema-diagram/testing/parse-xml";

const PASSWORD = "correct horse battery staple";
const URL_ = "http://localhost:3000/admin/schema/diagram.svg";
type Role = "admin" | "editor" | "member";
let t: TestDatabase;
let route: typeof import("./route");
const who = {} as Record<Role, { id: string; cookie: string }>;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  for (const role of ["admin", "editor", "member"] as const) {
    const user = await createUserWithPassword(t.db, { name: role, email: `${role}@schema.test`, role }, PASSWORD);
    who[role] = { id: user.id, cookie: await signInCookie(t.db, user.email, PASSWORD) };
  }
  route = await import("./route");
}, 60_000);
afterAll(async () => {
  await t.drop();
});

const get = (headers: Record<string, string> = {}) => route.GET(new Request(URL_, { headers }));

async function expectRefused(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/json");
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  const body = await res.text();
  expect(body).not.toContain("<svg");
  expect(JSON.parse(body)).toMatchObject({ error: { message: expect.any(String) } });
}

describe("GET /admin/schema/diagram.svg", () => {
  it("refuses a visitor with 401, and a bad or unknown token or cookie likewise", async () => {
    await expectRefused(await get(), 401);
    await expectRefused(await get({ authorization: "Bearer atr_not-a-token" }), 401);
    await expectRefused(await get({ authorization: "Bearer" }), 401);
    await expectRefused(await get({ cookie: "authjs.session-token=forged" }), 401);
  });

  it("refuses a signed-in member or editor with 403, by session and by API token", async () => {
    for (const role of ["member", "editor"] as const) {
      await expectRefused(await get({ cookie: who[role].cookie }), 403);
      const token = await createApiToken(t.db, who[role].id, { scope: "read" });
      await expectRefused(await get({ authorization: `Bearer ${token}` }), 403);
    }
  });

  it("serves an admin the SVG as an attachment, with a policy that lets it run nothing", async () => {
    const res = await get({ cookie: who.admin.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="schema.svg"');
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const svg = await res.text();
    expect(parseXml(svg).name).toBe("svg");
    expect(svg).not.toMatch(/<script|javascript:/i);

    // The same bytes by API token, and again: one diagram per schema.
    const token = await createApiToken(t.db, who.admin.id, { scope: "read" });
    expect(await (await get({ authorization: `Bearer ${token}` })).text()).toBe(svg);
  });
});
