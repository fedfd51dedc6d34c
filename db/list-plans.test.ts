/**
 * Every list of posts the demo's pages send, planned on 100k posts: none may read posts with a sequential scan
 * (issue 20; the indexes are in db/schema/posts.ts). The queries are the ones the engine actually sends for each
 * page's input (the page and its capped total), explained with their own parameters, as the caller who sends them:
 * the public home and post pages, a member under the own-drafts rule, and the admin table at each of its sorts,
 * filters, search and the bin. A failure names the page and prints the plan.
 */
import { and, eq, isNull } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postInput, publishedPostsInput } from "@/components/posts/queries";
import { buildSpec } from "@/components/table/spec";
import { tableListInput } from "@/components/table/table-input";
import { decodeTableState } from "@/components/table/url-state";
import * as schema from "@/db/schema";
import { posts, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { User } from "@/server/core";
import { callers } from "@/server/testing";

const POSTS = 100_000;

let t: TestDatabase;
let client: postgres.Sql;
let api: ReturnType<typeof callers>;
const sent: { query: string; params: unknown[] }[] = [];
const people = {} as Record<"admin" | "member", User>;
let memberDraftSlug: string;

beforeAll(async () => {
  t = await createTestDatabase();
  // The test database's own pool, but logging each statement with its parameters, to EXPLAIN them as sent.
  client = postgres(t.url, { max: 4, onnotice: () => {} });
  // As db/client.ts: json and jsonb arrive as text, for Drizzle's columns to parse once.
  client.options.parsers[114] = (value: string) => value;
  client.options.parsers[3802] = (value: string) => value;
  const db = drizzle(client, { schema, logger: { logQuery: (query, params) => sent.push({ query, params }) } });
  api = callers(db);

  for (const role of ["admin", "member"] as const) {
    const [row] = await t.db
      .insert(users)
      .values({ name: role, email: `${role}@plans.test`, role })
      .returning();
    people[role] = row as User;
  }
  await t.sql.begin(async (tx) => {
    // The test cluster runs with synchronous_commit off, under which VACUUM cannot mark the rows all-visible, and
    // PostgreSQL would plan no index-only scan: a production server commits synchronously (and autovacuum runs).
    await tx`set local synchronous_commit = on`;
    await seed(tx);
  });
  await t.sql`vacuum (analyze) users, posts`;
  const [draft] = await t.db
    .select({ slug: posts.slug })
    .from(posts)
    .where(and(eq(posts.authorId, people.member.id), eq(posts.status, "draft"), isNull(posts.deletedAt)))
    .orderBy(posts.slug)
    .limit(1);
  memberDraftSlug = draft?.slug ?? "";
}, 60_000);

/** 20 more authors; the member writes every 22nd post. A third are drafts, 1% in the bin, one minute apart. */
async function seed(tx: postgres.TransactionSql) {
  await tx`insert into users (name, email) select 'Author ' || i, 'author' || i || '@plans.test'
    from generate_series(1, 20) i`;
  await tx`with a as (select array_agg(id order by email) ids from users)
    insert into posts (title, slug, body, status, author_id, published_at, created_at, updated_at, deleted_at)
    select 'Post #' || i, 'post-' || i,
      'About ' || (array['tea', 'rivers', 'clocks'])[1 + i % 3] || '. ' || repeat('Words of a post body. ', 3),
      (case when i % 3 = 0 then 'draft' else 'published' end)::post_status,
      a.ids[1 + i % 22],
      case when i % 3 = 0 then null else now() - i * interval '1 minute' end,
      now() - i * interval '1 minute' - interval '1 hour', now() - i * interval '1 minute',
      case when i % 100 = 7 then now() end
    from generate_series(1, ${POSTS}) i, a`;
}

afterAll(async () => {
  await client.end({ timeout: 5 });
  await t.drop();
});

type Caller = ReturnType<typeof callers>["anonymous"];
type ListInput = Parameters<Caller["posts"]["list"]>[0];

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Plan Rows": number;
  Plans?: PlanNode[];
}
interface Planned {
  query: string;
  text: string;
  root: PlanNode;
}

/** The plans of the statements that read posts while `run` ran (the estimate's own EXPLAIN left out). */
async function plansOf(run: () => Promise<unknown>): Promise<Planned[]> {
  sent.length = 0;
  await run();
  const reads = sent.filter((s) => /from "posts"/.test(s.query) && !/^explain/i.test(s.query));
  expect(reads.length).toBeGreaterThan(0);
  const plans: Planned[] = [];
  for (const { query, params } of reads) {
    const text = await client.unsafe(`explain ${query}`, params as never[]);
    const [json] = await client.unsafe(`explain (format json) ${query}`, params as never[]);
    const root = (JSON.parse(String(json?.["QUERY PLAN"])) as [{ Plan: PlanNode }])[0].Plan;
    plans.push({ query, text: text.map((row) => String(row["QUERY PLAN"])).join("\n"), root });
  }
  return plans;
}

/**
 * Sequential scans of posts in a plan. One is allowed: under the capped total's LIMIT, when PostgreSQL expects more
 * rows to match than the cap (a search for a word in a third of all posts). It stops at the cap's row, having read
 * about cap/matches of the table, which is the least any plan can read there: every match is a heap row to visit.
 */
function seqScans(planned: Planned): PlanNode[] {
  const capped = /^select count\(\*\) from \(select 1 from "posts"/.test(planned.query);
  const found: PlanNode[] = [];
  const visit = (node: PlanNode, parent: PlanNode | undefined) => {
    const bounded = capped && parent?.["Node Type"] === "Limit" && node["Plan Rows"] > parent["Plan Rows"];
    if (node["Node Type"] === "Seq Scan" && node["Relation Name"] === "posts" && !bounded) found.push(node);
    for (const child of node.Plans ?? []) visit(child, node);
  };
  visit(planned.root, undefined);
  return found;
}

function expectIndexed(page: string, plans: Planned[]) {
  for (const planned of plans) {
    expect(seqScans(planned), `${page}\n${planned.query}\n${planned.text}`).toEqual([]);
  }
}

/** The input the admin's posts table sends for a view given as its URL (components/table/data-table.tsx). */
async function adminTableInput(query: string): Promise<ListInput> {
  const meta = await api.as(people.admin).posts.meta();
  const spec = buildSpec(meta);
  return tableListInput(decodeTableState(query, spec), spec) as ListInput;
}

describe("the public pages", () => {
  it.each([
    ["home page", publishedPostsInput(1, 10)],
    ["home page 40", publishedPostsInput(40, 10)],
    ["home page search", publishedPostsInput(1, 10, "#4242")],
    ["home page search for a common word", publishedPostsInput(1, 10, "rivers")],
    ["post page", { filter: { slug: { eq: "post-4242" } }, perPage: 1, expand: postInput("").expand }],
  ] as [string, ListInput][])("%s, anonymous", async (page, input) => {
    expectIndexed(page, await plansOf(() => api.anonymous.posts.list(input)));
  });
});

describe("a member, under the own-drafts rule", () => {
  it("reads the home page", async () => {
    expectIndexed("home page", await plansOf(() => api.as(people.member).posts.list(publishedPostsInput(1, 10))));
  });

  it("opens their own draft", async () => {
    const input = { filter: { slug: { eq: memberDraftSlug } }, perPage: 1, expand: postInput("").expand };
    expect((await api.as(people.member).posts.list(input)).items).toHaveLength(1);
    expectIndexed("own draft", await plansOf(() => api.as(people.member).posts.list(input)));
  });

  it("lists what they may read, and their own posts", async () => {
    const member = api.as(people.member);
    expectIndexed("all they may read", await plansOf(() => member.posts.list({})));
    const own = { filter: { authorId: { eq: people.member.id } } };
    expectIndexed("own posts", await plansOf(() => member.posts.list(own)));
  });
});

describe("the admin's posts table", () => {
  const views = ["", "page=50", "perPage=100"];
  for (const key of ["title", "status", "publishedAt", "createdAt", "updatedAt"]) {
    views.push(`sort=${key}`, `sort=-${key}`);
  }
  views.push("f.status.in=draft", "f.status.in=published", "f.status.in=draft&sort=title", "q=%234242", "q=clocks");
  views.push("deleted=only", "deleted=include", "deleted=only&sort=-updatedAt");

  it("offers the sorts this test covers", async () => {
    const meta = await api.as(people.admin).posts.meta();
    const sortable = meta.fields.filter((f) => f.sortable).map((f) => f.name);
    expect(sortable.sort()).toEqual(["createdAt", "publishedAt", "status", "title", "updatedAt"]);
  });

  it.each(views)("/admin/posts?%s", async (view) => {
    const input = await adminTableInput(view);
    expectIndexed(`/admin/posts?${view}`, await plansOf(() => api.as(people.admin).posts.list(input)));
  });

  it("filtered by author", async () => {
    const input = await adminTableInput(`f.authorId.eq=${people.member.id}`);
    expect(input?.filter).toEqual({ authorId: { eq: people.member.id } });
    expectIndexed("by author", await plansOf(() => api.as(people.admin).posts.list(input)));
  });
});
