/**
 * The keyset iterator on a real PostgreSQL: for any sort the list accepts and any page size, the pages hold exactly
 * the rows `list` shows, in its order, each once, although sort values tie, are NULL, or differ only in microseconds
 * (which a JavaScript Date would lose). No query uses OFFSET, and one query reads one page.
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { resources } from "@/server/resources";
import { callers } from "@/server/testing";
import { sortValues } from "../sort";
import { keysetPages } from "./keyset";

let t: TestDatabase;
let api: ReturnType<typeof callers>["system"];
const SYSTEM = { kind: "system", reason: "test" } as const;
const ROWS = 23;

beforeAll(async () => {
  t = await createTestDatabase();
  api = callers(t.db).system;
  const [author] = await t.db.insert(users).values({ name: "Keyset", email: "keyset@test.local" }).returning();
  // Three titles and three instants for 23 rows: ties everywhere; every third row never published (NULL).
  await t.db.insert(posts).values(
    Array.from({ length: ROWS }, (_, i) => ({
      title: `Title ${i % 3}`,
      slug: `keyset-${i}`,
      body: "keyset body",
      status: i % 3 === 0 ? ("draft" as const) : ("published" as const),
      authorId: author?.id as string,
      publishedAt: i % 3 === 0 ? null : new Date(Date.UTC(2026, 0, 1 + (i % 2))),
      deletedAt: i === 7 ? new Date() : null,
    })),
  );
  // Instants one microsecond apart: equal as JavaScript Dates, distinct (and ordered) in PostgreSQL.
  await t.db.execute(
    sql`update posts set created_at = '2026-02-01 00:00:00.000001+00'::timestamptz + (abs(hashtext(slug)) % 3) * interval '1 microsecond'`,
  );
}, 60_000);
afterAll(() => t.drop());

async function collect(sort: string[], pageSize: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of keysetPages(t.db, resources.posts, { sort, pageSize, limit: 1_000 }, SYSTEM)) {
    ids.push(...page.map((row) => String(row.id)));
  }
  return ids;
}

describe("keysetPages", () => {
  it("reads every row of the list, in its order, for any sort and page size", async () => {
    const sorts = sortValues(resources.posts);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...sorts), { maxLength: 3, selector: (s) => s.replace(/^-/, "") }),
        fc.integer({ min: 1, max: 7 }),
        async (sort, pageSize) => {
          const listed = await api.posts.list({ sort: sort as never, perPage: 100 });
          expect(await collect(sort, pageSize)).toEqual(listed.items.map((p) => p.id));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("pages without OFFSET, one query per page, and stops at the limit", async () => {
    t.queries.length = 0;
    const ids = await collect(["createdAt"], 5);
    expect(ids).toHaveLength(ROWS - 1);
    const reads = t.queries.filter((q) => /^select/i.test(q));
    expect(reads).toHaveLength(Math.ceil((ROWS - 1) / 5));
    expect(reads.some((q) => /\boffset\b/i.test(q))).toBe(false);
    let seen = 0;
    for await (const page of keysetPages(t.db, resources.posts, { pageSize: 4, limit: 10 }, SYSTEM))
      seen += page.length;
    expect(seen).toBe(10);
  });

  it("applies the filter, the search and the deleted rows as list does", async () => {
    const params = { filter: { status: { eq: "published" as const } }, search: "Title 1", deleted: "include" as const };
    const listed = await api.posts.list({ ...params, perPage: 100 });
    const ids: string[] = [];
    for await (const page of keysetPages(t.db, resources.posts, { ...params, pageSize: 2, limit: 100 }, SYSTEM)) {
      ids.push(...page.map((row) => String(row.id)));
    }
    expect(ids).toEqual(listed.items.map((p) => p.id));
  });
});
