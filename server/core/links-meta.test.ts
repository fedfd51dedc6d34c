/**
 * Writable many-to-many links (posts.tags) and the caller-specific `meta` that generated forms render from, on a
 * real PostgreSQL through the tRPC caller.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, postTags, tags, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { callers, rejection } from "../testing";
import type { User } from "./actor";

let t: TestDatabase;
let mia: User;
let admin: User;
let tagIds: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  const rows = await t.db
    .insert(users)
    .values([
      { name: "Mia", email: "mia@links.test", role: "member" },
      { name: "Ada", email: "ada@links.test", role: "admin" },
    ])
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
    });
  [mia, admin] = rows as [User, User];
  const inserted = await t.db
    .insert(tags)
    .values([
      { name: "Alpha", slug: "alpha" },
      { name: "Beta", slug: "beta" },
      { name: "Gamma", slug: "gamma" },
    ])
    .returning({ id: tags.id });
  tagIds = inserted.map((r) => r.id);
});
afterAll(() => t.drop());

const linksOf = async (postId: string) =>
  (await t.db.select({ tagId: postTags.tagId }).from(postTags).where(eq(postTags.postId, postId)))
    .map((r) => r.tagId)
    .sort();

describe("writable many-to-many links", () => {
  it("create and update set the links in the write's transaction, audited as id lists", async () => {
    const api = callers(t.db).as(mia);
    const [a, b, c] = tagIds as [string, string, string];
    const post = await api.posts.create({ title: "Tagged post", body: "A post with tags.", tags: [a, b, a] });
    expect(await linksOf(post.id)).toEqual([a, b].sort());
    await api.posts.update({ id: post.id, data: { tags: [c] } });
    expect(await linksOf(post.id)).toEqual([c]);
    const read = await api.posts.get({ id: post.id, expand: ["tags"] });
    expect(read.expand?.tags?.map((x) => x.name)).toEqual(["Gamma"]);

    const entries = await t.db.select().from(auditLog).where(eq(auditLog.recordId, post.id)).orderBy(asc(auditLog.id));
    expect(entries[0]?.after).toMatchObject({ tags: [a, b].sort() });
    // Only the links changed (and updatedAt, which is not recorded).
    expect(entries[1]).toMatchObject({ before: { tags: [a, b].sort() }, after: { tags: [c] } });
  });

  it("a link to a record that does not exist is a field error and nothing is written", async () => {
    const api = callers(t.db).as(mia);
    const post = await api.posts.create({ title: "Keeps its tags", body: "Tags stay as they are.", tags: tagIds });
    const missing = "00000000-0000-4000-8000-000000000000";
    const error = await rejection(api.posts.update({ id: post.id, data: { title: "Renamed?", tags: [missing] } }));
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { tags: ["Tags: some of these records do not exist"] },
    });
    expect(await linksOf(post.id)).toEqual([...tagIds].sort());
    expect((await api.posts.get({ id: post.id })).title).toBe("Keeps its tags");
  });
});

describe("meta for the caller", () => {
  it("says what this caller may do, operation by operation and field by field", async () => {
    const anonymous = await callers(t.db).anonymous.posts.meta();
    expect(anonymous.can).toMatchObject({ list: true, get: true, create: false, update: false, purge: false });
    expect(anonymous.fields.every((f) => !f.canCreate && !f.canUpdate)).toBe(true);

    const member = await callers(t.db).as(mia).posts.meta();
    expect(member.can).toMatchObject({ create: true, update: true, delete: true, readDeleted: false, purge: false });
    const field = (name: string) => member.fields.find((f) => f.name === name);
    expect(field("title")).toMatchObject({ canCreate: true, canUpdate: true, required: true });
    // The author is server-set for members: not required, and not theirs to write.
    expect(field("authorId")).toMatchObject({
      canCreate: false,
      canUpdate: false,
      required: false,
      serverDefault: true,
    });
    expect(field("slug")).toMatchObject({ canCreate: false, canUpdate: false });
    expect(member.relations.find((r) => r.name === "tags")).toMatchObject({ kind: "manyToMany", writable: true });

    const byAdmin = await callers(t.db).as(admin).posts.meta();
    expect(byAdmin.fields.find((f) => f.name === "authorId")).toMatchObject({ canCreate: true, canUpdate: true });
    expect(byAdmin.can).toMatchObject({ purge: true, revert: true, readDeleted: true });

    const users = await callers(t.db).as(mia).users.meta();
    expect(users.fields.find((f) => f.name === "email")).toMatchObject({ readRestricted: true, canUpdate: false });
    expect(users.fields.find((f) => f.name === "passwordHash")).toBeUndefined();
  });
});
