import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createCaller } from "../router";
import { createContext } from "../trpc";

let t: TestDatabase;
let authorId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const [author] = await t.db
    .insert(users)
    .values({ name: "Test Author", email: "author@test.local" })
    .returning({ id: users.id });
  authorId = author?.id as string;
});
afterAll(() => t.drop());

const system = () => createCaller(createContext({ db: t.db, actor: { kind: "system", reason: "test" } }));
const anonymous = () => createCaller(createContext({ db: t.db }));

describe("posts router through the tRPC caller", () => {
  it("creates a published post and lists it back", async () => {
    const created = await system().posts.create({
      title: "Hello from the caller",
      body: "A body long enough to pass.",
      status: "published",
      authorId,
    });
    expect(created.slug).toBe("hello-from-the-caller");

    const list = await anonymous().posts.list({ page: 1, perPage: 10 });
    expect(list.totalItems).toBe(1);
    expect(list.totalPages).toBe(1);
    expect(list.items[0]).toMatchObject({
      id: created.id,
      title: "Hello from the caller",
      author: { name: "Test Author" },
    });

    const [row] = await t.db.select().from(posts).where(eq(posts.id, created.id));
    expect(row?.status).toBe("published");
    expect(row?.publishedAt).toBeInstanceOf(Date);
  });

  it("does not list drafts", async () => {
    await system().posts.create({ title: "A draft nobody sees", body: "Draft body, long enough.", authorId });
    const list = await anonymous().posts.list({ page: 1, perPage: 10 });
    expect(list.items.map((p) => p.title)).not.toContain("A draft nobody sees");
    const drafts = await t.db
      .select()
      .from(posts)
      .where(and(eq(posts.status, "draft")));
    expect(drafts).toHaveLength(1);
  });

  it("rejects anonymous writes and writes nothing", async () => {
    const attempt = anonymous().posts.create({ title: "Sneaky post", body: "Should never land.", authorId });
    await expect(attempt).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await t.db.select().from(posts).where(eq(posts.title, "Sneaky post"))).toHaveLength(0);
  });

  it("turns a taken slug into CONFLICT and a missing author into a field error, leaving the table unchanged", async () => {
    const before = await t.db.select({ id: posts.id }).from(posts);

    const duplicate = system().posts.create({ title: "Hello from the caller", body: "Same title again.", authorId });
    await expect(duplicate).rejects.toBeInstanceOf(TRPCError);
    await expect(duplicate).rejects.toMatchObject({ code: "CONFLICT", message: "slug is already taken" });

    const orphan = system().posts.create({
      title: "Orphan post title",
      body: "Its author does not exist.",
      authorId: "00000000-0000-4000-8000-000000000000",
    });
    await expect(orphan).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "authorId refers to a record that does not exist",
    });

    const after = await t.db.select({ id: posts.id }).from(posts);
    expect(after).toHaveLength(before.length);
  });

  it("pages past the end with an empty page and the right totals", async () => {
    const page = await anonymous().posts.list({ page: 99, perPage: 10 });
    expect(page.items).toEqual([]);
    expect(page).toMatchObject({ page: 99, perPage: 10, totalItems: 1, totalPages: 1 });
  });
});
