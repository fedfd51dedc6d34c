/**
 * Writes through the tRPC caller on a real PostgreSQL: each error case gives its typed error with field messages,
 * and the database is unchanged afterwards; batches are atomic and bounded.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { comments, posts, tags, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { callers, rejection } from "../testing";
import { FieldError } from "../trpc";
import { mapDatabaseError } from "./db-errors";

let t: TestDatabase;
let api: ReturnType<typeof callers>["system"];
let authorId: string;
const missingId = "00000000-0000-4000-8000-000000000000";

async function snapshot() {
  const [p] = await t.db.select({ n: count() }).from(posts);
  const [u] = await t.db.select({ n: count() }).from(users);
  const [c] = await t.db.select({ n: count() }).from(comments);
  const rows = await t.db.select().from(posts).orderBy(posts.id);
  const tagRows = await t.db.select().from(tags).orderBy(tags.id);
  return { posts: p?.n, users: u?.n, comments: c?.n, rows, tagRows };
}

beforeAll(async () => {
  t = await createTestDatabase();
  api = callers(t.db).system;
  const [u] = await t.db
    .insert(users)
    .values({ name: "Writer", email: "writer@test.local" })
    .returning({ id: users.id });
  authorId = u?.id as string;
});
afterAll(() => t.drop());
beforeEach(async () => {
  await t.db.delete(posts);
  await t.db.delete(tags);
});

describe("create", () => {
  it("validates, runs the hooks, writes and returns the readable record", async () => {
    const post = await api.posts.create({
      title: "Hello, World!",
      body: "Long enough body.",
      status: "published",
      authorId,
    });
    expect(post).toMatchObject({ title: "Hello, World!", slug: "hello-world", status: "published", authorId });
    expect(post.publishedAt).toBeInstanceOf(Date);
    const [row] = await t.db.select().from(posts).where(eq(posts.id, post.id));
    expect(row).toMatchObject({ slug: "hello-world", status: "published" });
  });

  it("gives per-field messages for invalid input and writes nothing", async () => {
    const before = await snapshot();
    const error = await rejection(api.posts.create({ title: "Hey", body: "short", authorId: "nope" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors).toMatchObject({
      title: ["Title must be at least 5 characters"],
      body: ["Body must be at least 10 characters"],
    });
    expect(error.fieldErrors.authorId).toBeDefined();
    expect(await snapshot()).toEqual(before);
  });

  it("refuses fields that are not creatable (id, slug, timestamps) instead of ignoring them", async () => {
    const error = await rejection(
      api.posts.create({ title: "Forged fields", body: "Trying to set the slug.", authorId, slug: "x" } as never),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors).toEqual({ slug: ["Slug cannot be set here"] });
    expect((await snapshot()).posts).toBe(0);
  });

  it("turns a unique violation into CONFLICT naming the field", async () => {
    await api.tags.create({ name: "Postgres", slug: "postgres" });
    const before = await snapshot();
    const error = await rejection(api.tags.create({ name: "PostgreSQL", slug: "postgres" }));
    expect(error).toMatchObject({ code: "CONFLICT", message: "Slug is already taken" });
    expect(error.fieldErrors).toEqual({ slug: ["Slug is already taken"] });
    expect(await snapshot()).toEqual(before);
  });

  it("gives posts with the same title distinct slugs (the demo's slug hook)", async () => {
    const a = await api.posts.create({ title: "Same title here", body: "First one, fine.", authorId });
    const b = await api.posts.create({ title: "Same Title Here!", body: "Second one, also fine.", authorId });
    expect([a.slug, b.slug]).toEqual(["same-title-here", "same-title-here-2"]);
    // A soft-deleted post frees its slug (the unique index covers live rows only).
    await api.posts.delete({ id: a.id });
    const c = await api.posts.create({ title: "Same title here", body: "Third one takes the slug.", authorId });
    expect(c.slug).toBe("same-title-here");
  });

  it("turns a foreign-key violation into a field error on the foreign key", async () => {
    const error = await rejection(
      api.posts.create({ title: "Orphaned post", body: "Author does not exist.", authorId: missingId }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors).toEqual({ authorId: ["Author refers to a record that does not exist"] });
    expect((await snapshot()).posts).toBe(0);
  });

  it("maps a not-null violation from PostgreSQL to a field error", async () => {
    const failure = await t.sql`insert into tags (name) values ('x')`.catch((e: unknown) => e);
    const mapped = mapDatabaseError(failure, tags);
    expect(mapped?.code).toBe("BAD_REQUEST");
    const cause = mapped?.cause;
    expect(cause).toBeInstanceOf(FieldError);
    expect(cause instanceof FieldError ? cause.fieldErrors : null).toEqual({ slug: ["Slug is required"] });
  });
});

describe("update", () => {
  it("applies a partial update, re-derives the slug and maintains updatedAt", async () => {
    const post = await api.posts.create({ title: "Original title", body: "Original body text.", authorId });
    const updated = await api.posts.update({ id: post.id, data: { title: "Renamed title" } });
    expect(updated).toMatchObject({ title: "Renamed title", slug: "renamed-title", body: "Original body text." });
    expect(updated.updatedAt.getTime()).toBeGreaterThan(post.updatedAt.getTime());
    const [row] = await t.db.select().from(posts).where(eq(posts.id, post.id));
    expect(row?.slug).toBe("renamed-title");
  });

  it("is NOT_FOUND for a missing or soft-deleted record, and for an update that would clash it is CONFLICT", async () => {
    expect((await rejection(api.posts.update({ id: missingId, data: { title: "Whatever title" } }))).code).toBe(
      "NOT_FOUND",
    );
    const a = await api.posts.create({ title: "First post a", body: "Body of the first.", authorId });
    const tag = await api.tags.create({ name: "First", slug: "first" });
    await api.tags.create({ name: "Second", slug: "second" });
    const before = await snapshot();
    const clash = await rejection(api.tags.update({ id: tag.id, data: { slug: "second" } }));
    expect(clash.code).toBe("CONFLICT");
    expect(clash.fieldErrors).toEqual({ slug: ["Slug is already taken"] });
    expect(await snapshot()).toEqual(before);
    await api.posts.delete({ id: a.id });
    expect((await rejection(api.posts.update({ id: a.id, data: { body: "Edit after delete." } }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("validates the patch like create does", async () => {
    const post = await api.posts.create({ title: "Valid title", body: "Valid body text.", authorId });
    const error = await rejection(api.posts.update({ id: post.id, data: { title: "no" } }));
    expect(error.fieldErrors).toEqual({ title: ["Title must be at least 5 characters"] });
    const badId = await rejection(api.posts.update({ id: "123", data: {} }));
    expect(Object.keys(badId.fieldErrors)).toEqual(["id"]);
  });
});

describe("delete", () => {
  it("soft-deletes where the resource has a deleted-at column; get and list stop showing it", async () => {
    const post = await api.posts.create({ title: "Doomed post", body: "Will be deleted.", authorId });
    expect(await api.posts.delete({ id: post.id })).toEqual({ id: post.id });
    const [row] = await t.db.select().from(posts).where(eq(posts.id, post.id));
    expect(row?.deletedAt).toBeInstanceOf(Date);
    expect((await rejection(api.posts.get({ id: post.id }))).code).toBe("NOT_FOUND");
    expect((await api.posts.list({})).totalItems).toBe(0);
    expect((await rejection(api.posts.delete({ id: post.id }))).code).toBe("NOT_FOUND");
  });

  it("hard-deletes otherwise, and a record still referenced gives CONFLICT instead of a 500", async () => {
    const tag = await api.tags.create({ name: "Temporary", slug: "temporary" });
    await api.tags.delete({ id: tag.id });
    expect(await t.db.select().from(tags).where(eq(tags.id, tag.id))).toEqual([]);

    await api.posts.create({ title: "Keeps its author", body: "References the writer.", authorId });
    const error = await rejection(api.users.delete({ id: authorId }));
    expect(error.code).toBe("CONFLICT");
    expect(await t.db.select().from(users).where(eq(users.id, authorId))).toHaveLength(1);
  });
});

describe("batches", () => {
  it("createMany writes all in one transaction, or nothing, naming the failing item", async () => {
    const ok = await api.posts.createMany({
      items: [
        { title: "Batch one", body: "First of the batch.", authorId },
        { title: "Batch two", body: "Second of the batch.", authorId },
      ],
    });
    expect(ok.map((p) => p.slug)).toEqual(["batch-one", "batch-two"]);

    await api.tags.create({ name: "Taken", slug: "taken" });
    const before = await snapshot();
    const error = await rejection(
      api.tags.createMany({
        items: [
          { name: "Would be fine alone", slug: "fine-alone" },
          { name: "Clashes", slug: "taken" },
        ],
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.fieldErrors).toEqual({ "items.1.slug": ["Slug is already taken"] });
    expect(await snapshot()).toEqual(before);

    const invalid = await rejection(
      api.posts.createMany({ items: [{ title: "Okay title", body: "short", authorId }] }),
    );
    expect(Object.keys(invalid.fieldErrors)).toEqual(["items.0.body"]);
  });

  it("is bounded by the batch limit", async () => {
    const items = Array.from({ length: 101 }, (_, i) => ({
      title: `Too many ${i}`,
      body: "Over the batch limit.",
      authorId,
    }));
    const error = await rejection(api.posts.createMany({ items }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.fieldErrors)).toEqual(["items"]);
    expect((await snapshot()).posts).toBe(0);
  });

  it("updateMany and deleteMany are all-or-nothing", async () => {
    const created = await api.posts.createMany({
      items: ["Bulk alpha", "Bulk beta", "Bulk gamma"].map((title) => ({ title, body: "Bulk body text.", authorId })),
    });
    const ids = created.map((p) => p.id);

    const before = await snapshot();
    expect(
      (await rejection(api.posts.updateMany({ ids: [...ids, missingId], data: { status: "published" } }))).code,
    ).toBe("NOT_FOUND");
    expect((await rejection(api.posts.deleteMany({ ids: [ids[0] as string, missingId] }))).code).toBe("NOT_FOUND");
    expect(await snapshot()).toEqual(before);

    const published = await api.posts.updateMany({ ids, data: { status: "published" } });
    expect(published.every((p) => p.status === "published" && p.publishedAt instanceof Date)).toBe(true);
    await api.posts.deleteMany({ ids });
    expect((await api.posts.list({})).totalItems).toBe(0);
  });
});
