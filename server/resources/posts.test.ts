/**
 * The old-vs-new `check` of posts.update, on its own. The authorId field rule (admins only) refuses first on every
 * ordinary path, so here the same definition runs without that field rule: only the check stands between an
 * editor and a post's author. Remove the check from posts.ts and "an editor cannot move a post to another author"
 * fails.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { User } from "../core";
import { defineResource } from "../core/resource";
import { createResourceRouter } from "../core/router";
import { rejection } from "../testing";
import { createCallerFactory, createContext, router } from "../trpc";
import { resources } from ".";
import { postsResource } from "./posts";

let t: TestDatabase;
const people = {} as Record<"editor" | "admin" | "author" | "other", User>;
beforeAll(async () => {
  t = await createTestDatabase();
  for (const [key, role] of [
    ["editor", "editor"],
    ["admin", "admin"],
    ["author", "member"],
    ["other", "member"],
  ] as const) {
    const [row] = await t.db
      .insert(users)
      .values({ name: key, email: `${key}@check.test`, role })
      .returning();
    people[key] = row as User;
  }
});
afterAll(() => t.drop());

const { authorId, ...otherFields } = postsResource.fields ?? {};
const postsWithoutFieldRule = defineResource("posts", {
  ...postsResource,
  fields: { ...otherFields, authorId: { ...authorId, access: undefined } },
});
const appRouter = router({
  posts: createResourceRouter(postsWithoutFieldRule, { ...resources, posts: postsWithoutFieldRule }),
});
const callerAs = (user: User) =>
  createCallerFactory(appRouter)(createContext({ db: t.db, actor: { kind: "user", user, via: "session" } }));

async function aPost() {
  const [row] = await t.db
    .insert(posts)
    .values({ title: "Checked post", slug: `checked-${Math.random()}`, body: "A body.", authorId: people.author.id })
    .returning({ id: posts.id });
  return row?.id as string;
}

describe("posts.update check: the stored author changes only by an admin's hand", () => {
  it("an editor cannot move a post to another author, even with no field rule in the way", async () => {
    const id = await aPost();
    const refused = await rejection(callerAs(people.editor).posts.update({ id, data: { authorId: people.other.id } }));
    expect(refused.code).toBe("FORBIDDEN");
    const [row] = await t.db.select({ authorId: posts.authorId }).from(posts).where(eq(posts.id, id));
    expect(row?.authorId).toBe(people.author.id);
  });

  it("while the editor's other changes, and an admin's change of author, go through", async () => {
    const id = await aPost();
    await callerAs(people.editor).posts.update({ id, data: { title: "Edited by the editor" } });
    await callerAs(people.admin).posts.update({ id, data: { authorId: people.other.id } });
    const [row] = await t.db
      .select({ title: posts.title, authorId: posts.authorId })
      .from(posts)
      .where(eq(posts.id, id));
    expect(row).toEqual({ title: "Edited by the editor", authorId: people.other.id });
  });
});
