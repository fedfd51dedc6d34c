/**
 * The demo blog's actions on a real PostgreSQL: `posts.publish` and `posts.unpublish` (one and many) through the
 * engine's update path, so publishedAt follows, history shows the run and the change, a bad reason is refused on its
 * field with nothing written, and `availableActions` offers each where its rule allows it.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, posts, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { User } from "@/server/core";
import { callers, rejection } from "@/server/testing";

let t: TestDatabase;
let api: ReturnType<typeof callers>;
const people = {} as Record<"author" | "editor", User>;
let serial = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  api = callers(t.db);
  for (const role of ["author", "editor"] as const) {
    const [row] = await t.db
      .insert(users)
      .values({ name: `The ${role}`, email: `${role}@post-actions.test`, role: role === "author" ? "member" : role })
      .returning();
    people[role] = row as User;
  }
});
afterAll(() => t.drop());

async function aPost(status: "draft" | "published" = "draft") {
  const n = ++serial;
  const [row] = await t.db
    .insert(posts)
    .values({
      title: `Action post ${n}`,
      slug: `action-post-${n}`,
      body: "A body long enough.",
      status,
      authorId: people.author.id,
      publishedAt: status === "published" ? new Date("2020-01-01") : null,
    })
    .returning();
  return row as typeof posts.$inferSelect;
}
const postRow = async (id: string) => (await t.db.select().from(posts).where(eq(posts.id, id)))[0];

describe("posts.publish and posts.unpublish", () => {
  it("publish sets publishedAt through the update hook, and history shows the run and the change", async () => {
    const post = await aPost();
    const published = await api.as(people.author).posts.publish({ id: post.id });
    expect(published).toMatchObject({ id: post.id, status: "published" });
    expect(published.publishedAt).toBeInstanceOf(Date);
    const history = await api.as(people.author).posts.history({ id: post.id });
    expect(history.items.map((e) => [e.operation, e.after])).toEqual([
      ["update", { status: "published", publishedAt: expect.any(String) }],
      ["action", { action: "publish", input: {} }],
    ]);
  });

  it("unpublish takes a reason, kept in the audit entry; a bad one is refused on its field", async () => {
    const post = await aPost("published");
    const short = await rejection(api.as(people.editor).posts.unpublish({ id: post.id, input: { reason: "no" } }));
    expect(short).toMatchObject({
      code: "BAD_REQUEST",
      message: "Reason must be at least 5 characters",
      fieldErrors: { reason: ["Reason must be at least 5 characters"] },
    });
    const missing = await rejection(api.as(people.editor).posts.unpublish({ id: post.id } as never));
    expect(missing.fieldErrors).toEqual({ reason: ["Reason is required"] });
    expect((await postRow(post.id))?.status).toBe("published");

    await api.as(people.editor).posts.unpublish({ id: post.id, input: { reason: "  Out of date.  " } });
    expect(await postRow(post.id)).toMatchObject({ status: "draft", publishedAt: null });
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, post.id), eq(auditLog.operation, "action")));
    expect(entry).toMatchObject({
      actorId: people.editor.id,
      after: { action: "unpublish", input: { reason: "Out of date." } },
    });
  });

  it("publishMany publishes every draft of the selection, or none when one is not a draft", async () => {
    const [a, b, published] = [await aPost(), await aPost(), await aPost("published")];
    const refused = await rejection(api.as(people.editor).posts.publishMany({ ids: [a.id, published.id] }));
    expect(refused).toMatchObject({
      code: "FORBIDDEN",
      message: 'posts.publish refused by rule "drafts, by their authors or editors"',
    });
    expect((await postRow(a.id))?.status).toBe("draft");
    const done = await api.as(people.editor).posts.publishMany({ ids: [a.id, b.id] });
    expect(done.map((p) => p.status)).toEqual(["published", "published"]);
  });

  it("availableActions offers publish on drafts and unpublish on published posts", async () => {
    const [draft, published] = [await aPost(), await aPost("published")];
    expect(await api.as(people.author).posts.availableActions({ id: draft.id })).toEqual(["publish"]);
    expect(await api.as(people.author).posts.availableActions({ id: published.id })).toEqual(["unpublish"]);
    const meta = await api.anonymous.posts.meta();
    expect(meta.actions?.map((a) => [a.name, a.bulk, a.can])).toEqual([
      ["recount", false, false],
      ["publish", true, false],
      ["unpublish", true, false],
    ]);
  });
});
