/**
 * expand at depth 1 to 3 on a real PostgreSQL, with a query counter proving the number of queries depends on the
 * expand tree only, never on the page size.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { callers, rejection } from "../testing";

let t: TestDatabase;
let api: ReturnType<typeof callers>["system"];

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t.db);
  api = callers(t.db).system;
});
afterAll(() => t.drop());

async function countQueries(run: () => Promise<unknown>): Promise<number> {
  t.queries.length = 0;
  await run();
  return t.queries.length;
}

describe("expand", () => {
  it("depth 1: belongsTo, hasMany, hasCount and manyToMany", async () => {
    const { items } = await api.posts.list({
      perPage: 10,
      filter: { status: { eq: "published" } },
      sort: ["-publishedAt"],
      expand: ["author", "comments", "commentCount", "tags"],
    });
    for (const post of items) {
      expect(post.expand?.author?.id).toBe(post.authorId);
      expect(post.expand?.comments?.length).toBe(post.expand?.commentCount);
      for (const c of post.expand?.comments ?? []) expect(c.postId).toBe(post.id);
      expect(post.expand?.tags?.length).toBeGreaterThan(0);
    }
    // Cross-check one post's relations against the database.
    const first = items[0];
    const dbComments = await t.sql`select count(*)::int as n from comments where post_id = ${first?.id as string}`;
    expect(first?.expand?.commentCount).toBe(dbComments[0]?.n);
    const dbTags = await t.sql`select tag_id from post_tags where post_id = ${first?.id as string} order by tag_id`;
    expect(first?.expand?.tags?.map((tag) => tag.id).sort()).toEqual(dbTags.map((r) => r.tag_id).sort());
  });

  it("depth 2 and 3: comments.author and comments.post.author", async () => {
    const { items } = await api.posts.list({
      perPage: 20,
      filter: { status: { eq: "published" } },
      expand: ["comments.author", "comments.post.author"],
    });
    const withComments = items.filter((p) => (p.expand?.comments?.length ?? 0) > 0);
    expect(withComments.length).toBeGreaterThan(0);
    for (const post of withComments) {
      for (const comment of post.expand?.comments ?? []) {
        expect(comment.expand?.author?.id).toBe(comment.authorId);
        expect(comment.expand?.post?.id).toBe(post.id);
        expect(comment.expand?.post?.expand?.author?.id).toBe(post.authorId);
      }
    }
  });

  it("costs the same number of queries for 2 rows as for 40", async () => {
    const input = (perPage: number) =>
      api.posts.list({
        perPage,
        expand: ["author", "comments.author", "comments.post.author", "tags", "commentCount"],
      });
    const small = await countQueries(() => input(2));
    const large = await countQueries(() => input(40));
    // page + count + author + comments + comments.author + comments.post + comments.post.author + tags + commentCount
    expect(small).toBe(9);
    expect(large).toBe(small);
    // A get that finds nothing stops after its one query.
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(await countQueries(() => api.users.get({ id: missing, expand: ["posts"] }).catch(() => {}))).toBe(1);
  });

  it("get expands too", async () => {
    const [row] = await t.db.select({ id: posts.id }).from(posts).where(eq(posts.status, "published")).limit(1);
    const post = await api.posts.get({ id: row?.id as string, expand: ["author", "tags"] });
    expect(post.expand?.author?.name).toBeTypeOf("string");
    expect(Array.isArray(post.expand?.tags)).toBe(true);
  });

  it("applies the target's field read rules for the caller (users.email is the user's and admins' only)", async () => {
    const { items } = await callers(t.db).anonymous.posts.list({ perPage: 5, expand: ["author", "comments.author"] });
    expect(items.length).toBe(5);
    const json = JSON.stringify(items);
    expect(json).not.toContain("@example.com");
    expect(items[0]?.expand?.author).not.toHaveProperty("email");
  });

  it("never returns hidden fields, not even to system callers (users.passwordHash)", async () => {
    const { items } = await api.posts.list({ perPage: 5, expand: ["author", "comments.author"] });
    expect(JSON.stringify(items)).not.toMatch(/passwordHash|password_hash/);
    expect(items[0]?.expand?.author).toHaveProperty("email");
  });

  it("hides soft-deleted targets", async () => {
    const [victim] = await t.db.select({ id: posts.id }).from(posts).limit(1);
    await t.db
      .update(posts)
      .set({ deletedAt: new Date() })
      .where(eq(posts.id, victim?.id as string));
    const { items } = await api.comments.list({
      perPage: 100,
      filter: { postId: { eq: victim?.id as string } },
      expand: ["post"],
    });
    for (const comment of items) expect(comment.expand?.post).toBeNull();
  });

  it("rejects unknown relations and paths deeper than 3, naming the path", async () => {
    const unknown = await rejection(api.posts.list({ expand: ["editor" as "author"] }));
    expect(unknown.code).toBe("BAD_REQUEST");
    expect(unknown.fieldErrors.expand?.[0]).toContain('posts has no relation "editor"');
    const deep = await rejection(api.posts.list({ expand: ["comments.post.comments.author"] }));
    expect(deep.code).toBe("BAD_REQUEST");
    expect(deep.fieldErrors.expand?.[0]).toContain("deeper than 3");
  });
});
