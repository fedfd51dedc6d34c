/**
 * /api/metrics through its route handler on a real database: refused (and silent) without the configured credential,
 * and, with it, valid Prometheus text holding the series the requests and queries before it produced.
 */
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { closeAppMetrics } from "@/server/ops/metrics/registry";
import { type FinishedRequest, requestFinished } from "@/server/ops/request-events";

let t: TestDatabase;
let route: typeof import("./route");
const TOKEN = "metrics-token-for-tests-0123456789";

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  route = await import("./route");
});
afterEach(() => {
  delete process.env.METRICS_TOKEN;
  delete process.env.METRICS_ALLOW;
});
afterAll(async () => {
  closeAppMetrics();
  await t.drop();
});

function scrape(headers: Record<string, string> = {}) {
  return route.GET(new Request("http://localhost/api/metrics", { headers }));
}

const finished = (over: Partial<FinishedRequest>): FinishedRequest => ({
  requestId: crypto.randomUUID(),
  at: new Date(),
  method: "GET",
  route: "/api/trpc",
  procedures: [],
  status: 200,
  durationMs: 12,
  actorId: null,
  ip: "198.51.100.1",
  userAgent: "test",
  error: null,
  ...over,
});

/**
 * Every line is a comment or `name{labels} value`, as Prometheus's text format (0.0.4) has it. prom-client writes an
 * empty summary's NaN as `Nan`, which Prometheus reads (Go's ParseFloat takes any case).
 */
const SAMPLE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (-?[0-9.]+(e[+-]?[0-9]+)?|NaN|Nan|[+-]Inf)$/;

async function expectRefused(res: Response, status: 401 | 403) {
  expect(res.status).toBe(status);
  const body = await res.text();
  expect(body).not.toMatch(/atrium_|process_|nodejs_/);
  expect(body).not.toContain(TOKEN);
  expect(body.length).toBeLessThan(200);
}

describe("GET /api/metrics: who may scrape", () => {
  it("is refused to everyone when neither METRICS_TOKEN nor METRICS_ALLOW is set (outside `next dev`)", async () => {
    await expectRefused(await scrape(), 403);
    await expectRefused(await scrape({ authorization: `Bearer ${TOKEN}`, "x-forwarded-for": "127.0.0.1" }), 403);
  });

  it("with a token: 401 (and a challenge) without one, 403 with a wrong one, 200 with the right one", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const missing = await scrape();
    await expectRefused(missing, 401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    await expectRefused(await scrape({ authorization: `Bearer ${TOKEN}x` }), 403);
    await expectRefused(await scrape({ authorization: `Bearer ${TOKEN.slice(0, -1)}` }), 403);
    await expectRefused(await scrape({ authorization: `Basic ${btoa(`prometheus:${TOKEN}`)}` }), 401);
    expect((await scrape({ authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it("never answers 200 (nor 5xx) to any other Authorization header", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (header) => {
        fc.pre(header.trim() !== `Bearer ${TOKEN}`);
        let res: Response;
        try {
          res = await scrape({ authorization: header });
        } catch {
          return; // Headers itself refuses characters no HTTP client could send.
        }
        expect([401, 403]).toContain(res.status);
      }),
      { numRuns: 200 },
    );
  });

  it("with an allow-list: only addresses inside it; with a token too, both are needed", async () => {
    process.env.METRICS_ALLOW = "10.0.0.0/8, 2001:db8::1";
    expect((await scrape({ "x-forwarded-for": "10.1.2.3" })).status).toBe(200);
    expect((await scrape({ "x-forwarded-for": "2001:db8::1" })).status).toBe(200);
    await expectRefused(await scrape({ "x-forwarded-for": "192.0.2.7" }), 403);
    await expectRefused(await scrape({ "x-forwarded-for": "not-an-ip" }), 403);
    await expectRefused(await scrape(), 403);
    process.env.METRICS_TOKEN = TOKEN;
    await expectRefused(await scrape({ "x-forwarded-for": "10.1.2.3" }), 401);
    await expectRefused(await scrape({ "x-forwarded-for": "192.0.2.7", authorization: `Bearer ${TOKEN}` }), 403);
    expect((await scrape({ "x-forwarded-for": "10.1.2.3", authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });
});

describe("GET /api/metrics: what it says", () => {
  it("is Prometheus text with request, procedure, database, live, job and process series", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    // Subscribes the registry before the requests and queries below (the route does it on its first scrape).
    await scrape({ authorization: `Bearer ${TOKEN}` });
    requestFinished(finished({ procedures: ["posts.list", "users.get"], durationMs: 30 }));
    requestFinished(finished({ procedures: ["posts.list"], status: 500, durationMs: 2_000 }));
    // A procedure no router has, from a hostile path: counted, but under one label.
    requestFinished(finished({ procedures: ["<script>alert(1)</script>"], status: 404 }));
    requestFinished(finished({ route: "/api/files/[...path]", status: 304, durationMs: 1 }));
    await getDb().select().from(users).limit(1);

    const res = await scrape({ authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const line of text.split("\n")) {
      if (line === "" || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
      expect(line).toMatch(SAMPLE);
    }
    expect(text).toContain('atrium_http_requests_total{route="/api/trpc",status="200"} 1');
    expect(text).toContain('atrium_http_requests_total{route="/api/trpc",status="500"} 1');
    expect(text).toContain('atrium_http_requests_total{route="/api/files/[...path]",status="304"} 1');
    expect(text).toContain('atrium_http_request_duration_seconds_bucket{le="2.5",route="/api/trpc",status="500"} 1');
    expect(text).toContain('atrium_trpc_calls_total{procedure="posts.list",status="200"} 1');
    expect(text).toContain('atrium_trpc_calls_total{procedure="posts.list",status="500"} 1');
    expect(text).toContain('atrium_trpc_calls_total{procedure="unknown",status="404"} 1');
    expect(text).not.toContain("<script>");
    expect(text).toMatch(/^atrium_db_queries_total\{outcome="ok"\} [1-9]\d*$/m);
    expect(text).toMatch(/^atrium_db_query_duration_seconds_count [1-9]\d*$/m);
    expect(text).toMatch(/^atrium_db_pool_max \d+$/m);
    expect(text).toMatch(/^atrium_live_subscribers\{kind="records"\} 0$/m);
    expect(text).toMatch(/^atrium_live_events_total \d+$/m);
    expect(text).toMatch(/^atrium_jobs\{queue="blog.weekly-digest",state="waiting"\} \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds [\d.e-]+$/m);
    // Nothing of the requests themselves: no ids, addresses or agents.
    expect(text).not.toContain("198.51.100.1");
  });
});
