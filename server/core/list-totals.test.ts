/**
 * `list`'s totals on a real PostgreSQL (totals.ts, docs/decisions/026-list-totals.md): by default exact up to the
 * resource's count cap and the planner's estimate beyond it, flagged; "exact", "estimate" and "none" on request;
 * skipTotal as "none"; bad values a 400 naming `totals`; an estimate planned for the caller's own rows. Posts are
 * listed through a copy of the demo's resource whose cap is 5, so a dozen rows cross it.
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { posts, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { resources } from "@/server/resources";
import { postsResource } from "@/server/resources/posts";
import { rejection } from "../testing";
import { createCallerFactory, createContext, router } from "../trpc";
import type { Actor } from "./actor";
import { ESTIMATE_TTL_MS } from "./estimate-memo";
import { defineResource } from "./resource";
import { createResourceRouter } from "./router";
import { DEFAULT_COUNT_CAP, listTotal, roundEstimate } from "./totals";

const CAP = 5;
const cappedPosts = defineResource("posts", { ...postsResource, list: { ...postsResource.list, countCap: CAP } });
const caller = createCallerFactory(
  router({ posts: createResourceRouter(cappedPosts, { ...resources, posts: cappedPosts }) }),
);

let t: TestDatabase;
let api: (actor?: Actor) => ReturnType<typeof caller>;
let authorA: string;
let authorB: string;

// 13 posts: author A has 5 live ones (2 of them drafts), author B 6 published and 1 in the bin, and 1 more is B's draft.
beforeAll(async () => {
  t = await createTestDatabase();
  api = (actor = { kind: "system", reason: "totals test" }) => caller(createContext({ db: t.db, actor }));
  const [a, b] = await t.db
    .insert(users)
    .values([
      { name: "Author A", email: "a@totals.test" },
      { name: "Author B", email: "b@totals.test" },
    ])
    .returning({ id: users.id });
  authorA = a?.id as string;
  authorB = b?.id as string;
  const post = (n: number, authorId: string, status: "draft" | "published", deleted = false) => ({
    title: `Post number ${n}`,
    slug: `post-${n}`,
    body: "A body long enough.",
    status,
    authorId,
    deletedAt: deleted ? new Date() : null,
  });
  await t.db
    .insert(posts)
    .values([
      ...[1, 2, 3].map((n) => post(n, authorA, "published")),
      ...[4, 5].map((n) => post(n, authorA, "draft")),
      ...[6, 7, 8, 9, 10, 11].map((n) => post(n, authorB, "published")),
      post(12, authorB, "published", true),
      post(13, authorB, "draft"),
    ]);
});
afterAll(() => t.drop());

const counted = () => t.queries.filter((q) => q.includes("count("));
const explained = () => t.queries.filter((q) => q.startsWith("explain"));

describe("the default: exact up to the cap, the estimate beyond it", () => {
  it("counts exactly at the cap and under it, without asking the planner", async () => {
    t.queries.length = 0;
    const atCap = await api().posts.list({ perPage: 2, filter: { authorId: { eq: authorA } } });
    expect(atCap).toMatchObject({ totalItems: CAP, totalPages: 3 });
    expect(atCap).not.toHaveProperty("totalEstimated");
    const under = await api().posts.list({ filter: { status: { eq: "draft" } } });
    expect(under).toMatchObject({ totalItems: 3, totalPages: 1 });
    expect(under).not.toHaveProperty("totalEstimated");
    // The count reads at most cap + 1 rows.
    expect(counted().every((q) => /limit \$\d+\) "capped"$/.test(q))).toBe(true);
    expect(explained()).toEqual([]);
  });

  it("over the cap answers the planner's estimate, never below cap + 1, and says so", async () => {
    for (const filter of [{ authorId: { eq: authorB } }, undefined]) {
      const page = await api().posts.list({ perPage: 4, ...(filter ? { filter } : {}) });
      expect(page.totalEstimated).toBe(true);
      expect(page.totalItems).toBeGreaterThanOrEqual(CAP + 1);
      expect(page.totalPages).toBe(Math.ceil(page.totalItems / 4));
      expect(page.items).toHaveLength(4);
    }
  });

  it("plans the estimate for the same rows as the page: the caller's row rule included", async () => {
    t.queries.length = 0;
    // Anonymous callers read published posts only: 9 of them, over the cap.
    const page = await api({ kind: "anonymous" }).posts.list({ perPage: 3 });
    expect(page.totalEstimated).toBe(true);
    const [pageQuery] = t.queries.filter((q) => q.startsWith('select "id"'));
    const [explain] = explained();
    const whereOf = (q: string | undefined) => q?.match(/ where (.*?)(?: order by| limit|\)$)/)?.[1];
    expect(whereOf(explain)).toContain('"posts"."status" = $');
    expect(whereOf(explain)).toBe(whereOf(pageQuery));
  });

  it("remembers a list past its cap for a while, for that very query only", async () => {
    const input = { perPage: 2, filter: { title: { startsWith: "Post" } } };
    const first = await api().posts.list(input);
    expect(first.totalEstimated).toBe(true);
    t.queries.length = 0;
    const again = await api().posts.list({ ...input, page: 2 });
    expect(again).toMatchObject({ totalItems: first.totalItems, totalEstimated: true });
    expect([...counted(), ...explained()]).toEqual([]);
    // Another caller's rows are another query: counted on their own.
    await api({ kind: "anonymous" }).posts.list(input);
    expect(counted()).toHaveLength(1);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + ESTIMATE_TTL_MS + 1);
      t.queries.length = 0;
      expect((await api().posts.list(input)).totalEstimated).toBe(true);
      expect(counted()).toHaveLength(1);
      expect(explained()).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("uses the engine's cap unless the definition sets one", () => {
    expect(postsResource.info.countCap).toBe(DEFAULT_COUNT_CAP);
    expect(cappedPosts.info.countCap).toBe(CAP);
  });
});

describe("totals on request", () => {
  it('"exact" counts every row, past the cap', async () => {
    t.queries.length = 0;
    const page = await api().posts.list({ perPage: 5, totals: "exact" });
    expect(page).toMatchObject({ totalItems: 12, totalPages: 3 });
    expect(page).not.toHaveProperty("totalEstimated");
    expect(explained()).toEqual([]);
  });

  it('"estimate" never counts', async () => {
    t.queries.length = 0;
    const page = await api().posts.list({ perPage: 5, totals: "estimate", filter: { status: { eq: "draft" } } });
    expect(page.totalEstimated).toBe(true);
    expect(page.totalItems).toBeGreaterThanOrEqual(0);
    expect(page.totalPages).toBe(Math.ceil(page.totalItems / 5));
    expect(counted()).toEqual([]);
  });

  it('"none" and skipTotal leave the totals at -1 and count nothing', async () => {
    for (const input of [
      { totals: "none" as const },
      { skipTotal: true },
      { skipTotal: true, totals: "none" as const },
    ]) {
      t.queries.length = 0;
      const page = await api().posts.list({ perPage: 2, ...input });
      expect(page).toEqual({ items: page.items, page: 1, perPage: 2, totalItems: -1, totalPages: -1 });
      expect(page.items).toHaveLength(2);
      expect([...counted(), ...explained()]).toEqual([]);
    }
  });

  it("refuses any other value, and one that contradicts skipTotal, naming totals", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 20 }).filter((s) => !["exact", "estimate", "none"].includes(s)),
          fc.constantFrom("EXACT", " exact", "null", ""),
          fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.constant("exact"), { maxLength: 2 })),
        ),
        async (totals) => {
          const error = await rejection(api().posts.list({ totals: totals as "exact" }));
          expect(error.code).toBe("BAD_REQUEST");
          expect(Object.keys(error.fieldErrors)).toEqual(["totals"]);
        },
      ),
      { numRuns: 60 },
    );
    for (const totals of ["exact", "estimate"] as const) {
      const error = await rejection(api().posts.list({ skipTotal: true, totals }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.fieldErrors.totals).toEqual(['totals contradicts skipTotal: true (which means totals: "none")']);
    }
  });
});

describe("an exact count that runs too long", () => {
  it("is cancelled by PostgreSQL and answers the estimate instead, flagged", async () => {
    // Each row takes 20 ms to test: 13 rows are past a 100 ms bound.
    const slow = sql`pg_sleep(0.02) is not null`;
    const started = performance.now();
    const total = await listTotal(t.db, posts, slow, "exact", { cap: CAP, exactTimeoutMs: 100 });
    expect(total?.estimated).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
    // The bound was the transaction's own: the pool's next statement has none.
    const [setting] = await t.sql<{ statement_timeout: string }[]>`show statement_timeout`;
    expect(setting?.statement_timeout).toBe("0");
    expect(await listTotal(t.db, posts, undefined, "exact", { cap: CAP, exactTimeoutMs: 100 })).toEqual({
      totalItems: 13,
      estimated: false,
    });
  });
});

describe("roundEstimate", () => {
  it("keeps two significant digits, rounding up: never below the planner's figure, at most 10% over it", () => {
    expect([7, 99, 100, 10_001, 61_234, 1_234_567].map(roundEstimate)).toEqual([7, 99, 100, 11_000, 62_000, 1_300_000]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (n) => {
        const rounded = roundEstimate(n);
        expect(rounded).toBeGreaterThanOrEqual(n);
        expect(rounded).toBeLessThanOrEqual(Math.max(n, Math.ceil(n * 1.1)));
        expect(String(rounded).replace(/0+$/, "").length).toBeLessThanOrEqual(2);
      }),
    );
  });
});
