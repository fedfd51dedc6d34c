/**
 * What a rate limiter costs the list path, measured (not asserted): the engine's posts.list as `npm run bench:list`
 * calls it, through the real /api/trpc handler, 16 concurrent callers from one IP, with
 *   - no limiter,
 *   - the write-behind SharedRateLimiter (what the app uses),
 *   - one Postgres upsert per request on the hot row (server/auth/rate-limit.ts's hitRateLimits), the shape of
 *     rate-limiter-flexible's RateLimiterDrizzle too (measured with it while it was installed; see the decision).
 * Skipped unless MEASURE_LIMITS=1, since it takes about a minute: `MEASURE_LIMITS=1 npx vitest run
 * server/http/rate-limit-cost.test.ts`. Figures from one run are in docs/decisions/009-request-limits.md.
 */
import { sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { hitRateLimits } from "@/server/auth/rate-limit";
import type { RequestLimiter } from "./gate";
import type { LimitDecision } from "./rate-limit";

const enabled = process.env.MEASURE_LIMITS === "1";
const CONCURRENCY = 16;
const ROUND_MS = 4_000;
const ROUNDS = 3;

let t: TestDatabase;
let api: typeof import("./api-handler");
let limiters: typeof import("./rate-limit");

beforeAll(async () => {
  if (!enabled) return;
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.API_RATE_LIMIT_PER_IP = "100000000";
  api = await import("./api-handler");
  limiters = await import("./rate-limit");
  // The same data as bench/list.ts: 20 authors, 100k posts, two in three published.
  await t.sql`insert into users (name, email, role) select 'Author ' || i, 'a' || i || '@x.test', 'member'
    from generate_series(1, 20) i`;
  await t.sql`with u as (select array_agg(id order by email) ids from users)
    insert into posts (title, slug, body, status, author_id, published_at, created_at, updated_at)
    select 'Post #' || i, 'post-' || i, repeat('Body text. ', 30),
      (case when i % 3 = 0 then 'draft' else 'published' end)::post_status, u.ids[1 + i % 20],
      case when i % 3 = 0 then null else now() - i * interval '1 minute' end, now(), now()
    from generate_series(1, 100000) i, u`;
  await t.sql`vacuum (analyze) users, posts`;
}, 120_000);
afterAll(() => (enabled ? t.drop() : undefined));

const input = {
  page: 1,
  perPage: 20,
  filter: { status: { eq: "published" } },
  sort: ["-publishedAt"],
  expand: ["author"],
};
const urlOf = (path: string, value: unknown) =>
  `http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(value)))}`;
/** The bench's request, and a cheap one (a page of the empty tags table) where a limiter's cost shows more. */
const PATHS = [
  ["posts.list (bench)", urlOf("posts.list", input)],
  ["tags.list (cheap)", urlOf("tags.list", { perPage: 5 })],
] as const;

async function drive(handler: (req: Request) => Promise<Response>, url: string, ms: number) {
  const until = performance.now() + ms;
  let done = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const res = await handler(new Request(url, { headers: { "x-forwarded-for": "203.0.113.9" } }));
        await res.arrayBuffer();
        if (res.status === 200) done++;
        else failed++;
      }
    }),
  );
  return { rps: (done / ms) * 1000, failed };
}

const allowed: LimitDecision = { allowed: true };

describe.skipIf(!enabled)("rate limiter cost on posts.list", () => {
  it("prints requests/s for each limiter", async () => {
    const variants: [string, RequestLimiter][] = [
      ["none", { check: async () => allowed }],
      ["write-behind (app)", new limiters.SharedRateLimiter(getDb)],
      [
        "upsert per request",
        { check: async (rules) => ((await hitRateLimits(getDb(), rules)).allowed ? allowed : allowed) },
      ],
    ];
    const handlers = variants.map(([name, limiter]) => [name, api.createApiHandler({ limiter })] as const);
    for (const [label, url] of PATHS) {
      for (const [, handler] of handlers) await drive(handler, url, 1_000);
      const totals = new Map<string, number[]>();
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, handler] of handlers) {
          const { rps, failed } = await drive(handler, url, ROUND_MS);
          expect(failed).toBe(0);
          totals.set(name, [...(totals.get(name) ?? []), rps]);
        }
      }
      const base = median(totals.get("none") ?? []);
      for (const [name, samples] of totals) {
        const rps = median(samples);
        const all = samples.map((v) => v.toFixed(0)).join("/");
        console.log(
          `${label}: ${name.padEnd(30)} ${rps.toFixed(0).padStart(6)} req/s (${all})  ${(rps / base).toFixed(3)}x`,
        );
      }
    }
    for (const [, limiter] of variants) if (limiter instanceof limiters.SharedRateLimiter) limiter.stop();
  }, 300_000);
});

describe.skipIf(!enabled)("one hot counter row", () => {
  it("prints upserts/s and latency with 16 concurrent callers on one key", async () => {
    const rule = { key: "hot", limit: 100_000_000, windowSeconds: 60 };
    const ways: [string, () => Promise<unknown>][] = [
      ["select 1 (a round trip)", () => getDb().execute(sql`select 1`)],
      ["hitRateLimit upsert", () => hitRateLimits(getDb(), [rule])],
    ];
    for (const [name, once] of ways) {
      let n = 0;
      const until = performance.now() + ROUND_MS;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < until) {
            await once();
            n++;
          }
        }),
      );
      const ms = performance.now() - started;
      console.log(
        `${name.padEnd(32)} ${((n / ms) * 1000).toFixed(0).padStart(6)}/s  mean ${((ms * CONCURRENCY) / n).toFixed(2)} ms`,
      );
    }
  }, 60_000);
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
