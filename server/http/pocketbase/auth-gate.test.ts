/**
 * The gate in front of PocketBase's auth endpoints, through the route's own handler (collections.ts) on a real
 * PostgreSQL: a browser app on an allowed origin gets its preflight and CORS headers (and signs in with the SDK), any
 * other origin gets neither; a cookie-carrying POST from a foreign origin is refused as /api/v1 refuses it; the
 * API-wide rate limit counts auth-refresh, auth-methods and confirm-verification; every refusal of the gate is in
 * PocketBase's `{ status, message, data }` with its headers kept.
 */
import { eq } from "drizzle-orm";
import type PocketBase from "pocketbase";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authSessions } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { signInCookie } from "@/server/auth/testing";
import { type Handler, inProcessSdk, ORIGIN, verifiedUser as verified } from "./testing";

const PARTNER = "https://partner.pb-gate.test";
const EVIL = "https://evil.example";
const PASSWORD = "pocketbase gate passphrase 5e0a";

let t: TestDatabase;
let rest: Handler;
/** Limits out of the way; the partner origin allowed. */
let handle: Handler;
/** Two requests a minute per caller. */
let tight: Handler;
/** A URL of at most 100 bytes, a body of at most 64. */
let small: Handler;
let ipSeq = 0;
const nextIp = () => `198.51.100.${++ipSeq}`;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  const { createPocketBaseCollections } = await import("./collections");
  const { createRestHandler } = await import("@/server/http/rest/handler");
  const { resources } = await import("@/server/resources");
  const generous = { perIp: 1_000_000, perUser: 1_000_000, allowedOrigins: [PARTNER] };
  rest = createRestHandler({ limits: generous });
  handle = createPocketBaseCollections(resources, rest, { limits: generous });
  tight = createPocketBaseCollections(resources, rest, { limits: { ...generous, perIp: 2, perUser: 2 } });
  small = createPocketBaseCollections(resources, rest, {
    limits: { ...generous, maxUrlBytes: 100, bodyLimitBytes: 64 },
  });
}, 60_000);

afterAll(() => t.drop());

const verifiedUser = (name: string, email: string) => verified(t, { name, email }, PASSWORD);

function request(
  action: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; ip?: string } = {},
): Request {
  const { method = "POST", headers = {}, ip = nextIp() } = init;
  return new Request(`${ORIGIN}/api/collections/users/${action}`, {
    method,
    headers: {
      "x-forwarded-for": ip,
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

async function answer(response: Promise<Response>) {
  const res = await response;
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as unknown) : null };
}

/** The unmodified SDK, its requests answered by `to` in process, sent as a browser page on `origin` would. */
function sdk(to: Handler, origin: string, ip: string): PocketBase {
  return inProcessSdk(to, { origin, "x-forwarded-for": ip });
}

async function signIn(email: string): Promise<string> {
  const signed = await answer(handle(request("auth-with-password", { body: { identity: email, password: PASSWORD } })));
  expect(signed.status).toBe(200);
  return (signed.json as { token: string }).token;
}

describe("CORS", () => {
  const preflight = (origin: string) =>
    handle(
      request("auth-with-password", {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type, authorization",
        },
      }),
    );

  it("answers a preflight from an allowed origin with CORS, and refuses one from any other origin", async () => {
    const allowed = await preflight(PARTNER);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(PARTNER);
    expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");

    for (const origin of [EVIL, "null", `${PARTNER}.evil.example`]) {
      const refused = await preflight(origin);
      expect(refused.status, origin).toBe(403);
      expect(refused.headers.get("access-control-allow-origin"), origin).toBeNull();
    }
  });

  it("lets the SDK on an allowed origin sign in and refresh; answers carry CORS for it and none for others", async () => {
    const user = await verifiedUser("Cora Cors", "cora@pb-gate.test");
    const pb = sdk(handle, PARTNER, nextIp());
    const signed = await pb.collection("users").authWithPassword(user.email, PASSWORD);
    expect(signed.record.id).toBe(user.id);
    expect((await pb.collection("users").authRefresh()).record.id).toBe(user.id);
    expect((await pb.collection("users").listAuthMethods()).password.enabled).toBe(true);

    const body = { identity: user.email, password: PASSWORD };
    const partner = await handle(request("auth-with-password", { body, headers: { origin: PARTNER } }));
    expect(partner.status).toBe(200);
    expect(partner.headers.get("access-control-allow-origin")).toBe(PARTNER);
    expect(partner.headers.get("access-control-expose-headers")).toContain("retry-after");
    expect(partner.headers.get("vary")).toContain("Origin");
    // Without a cookie the Origin rule has nothing to protect; the browser just may not read the answer.
    const other = await handle(request("auth-methods", { method: "GET", headers: { origin: EVIL } }));
    expect(other.status).toBe(200);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("the Origin rule", () => {
  it("refuses a cookie-carrying POST from a foreign origin as /api/v1 does, in PocketBase's shape, opening nothing", async () => {
    const user = await verifiedUser("Olga Origin", "olga@pb-gate.test");
    const cookie = await signInCookie(t.db, user.email, PASSWORD);
    const sessions = async () =>
      (await t.db.select().from(authSessions).where(eq(authSessions.userId, user.id))).length;
    const before = await sessions();
    const body = { identity: user.email, password: PASSWORD };

    const refused = await answer(handle(request("auth-with-password", { body, headers: { cookie, origin: EVIL } })));
    const v1 = await answer(
      rest(
        new Request(`${ORIGIN}/api/v1/posts`, {
          method: "POST",
          headers: { cookie, origin: EVIL, "content-type": "application/json" },
          body: JSON.stringify({ title: "Forged", body: "From another site." }),
        }),
      ),
    );
    expect(v1.status).toBe(403);
    const message = (v1.json as { message: string }).message;
    expect(refused).toMatchObject({ status: 403, json: { status: 403, message, data: {} } });
    const crossSite = await answer(
      handle(request("auth-refresh", { headers: { cookie, "sec-fetch-site": "cross-site" } })),
    );
    expect(crossSite).toMatchObject({ status: 403, json: { status: 403, message, data: {} } });
    expect(await sessions()).toBe(before);

    // The same request from this app, or from an allowed origin, passes.
    for (const origin of [ORIGIN, PARTNER]) {
      const passed = await handle(request("auth-with-password", { body, headers: { cookie, origin } }));
      expect(passed.status, origin).toBe(200);
    }
  });
});

describe("the API-wide rate limit", () => {
  it("counts auth-refresh per signed-in user: past the limit a 429 in PocketBase's shape, with Retry-After", async () => {
    const user = await verifiedUser("Rafe Refresh", "rafe@pb-gate.test");
    const token = await signIn(user.email);
    const refresh = () =>
      answer(tight(request("auth-refresh", { headers: { authorization: token, origin: PARTNER } })));
    expect((await refresh()).status).toBe(200);
    expect((await refresh()).status).toBe(200);
    const limited = await refresh();
    expect(limited).toMatchObject({
      status: 429,
      json: { status: 429, message: expect.stringMatching(/^Too many requests; retry in \d+ s\.$/), data: {} },
    });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("content-type")).toContain("application/json");
    // A browser on the partner origin may read the 429 and its Retry-After.
    expect(limited.headers.get("access-control-allow-origin")).toBe(PARTNER);
  });

  it("counts auth-methods and confirm-verification per IP", async () => {
    for (const [action, method, body, passing] of [
      ["auth-methods", "GET", undefined, 200],
      ["confirm-verification", "POST", { token: "not-a-token" }, 400],
    ] as const) {
      const ip = nextIp();
      const call = () => answer(tight(request(action, { method, ip, ...(body ? { body } : {}) })));
      expect((await call()).status, action).toBe(passing);
      expect((await call()).status, action).toBe(passing);
      expect(await call(), action).toMatchObject({ status: 429, json: { status: 429, data: {} } });
    }
  });
});

describe("the gate's other refusals", () => {
  it("refuses a URL or a declared body too long for the limits, in PocketBase's shape", async () => {
    const long = await answer(small(request(`auth-methods?fields=${"x".repeat(100)}`, { method: "GET" })));
    expect(long).toMatchObject({
      status: 414,
      json: { status: 414, message: expect.stringContaining("100"), data: {} },
    });
    const big = await answer(
      small(request("request-password-reset", { body: { email: `${"a".repeat(80)}@pb-gate.test` } })),
    );
    expect(big).toMatchObject({ status: 413, json: { status: 413, message: expect.stringContaining("64"), data: {} } });
  });
});
