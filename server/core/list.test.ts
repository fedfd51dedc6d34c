/**
 * posts.list through the tRPC caller on a real PostgreSQL: every filter operator and nesting, sorting,
 * pagination edges, search, and inputs that try SQL injection.
 */
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { callers, rejection } from "../testing";

let t: TestDatabase;
let api: ReturnType<typeof callers>["system"];
let authorA: string;
let authorB: string;
const day = (n: number) => new Date(Date.UTC(2026, 0, n));

// Twelve posts with known titles, states and dates. "Gamma 3" is soft-deleted.
const FIXTURE = [
  { title: "Alpha 1", status: "published", publishedAt: day(1), body: "Postgres and coffee notes" },
  { title: "Beta 2", status: "published", publishedAt: day(2), body: "100% pure TypeScript" },
  { title: "Gamma 3", status: "published", publishedAt: day(3), body: "deleted one", deleted: true },
  { title: "Delta 4", status: "draft", publishedAt: null, body: "a_draft body here" },
  { title: "Epsilon 5", status: "published", publishedAt: day(5), body: "Coffee again, strong" },
  { title: "Zeta 6", status: "draft", publishedAt: null, body: "another draft body" },
  { title: "Eta 7", status: "published", publishedAt: day(7), body: "notes about cycling" },
  { title: "Theta 8", status: "published", publishedAt: day(8), body: "notes about gardens" },
  { title: "Iota 9", status: "published", publishedAt: day(9), body: "it's quoted 'text'" },
  { title: "Kappa 10", status: "draft", publishedAt: null, body: "draft ten body" },
  { title: "Lambda 11", status: "published", publishedAt: day(11), body: "eleven body text" },
  { title: "alpha lower 12", status: "published", publishedAt: day(12), body: "lower-case title" },
] as const;

beforeAll(async () => {
  t = await createTestDatabase();
  api = callers(t.db).system;
  const [a, b] = await t.db
    .insert(users)
    .values([
      { name: "Author A", email: "a@test.local" },
      { name: "Author B", email: "b@test.local" },
    ])
    .returning({ id: users.id });
  authorA = a?.id as string;
  authorB = b?.id as string;
  await t.db.insert(posts).values(
    FIXTURE.map((p, i) => ({
      title: p.title,
      slug: `post-${i + 1}`,
      body: p.body,
      status: p.status,
      publishedAt: p.publishedAt,
      authorId: i % 2 === 0 ? authorA : authorB,
      createdAt: day(i + 1),
      deletedAt: "deleted" in p ? day(20) : null,
    })),
  );
});
afterAll(() => t.drop());

const titles = async (input: Parameters<typeof api.posts.list>[0]) =>
  (await api.posts.list({ perPage: 100, sort: ["title"], ...input })).items.map((p) => p.title);

describe("filter operators", () => {
  it("eq and ne", async () => {
    expect(await titles({ filter: { status: { eq: "draft" } } })).toEqual(["Delta 4", "Kappa 10", "Zeta 6"]);
    expect(await titles({ filter: { status: { ne: "published" } } })).toEqual(["Delta 4", "Kappa 10", "Zeta 6"]);
  });

  it("ne keeps rows whose value is NULL", async () => {
    const result = await titles({ filter: { publishedAt: { ne: day(1) } } });
    expect(result).toContain("Delta 4");
    expect(result).not.toContain("Alpha 1");
    expect(result).toHaveLength(10);
  });

  it("gt, gte, lt, lte on dates (ISO strings are accepted too)", async () => {
    expect(await titles({ filter: { publishedAt: { gt: day(9) } } })).toEqual(["Lambda 11", "alpha lower 12"]);
    expect(await titles({ filter: { publishedAt: { gte: day(9) } } })).toEqual([
      "Iota 9",
      "Lambda 11",
      "alpha lower 12",
    ]);
    expect(await titles({ filter: { publishedAt: { lt: day(2) } } })).toEqual(["Alpha 1"]);
    const iso = day(2).toISOString() as unknown as Date;
    expect(await titles({ filter: { publishedAt: { lte: iso } } })).toEqual(["Alpha 1", "Beta 2"]);
  });

  it("gt and lt on text compare in collation order", async () => {
    expect(await titles({ filter: { title: { gt: "Kappa", lt: "Theta" } } })).toEqual(["Kappa 10", "Lambda 11"]);
  });

  it("in and notIn", async () => {
    expect(await titles({ filter: { title: { in: ["Alpha 1", "Eta 7", "Nope"] } } })).toEqual(["Alpha 1", "Eta 7"]);
    const notIn = await titles({ filter: { status: { notIn: ["published"] } } });
    expect(notIn).toEqual(["Delta 4", "Kappa 10", "Zeta 6"]);
  });

  it("contains and startsWith are case-insensitive substring matches", async () => {
    expect(await titles({ filter: { title: { contains: "ALPHA" } } })).toEqual(["Alpha 1", "alpha lower 12"]);
    expect(await titles({ filter: { title: { startsWith: "al" } } })).toEqual(["Alpha 1", "alpha lower 12"]);
    expect(await titles({ filter: { title: { startsWith: "lower" } } })).toEqual([]);
  });

  it("isNull true and false", async () => {
    expect(await titles({ filter: { publishedAt: { isNull: true } } })).toEqual(["Delta 4", "Kappa 10", "Zeta 6"]);
    expect(await titles({ filter: { publishedAt: { isNull: false } } })).toHaveLength(8);
  });

  it("several operators on one field are AND-ed", async () => {
    expect(await titles({ filter: { publishedAt: { gte: day(5), lte: day(8) } } })).toEqual([
      "Epsilon 5",
      "Eta 7",
      "Theta 8",
    ]);
  });

  it("uuid fields filter by id", async () => {
    expect(await titles({ filter: { authorId: { eq: authorB }, status: { eq: "draft" } } })).toEqual([
      "Delta 4",
      "Kappa 10",
      "Zeta 6",
    ]);
    expect(await titles({ filter: { authorId: { eq: authorA }, status: { eq: "draft" } } })).toEqual([]);
    expect(await titles({ filter: { authorId: { eq: authorA } } })).toHaveLength(5);
  });
});

describe("nesting with and, or, not", () => {
  it("or", async () => {
    const result = await titles({ filter: { or: [{ title: { eq: "Alpha 1" } }, { title: { eq: "Beta 2" } }] } });
    expect(result).toEqual(["Alpha 1", "Beta 2"]);
  });

  it("not", async () => {
    expect(await titles({ filter: { not: { status: { eq: "published" } } } })).toEqual([
      "Delta 4",
      "Kappa 10",
      "Zeta 6",
    ]);
  });

  it("and/or/not nested three levels deep", async () => {
    const result = await titles({
      filter: {
        and: [
          { status: { eq: "published" } },
          {
            or: [
              { title: { startsWith: "E" } },
              { not: { or: [{ publishedAt: { lt: day(11) } }, { title: { contains: "lower" } }] } },
            ],
          },
        ],
      },
    });
    expect(result).toEqual(["Epsilon 5", "Eta 7", "Lambda 11"]);
  });
});

describe("filter validation", () => {
  it("rejects a value of the wrong type for the column, naming the path", async () => {
    const enumError = await rejection(api.posts.list({ filter: { status: { eq: "archived" as "draft" } } }));
    expect(enumError.code).toBe("BAD_REQUEST");
    expect(Object.keys(enumError.fieldErrors)).toEqual(["filter.status.eq"]);

    const uuidError = await rejection(api.posts.list({ filter: { authorId: { eq: "not-a-uuid" } } }));
    expect(Object.keys(uuidError.fieldErrors)).toEqual(["filter.authorId.eq"]);

    const dateError = await rejection(
      api.posts.list({ filter: { publishedAt: { gt: "yesterday" as unknown as Date } } }),
    );
    expect(Object.keys(dateError.fieldErrors)).toEqual(["filter.publishedAt.gt"]);
  });

  it("rejects fields that are not filterable, unknown operators, and empty operator objects", async () => {
    const notFilterable = await rejection(api.posts.list({ filter: { body: { eq: "x" } } as never }));
    expect(notFilterable.code).toBe("BAD_REQUEST");
    const unknownOp = await rejection(api.posts.list({ filter: { title: { like: "x" } } as never }));
    expect(unknownOp.code).toBe("BAD_REQUEST");
    const containsOnEnum = await rejection(api.posts.list({ filter: { status: { contains: "pub" } } as never }));
    expect(containsOnEnum.code).toBe("BAD_REQUEST");
    const empty = await rejection(api.posts.list({ filter: { title: {} } }));
    expect(empty.code).toBe("BAD_REQUEST");
  });
});

describe("sort", () => {
  it("sorts on several fields, with NULLs last", async () => {
    const items = (await api.posts.list({ perPage: 100, sort: ["status", "-publishedAt", "title"] })).items;
    expect(items.map((p) => p.title)).toEqual([
      "Delta 4",
      "Kappa 10",
      "Zeta 6",
      "alpha lower 12",
      "Lambda 11",
      "Iota 9",
      "Theta 8",
      "Eta 7",
      "Epsilon 5",
      "Beta 2",
      "Alpha 1",
    ]);
  });

  it("rejects fields that are not sortable", async () => {
    const error = await rejection(api.posts.list({ sort: ["body" as "title"] }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.fieldErrors)).toEqual(["sort.0"]);
  });

  it("uses the definition's default sort when none is given", async () => {
    const items = (await api.posts.list({ perPage: 3 })).items;
    expect(items.map((p) => p.title)).toEqual(["alpha lower 12", "Lambda 11", "Kappa 10"]);
  });
});

describe("pagination", () => {
  it("returns the list contract; the last page is partial", async () => {
    const last = await api.posts.list({ page: 3, perPage: 5, sort: ["title"] });
    expect(last).toMatchObject({ page: 3, perPage: 5, totalItems: 11, totalPages: 3 });
    expect(last.items.map((p) => p.title)).toEqual(["alpha lower 12"]);
  });

  it("beyond the end gives an empty page with the true totals", async () => {
    const beyond = await api.posts.list({ page: 9, perPage: 5 });
    expect(beyond).toEqual({ items: [], page: 9, perPage: 5, totalItems: 11, totalPages: 3 });
  });

  it("perPage above the maximum is a field error, not a silent clamp", async () => {
    const error = await rejection(api.posts.list({ perPage: 101 }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors.perPage).toEqual(["perPage must be at most 100"]);
    const zero = await rejection(api.posts.list({ page: 0 }));
    expect(Object.keys(zero.fieldErrors)).toEqual(["page"]);
  });

  it("skipTotal skips the count query", async () => {
    t.queries.length = 0;
    const page = await api.posts.list({ perPage: 2, skipTotal: true });
    expect(page).toMatchObject({ totalItems: -1, totalPages: -1 });
    expect(page.items).toHaveLength(2);
    expect(t.queries.some((q) => q.includes("count("))).toBe(false);
  });

  it("never shows soft-deleted rows", async () => {
    expect(await titles({})).not.toContain("Gamma 3");
  });
});

describe("search", () => {
  it("matches every word across searchable fields, case-insensitively", async () => {
    expect(await titles({ search: "coffee" })).toEqual(["Alpha 1", "Epsilon 5"]);
    expect(await titles({ search: "COFFEE strong" })).toEqual(["Epsilon 5"]);
    expect(await titles({ search: "notes alpha" })).toEqual(["Alpha 1"]);
  });

  it("treats % and _ as literal characters", async () => {
    expect(await titles({ search: "100%" })).toEqual(["Beta 2"]);
    expect(await titles({ search: "a_d" })).toEqual(["Delta 4"]);
    expect(await titles({ search: "%" })).toEqual(["Beta 2"]);
  });

  it("combines with filters", async () => {
    expect(await titles({ search: "body", filter: { status: { eq: "draft" } } })).toEqual([
      "Delta 4",
      "Kappa 10",
      "Zeta 6",
    ]);
  });
});

describe("SQL injection attempts stay inert", () => {
  const attacks = [
    "'; drop table posts; --",
    "' or '1'='1",
    "\\'; select pg_sleep(5); --",
    "Robert'); DROP TABLE users;--",
  ];

  it("in filter values, search and contains", async () => {
    for (const attack of attacks) {
      expect(await titles({ filter: { title: { eq: attack } } })).toEqual([]);
      expect(await titles({ filter: { title: { contains: attack } } })).toEqual([]);
      expect(await titles({ filter: { title: { in: [attack] } } })).toEqual([]);
      expect(await titles({ search: attack })).toEqual([]);
    }
    const [n] = await t.db.select({ n: count() }).from(posts);
    expect(n?.n).toBe(FIXTURE.length);
  });

  it("in sort and filter keys, which are rejected before any SQL is built", async () => {
    const sortAttack = await rejection(api.posts.list({ sort: ["title; drop table posts" as "title"] }));
    expect(sortAttack.code).toBe("BAD_REQUEST");
    const keyAttack = await rejection(api.posts.list({ filter: { "title = title or 1=1 --": { eq: "x" } } as never }));
    expect(keyAttack.code).toBe("BAD_REQUEST");
    const [n] = await t.db.select({ n: count() }).from(users);
    expect(n?.n).toBe(2);
  });
});
