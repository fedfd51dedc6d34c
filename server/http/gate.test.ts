/**
 * The HTTP gate through the real /api/trpc route handler on a real database: batch and URL bounds, the body limit
 * (declared and chunked), the Origin rule for cookie-authenticated writes, CORS for ALLOWED_ORIGINS only, and the cap
 * on live streams per client. Rate limits have their own file (rate-limit.test.ts), with low limits.
 */
import { count, eq, isNull } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { posts } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createApiToken, createUserWithPassword, signInCookie } from "@/server/auth/testing";
import { closeListener } from "@/server/core/realtime/listener";

const FRONT = "https://front.example";
const PASSWORD = "correct horse battery staple";

let t: TestDatabase;
let route: typeof import("@/app/api/trpc/[trpc]/route");
let adminCookie: string;
let memberCookie: string;
let memberToken: string;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.ALLOWED_ORIGINS = `${FRONT}, https://other.example:8443/`;
  process.env.LIVE_STREAMS_PER_CLIENT = "2";
  route = await import("@/app/api/trpc/[trpc]/route");
  await createUserWithPassword(t.db, { name: "Gate Admin", email: "admin@gate.test", role: "admin" }, PASSWORD);
  const member = await createUserWithPassword(
    t.db,
    { name: "Gate Member", email: "member@gate.test", role: "member" },
    PASSWORD,
  );
  adminCookie = await signInCookie(t.db, "admin@gate.test", PASSWORD);
  memberCookie = await signInCookie(t.db, "member@gate.test", PASSWORD);
  memberToken = await createApiToken(t.db, member.id, { scope: "write" });
});
// The app's LISTEN connection first: dropping the database under it would kill it mid-reconnect, and postgres.js
// leaves the rejection of a connection's first type lookup unhandled.
afterAll(async () => {
  await closeListener(getDb());
  await t.drop();
});

interface ErrorEnvelope {
  error?: { json: { message: string; code: number; data: { code: string; httpStatus: number } } };
}

const encode = (value: unknown) => JSON.stringify(superjson.serialize(value));
const postCount = async () => (await t.db.select({ n: count() }).from(posts))[0]?.n ?? 0;

function createPost(headers: Record<string, string>, title = "A post through the gate") {
  return route.POST(
    new Request("http://localhost/api/trpc/posts.create", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: encode({ title, body: "Long enough body text.", status: "draft" }),
    }),
  );
}

async function seedPosts(n: number): Promise<string[]> {
  const [author] = await t.sql`select id from users where email = 'admin@gate.test'`;
  const rows = await t.db
    .insert(posts)
    .values(
      Array.from({ length: n }, (_, i) => ({
        title: `Seeded ${i} ${Math.random()}`,
        slug: `seeded-${i}-${Math.random().toString(36).slice(2)}`,
        body: "Seeded body text.",
        authorId: author?.id as string,
      })),
    )
    .returning({ id: posts.id });
  return rows.map((r) => r.id);
}

describe("batch and URL bounds", () => {
  it("refuses a batched POST of 11 deletes with 400 before any runs, and runs a batch of 10", async () => {
    const ids = await seedPosts(11);
    const batch = (n: number) =>
      route.POST(
        new Request(`http://localhost/api/trpc/${Array(n).fill("posts.delete").join(",")}?batch=1`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie: adminCookie, origin: "http://localhost" },
          body: JSON.stringify(Object.fromEntries(ids.slice(0, n).map((id, i) => [i, superjson.serialize({ id })]))),
        }),
      );
    const refused = await batch(11);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as ErrorEnvelope;
    expect(body.error?.json.message).toBe("A batch may hold at most 10 calls; this one has 11.");
    expect(body.error?.json.data.code).toBe("BAD_REQUEST");
    const alive = await t.db.select({ id: posts.id }).from(posts).where(isNull(posts.deletedAt));
    expect(ids.every((id) => alive.some((row) => row.id === id))).toBe(true);

    const accepted = await batch(10);
    expect(accepted.status).toBe(200);
    const live = await t.db.select({ id: posts.id }).from(posts).where(isNull(posts.deletedAt));
    expect(live.filter((row) => ids.includes(row.id))).toHaveLength(1);
  });

  it("refuses GET posts.list x1000 with a short 400, not 10 MB", async () => {
    const res = await route.GET(
      new Request(`http://localhost/api/trpc/${Array(1000).fill("posts.list").join(",")}?batch=1`),
    );
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(400);
    expect(JSON.parse(text).error.json.message).toMatch(/at most 10 calls; this one has 1000/);
  });

  it("refuses a URL longer than 16 KiB with 414", async () => {
    const input = encodeURIComponent(encode({ search: "x".repeat(17_000) }));
    const res = await route.GET(new Request(`http://localhost/api/trpc/posts.list?input=${input}`));
    expect(res.status).toBe(414);
    expect(((await res.json()) as ErrorEnvelope).error?.json.message).toMatch(/URL is longer than 16384 bytes/);
  });
});

describe("body limit", () => {
  it("answers 413 from Content-Length alone and writes nothing", async () => {
    const before = await postCount();
    const body = encode({ title: "Too large to store", body: "y".repeat(1_048_576), status: "draft" });
    const res = await route.POST(
      new Request("http://localhost/api/trpc/posts.create", {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(body.length), cookie: memberCookie },
        body,
      }),
    );
    expect(res.status).toBe(413);
    const envelope = (await res.json()) as ErrorEnvelope;
    expect(envelope.error?.json.message).toBe("The request body is larger than 1048576 bytes.");
    expect(envelope.error?.json.data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await postCount()).toBe(before);
  });

  it("answers 413 for a chunked body without Content-Length, reading no more than the limit", async () => {
    const before = await postCount();
    const chunk = new TextEncoder().encode("z".repeat(64 * 1024));
    let pulled = 0;
    // 10 MiB, produced on demand: the gate must stop pulling once it passes 1 MiB.
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 10 * 1_048_576) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const req = new Request("http://localhost/api/trpc/posts.create", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: memberCookie },
      body: stream,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect(req.headers.get("content-length")).toBeNull();
    const res = await route.POST(req);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1_048_576 + 3 * chunk.byteLength);
    expect(await postCount()).toBe(before);
  });

  it("accepts a body under the limit", async () => {
    const res = await createPost({ cookie: memberCookie }, "Small enough to pass");
    expect(res.status).toBe(200);
  });
});

describe("the Origin rule for cookie-authenticated writes", () => {
  it("refuses a foreign Origin with 403 and writes nothing", async () => {
    const before = await postCount();
    const res = await createPost({ cookie: memberCookie, origin: "http://evil.example" });
    expect(res.status).toBe(403);
    const envelope = (await res.json()) as ErrorEnvelope;
    expect(envelope.error?.json.message).toBe("Requests from another site may not use this session.");
    expect(envelope.error?.json.data.code).toBe("FORBIDDEN");
    expect(await postCount()).toBe(before);
  });

  it("refuses Sec-Fetch-Site: cross-site and Origin: null", async () => {
    const before = await postCount();
    expect((await createPost({ cookie: memberCookie, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await createPost({ cookie: memberCookie, origin: "null" })).status).toBe(403);
    expect(
      (await createPost({ cookie: memberCookie, origin: "http://localhost", "sec-fetch-site": "cross-site" })).status,
    ).toBe(403);
    expect(await postCount()).toBe(before);
  });

  it("accepts the request's own origin, also as a proxy forwards it", async () => {
    const direct = await createPost({
      cookie: memberCookie,
      origin: "http://localhost",
      "sec-fetch-site": "same-origin",
    });
    expect(direct.status).toBe(200);
    const proxied = await createPost(
      {
        cookie: memberCookie,
        origin: "https://atrium.example.com",
        "x-forwarded-host": "atrium.example.com",
        "x-forwarded-proto": "https",
      },
      "Through the proxy",
    );
    expect(proxied.status).toBe(200);
  });

  it("accepts an allowed origin (with CORS headers) and a cookie POST without Origin (not a browser)", async () => {
    const allowed = await createPost(
      { cookie: memberCookie, origin: FRONT, "sec-fetch-site": "cross-site" },
      "From the front",
    );
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(FRONT);
    expect((await createPost({ cookie: memberCookie }, "From curl")).status).toBe(200);
  });

  it("lets a bearer-token write through from any origin", async () => {
    const res = await createPost(
      { authorization: `Bearer ${memberToken}`, origin: "http://evil.example", "sec-fetch-site": "cross-site" },
      "Written by a script",
    );
    expect(res.status).toBe(200);
    const [row] = await t.db.select({ id: posts.id }).from(posts).where(eq(posts.title, "Written by a script"));
    expect(row).toBeDefined();
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("does not apply to reads, which change nothing", async () => {
    const res = await route.GET(
      new Request("http://localhost/api/trpc/posts.list", {
        headers: { cookie: memberCookie, origin: "http://evil.example" },
      }),
    );
    expect(res.status).toBe(200);
  });
});

describe("CORS", () => {
  it("answers a preflight from an allowed origin, with credentials and the headers the client sends", async () => {
    const res = await route.OPTIONS(
      new Request("http://localhost/api/trpc/posts.create", {
        method: "OPTIONS",
        headers: {
          origin: "https://other.example:8443",
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type, idempotency-key",
        },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://other.example:8443");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("access-control-allow-headers")).toBe(
      "content-type, authorization, x-request-id, idempotency-key, trpc-accept, last-event-id",
    );
    expect(res.headers.get("vary")).toMatch(/Origin/);
  });

  it("gives another origin nothing: no CORS header on a preflight (403) or on a response", async () => {
    const preflight = await route.OPTIONS(
      new Request("http://localhost/api/trpc/posts.create", {
        method: "OPTIONS",
        headers: { origin: "http://evil.example", "access-control-request-method": "POST" },
      }),
    );
    expect(preflight.status).toBe(403);
    expect([...preflight.headers.keys()].filter((k) => k.startsWith("access-control-"))).toEqual([]);
    const res = await route.GET(
      new Request("http://localhost/api/trpc/posts.list", { headers: { origin: "http://evil.example" } }),
    );
    expect(res.status).toBe(200);
    expect([...res.headers.keys()].filter((k) => k.startsWith("access-control-"))).toEqual([]);
    expect(res.headers.get("vary")).toMatch(/Origin/);
  });

  it("adds CORS headers to an allowed origin's reads and refusals", async () => {
    const res = await route.GET(new Request("http://localhost/api/trpc/posts.list", { headers: { origin: FRONT } }));
    expect(res.headers.get("access-control-allow-origin")).toBe(FRONT);
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    const refused = await route.GET(
      new Request(`http://localhost/api/trpc/${Array(11).fill("posts.list").join(",")}?batch=1`, {
        headers: { origin: FRONT },
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.headers.get("access-control-allow-origin")).toBe(FRONT);
  });
});

describe("live streams per client", () => {
  const open = (ip: string, signal?: AbortSignal) =>
    route.GET(
      new Request(`http://localhost/api/trpc/posts.onChange?input=${encodeURIComponent(encode({}))}`, {
        headers: { "x-forwarded-for": ip, accept: "text/event-stream" },
        ...(signal ? { signal } : {}),
      }),
    );

  it("refuses the stream past the cap with 429 and Retry-After, and frees a slot when a stream ends", async () => {
    const ip = "198.51.100.20";
    const first = await open(ip);
    const aborter = new AbortController();
    const second = await open(ip, aborter.signal);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.headers.get("content-type")).toMatch(/text\/event-stream/);

    const third = await open(ip);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await third.json()) as ErrorEnvelope).error?.json.message).toMatch(
      /Too many live streams open \(at most 2\)/,
    );
    // Another client is not affected.
    const elsewhere = await open("198.51.100.21");
    expect(elsewhere.status).toBe(200);
    await elsewhere.body?.cancel();

    await first.body?.cancel(); // the client read enough and went away
    const fourth = await open(ip);
    expect(fourth.status).toBe(200);
    aborter.abort(); // the client's connection dropped
    const fifth = await open(ip);
    expect(fifth.status).toBe(200);
    await Promise.all([fourth.body?.cancel(), fifth.body?.cancel(), second.body?.cancel().catch(() => {})]);
  });

  it("counts tRPC's own streams (audit.onChange) too", async () => {
    const ip = "198.51.100.30";
    const held = [await open(ip), await open(ip)];
    const audit = await route.GET(
      new Request(`http://localhost/api/trpc/audit.onChange?input=${encodeURIComponent(encode({}))}`, {
        headers: { "x-forwarded-for": ip },
      }),
    );
    expect(audit.status).toBe(429);
    await Promise.all(held.map((res) => res.body?.cancel()));
  });
});
