/**
 * History, revert and the audit log with links (a post's tags) and the titles of the records they name, on a real
 * PostgreSQL: link changes are history entries with titles, revert restores links through the write path (audited,
 * with a live event), titles cost one query per resource and never pass a reader's policies.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, liveEvents, posts, postTags, tags, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { resources } from "../resources";
import { tagsResource } from "../resources/tags";
import { callers, rejection } from "../testing";
import type { User } from "./actor";
import { HIDDEN_REF_PREFIX, recordHistory } from "./history";
import { resolveTitles, want } from "./history-titles";
import { settleLiveEvents } from "./realtime/sequencer";
import { defineResource } from "./resource";

let t: TestDatabase;
let admin: User;
let editor: User;
let mia: User;
let max: User;
const tag: Record<"coffee" | "travel" | "books" | "secret", string> = { coffee: "", travel: "", books: "", secret: "" };

async function makeUser(name: string, role: User["role"]): Promise<User> {
  const [row] = await t.db
    .insert(users)
    .values({ name, email: `${name.toLowerCase()}@history.test`, role })
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
    });
  return row as User;
}

const linksOf = async (postId: string) =>
  (await t.db.select({ tagId: postTags.tagId }).from(postTags).where(eq(postTags.postId, postId)))
    .map((r) => r.tagId)
    .sort();

const entriesOf = (recordId: string) =>
  t.db.select().from(auditLog).where(eq(auditLog.recordId, recordId)).orderBy(asc(auditLog.id));

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await makeUser("Admin", "admin");
  editor = await makeUser("Editor", "editor");
  mia = await makeUser("Mia", "member");
  max = await makeUser("Max", "member");
  const rows = await t.db
    .insert(tags)
    .values([
      { name: "Coffee", slug: "coffee" },
      { name: "Travel", slug: "travel" },
      { name: "Books", slug: "books" },
      { name: "Secret", slug: "secret" },
    ])
    .returning({ id: tags.id, slug: tags.slug });
  for (const row of rows) tag[row.slug as keyof typeof tag] = row.id;
});
afterAll(() => t.drop());

describe("link changes in history", () => {
  it("a tag change is a history entry naming the tags by title, added and removed", async () => {
    const api = callers(t.db).as(mia);
    const post = await api.posts.create({
      title: "Notes on coffee",
      body: "Beans, grinders, water.",
      tags: [tag.travel],
    });
    await api.posts.update({ id: post.id, data: { tags: [tag.coffee, tag.books] } });

    const history = await api.posts.history({ id: post.id });
    const [update, create] = history.items;
    expect(update).toMatchObject({
      operation: "update",
      before: { tags: [tag.travel] },
      after: { tags: [tag.coffee, tag.books].sort() },
    });
    expect(update?.refs.tags).toEqual({
      [tag.travel]: { title: "Travel", deleted: false },
      [tag.coffee]: { title: "Coffee", deleted: false },
      [tag.books]: { title: "Books", deleted: false },
    });
    // The create names its tags and its author too (belongsTo).
    expect(create?.refs).toMatchObject({
      tags: { [tag.travel]: { title: "Travel" } },
      authorId: { [mia.id]: { title: "Mia" } },
    });
  });

  it("the audit log names each entry's record and the records its values point at", async () => {
    const post = await callers(t.db)
      .as(mia)
      .posts.create({ title: "Notes on travel", body: "Trains, maps, bags.", tags: [tag.travel] });
    await callers(t.db)
      .as(admin)
      .posts.update({ id: post.id, data: { tags: [tag.coffee] } });
    const page = await callers(t.db).as(admin).audit.list({ resource: "posts", recordId: post.id });
    expect(page.items.map((e) => e.title)).toEqual([
      { title: "Notes on travel", deleted: false },
      { title: "Notes on travel", deleted: false },
    ]);
    expect(page.items[0]?.refs.tags).toEqual({
      [tag.travel]: { title: "Travel", deleted: false },
      [tag.coffee]: { title: "Coffee", deleted: false },
    });

    // A purged record keeps the title its snapshot recorded.
    await callers(t.db).as(admin).posts.delete({ id: post.id });
    await callers(t.db).as(admin).posts.purge({ id: post.id });
    // A purged record is named by the last title the trail recorded, also on entries that did not change it.
    const gone = await callers(t.db).as(admin).audit.list({ recordId: post.id });
    expect(gone.items.map((e) => [e.operation, e.title])).toEqual(
      ["purge", "delete", "update", "create"].map((op) => [op, { title: "Notes on travel", deleted: true }]),
    );
  });
});

describe("revert with links", () => {
  it("reverting to an earlier version restores its tags, audited as a revert, with a live event", async () => {
    const api = callers(t.db).as(mia);
    const post = await api.posts.create({
      title: "Tagged twice",
      body: "First Travel, then Coffee.",
      tags: [tag.travel],
    });
    await api.posts.update({ id: post.id, data: { title: "Tagged twice, renamed", tags: [tag.coffee] } });
    expect(await linksOf(post.id)).toEqual([tag.coffee]);
    const [created] = await entriesOf(post.id);

    const reverted = await callers(t.db)
      .as(admin)
      .posts.revert({ id: post.id, entryId: created?.id as number });
    expect(reverted.title).toBe("Tagged twice");
    expect(await linksOf(post.id)).toEqual([tag.travel]);

    const last = (await entriesOf(post.id)).at(-1);
    expect(last).toMatchObject({
      operation: "revert",
      actorId: admin.id,
      before: { title: "Tagged twice, renamed", tags: [tag.coffee] },
      after: { title: "Tagged twice", tags: [tag.travel] },
    });
    await settleLiveEvents(t.db); // numbered: out of the queue, in the log
    const events = await t.db.select().from(liveEvents).where(eq(liveEvents.recordId, post.id));
    expect(events.map((e) => e.operation)).toContain("revert");

    // The revert is itself a history entry with titles, and reverting to the update brings Coffee back.
    const history = await api.posts.history({ id: post.id });
    expect(history.items[0]?.refs.tags).toMatchObject({
      [tag.coffee]: { title: "Coffee" },
      [tag.travel]: { title: "Travel" },
    });
    const update = (await entriesOf(post.id)).find((e) => e.operation === "update");
    await callers(t.db)
      .as(admin)
      .posts.revert({ id: post.id, entryId: update?.id as number });
    expect(await linksOf(post.id)).toEqual([tag.coffee]);
  });

  it("the first change to a record older than the trail (seeded) is undone with to: before, links included", async () => {
    const [seeded] = await t.db
      .insert(posts)
      .values({ title: "Seeded post", slug: "seeded-post", body: "Written by the seed.", authorId: mia.id })
      .returning({ id: posts.id });
    const id = seeded?.id as string;
    await t.db.insert(postTags).values([tag.travel, tag.books].map((tagId) => ({ postId: id, tagId })));
    expect((await callers(t.db).as(mia).posts.history({ id })).totalItems).toBe(0);

    await callers(t.db)
      .as(mia)
      .posts.update({ id, data: { title: "Seeded post, edited", tags: [tag.coffee] } });
    const [update] = await entriesOf(id);
    const reverted = await callers(t.db)
      .as(admin)
      .posts.revert({ id, entryId: update?.id as number, to: "before" });
    expect(reverted.title).toBe("Seeded post");
    expect(await linksOf(id)).toEqual([tag.travel, tag.books].sort());
    expect((await entriesOf(id)).at(-1)).toMatchObject({
      operation: "revert",
      before: { tags: [tag.coffee] },
      after: { tags: [tag.travel, tag.books].sort() },
    });

    // Nothing came before a create.
    const created = await callers(t.db).as(mia).posts.create({ title: "Brand new", body: "Has a create entry." });
    const [createEntry] = await entriesOf(created.id);
    const error = await rejection(
      callers(t.db)
        .as(admin)
        .posts.revert({ id: created.id, entryId: createEntry?.id as number, to: "before" }),
    );
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { to: [expect.stringMatching(/no version before/)] },
    });
    const hostile = await rejection(
      callers(t.db)
        .as(admin)
        .posts.revert({ id: created.id, entryId: createEntry?.id as number, to: "sideways" as "before" }),
    );
    expect(hostile.code).toBe("BAD_REQUEST");
    expect(Object.keys(hostile.fieldErrors)).toEqual(["to"]);
  });

  it("a revert whose tags are gone is refused on the tags field, and nothing changes", async () => {
    const api = callers(t.db).as(mia);
    const [doomed] = await t.db.insert(tags).values({ name: "Doomed", slug: "doomed" }).returning({ id: tags.id });
    const post = await api.posts.create({
      title: "Loses a tag",
      body: "Its tag will be deleted.",
      tags: [doomed?.id as string],
    });
    await api.posts.update({ id: post.id, data: { title: "Lost a tag", tags: [tag.books] } });
    await t.db.delete(tags).where(eq(tags.id, doomed?.id as string));
    const [created] = await entriesOf(post.id);
    const error = await rejection(
      callers(t.db)
        .as(admin)
        .posts.revert({ id: post.id, entryId: created?.id as number }),
    );
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { tags: ["Tags: some of these records do not exist"] },
    });
    expect(await linksOf(post.id)).toEqual([tag.books]);
    expect((await api.posts.get({ id: post.id })).title).toBe("Lost a tag");
    expect((await entriesOf(post.id)).map((e) => e.operation)).toEqual(["create", "update"]);
  });

  it("a record without links in its versions keeps its links on revert (only what changed is undone)", async () => {
    const api = callers(t.db).as(mia);
    const post = await api.posts.create({ title: "Body only", body: "The first body text.", tags: [tag.books] });
    await api.posts.update({ id: post.id, data: { body: "The second body text." } });
    const [created] = await entriesOf(post.id);
    await callers(t.db)
      .as(admin)
      .posts.revert({ id: post.id, entryId: created?.id as number });
    expect(await linksOf(post.id)).toEqual([tag.books]);
    expect((await api.posts.get({ id: post.id })).body).toBe("The first body text.");
  });
});

describe("titles obey the reader's policies, one query per resource", () => {
  it("members see published posts and their own drafts by title, nothing else; editors also the bin", async () => {
    const published = await callers(t.db)
      .as(max)
      .posts.create({ title: "Max in public", body: "Everyone reads this.", status: "published" });
    const maxDraft = await callers(t.db).as(max).posts.create({ title: "Max in private", body: "Nobody reads this." });
    const miaDraft = await callers(t.db).as(mia).posts.create({ title: "Mia in private", body: "Mia reads this." });
    const binned = await callers(t.db)
      .as(max)
      .posts.create({ title: "Max in the bin", body: "Deleted soon enough.", status: "published" });
    await callers(t.db).as(admin).posts.delete({ id: binned.id });
    const ids = [published.id, maxDraft.id, miaDraft.id, binned.id, "00000000-0000-4000-8000-000000000000", "junk"];
    const request = new Map<string, Set<string>>();
    want(request, "posts", ids);

    const asMia = await resolveTitles(t.db, resources, { kind: "user", user: mia, via: "session" }, request);
    expect(ids.map((id) => asMia.get("posts", id)?.title ?? null)).toEqual([
      "Max in public",
      null,
      "Mia in private",
      null,
      null,
      null,
    ]);
    const asEditor = await resolveTitles(t.db, resources, { kind: "user", user: editor, via: "session" }, request);
    expect(asEditor.get("posts", maxDraft.id)).toEqual({ title: "Max in private", deleted: false });
    expect(asEditor.get("posts", binned.id)).toEqual({ title: "Max in the bin", deleted: true });
    const anonymous = await resolveTitles(t.db, resources, { kind: "anonymous" }, request);
    expect(anonymous.get("posts", published.id)?.title).toBe("Max in public");
    expect(anonymous.get("posts", miaDraft.id)).toBeNull();
  });

  it("a linked record the reader may not see is no title and no id in history, however often it appears", async () => {
    // The same tags table behind a stricter policy: only tags not named "Secret" are listed, except to admins.
    const strictTags = defineResource("tags", {
      ...tagsResource,
      access: {
        list: {
          name: "public tags",
          allow: ({ user }) => user?.role === "admin" || inArray(tags.slug, ["coffee", "travel", "books"]),
        },
        get: { name: "anyone", allow: () => true },
      },
    });
    const registry = { ...resources, tags: strictTags };
    const post = await callers(t.db)
      .as(mia)
      .posts.create({ title: "With a secret", body: "One tag is secret.", tags: [tag.coffee] });
    await callers(t.db)
      .as(admin)
      .posts.update({ id: post.id, data: { tags: [tag.coffee, tag.secret] } });
    await callers(t.db)
      .as(admin)
      .posts.update({ id: post.id, data: { tags: [tag.secret] } });

    const read = (user: User) =>
      recordHistory(
        t.db,
        resources.posts,
        post.id,
        { kind: "user", user, via: "session" },
        {
          page: 1,
          perPage: 20,
          visible: undefined,
          deleted: "exclude",
          registry,
        },
      );
    const asMia = await read(mia);
    expect(JSON.stringify(asMia)).not.toContain(tag.secret);
    expect(JSON.stringify(asMia)).not.toContain("Secret");
    const hidden = `${HIDDEN_REF_PREFIX}1`;
    const [latest, earlier] = asMia.items;
    expect(earlier).toMatchObject({ before: { tags: [tag.coffee] } });
    expect([...((earlier?.after?.tags as string[]) ?? [])].sort()).toEqual([tag.coffee, hidden].sort());
    expect(latest).toMatchObject({ after: { tags: [hidden] } });
    // The same hidden tag has the same key in every entry, so "removed Coffee" is all a diff shows.
    expect([...((latest?.before?.tags as string[]) ?? [])].sort()).toEqual([tag.coffee, hidden].sort());
    expect(latest?.refs.tags).toEqual({ [tag.coffee]: { title: "Coffee", deleted: false }, [hidden]: null });

    const asAdmin = await read(admin);
    expect(asAdmin.items[0]?.refs.tags?.[tag.secret]).toEqual({ title: "Secret", deleted: false });
  });

  it("a page of history or audit entries costs one title query per resource, however many entries and links", async () => {
    const api = callers(t.db).as(mia);
    const post = await api.posts.create({ title: "Often retagged", body: "Tags change all the time." });
    const all = [tag.coffee, tag.travel, tag.books];
    for (let i = 0; i < 12; i++) await api.posts.update({ id: post.id, data: { tags: all.slice(0, (i % 3) + 1) } });

    const tagQueries = () => t.queries.filter((q) => /from "tags"/.test(q)).length;
    const userQueries = () => t.queries.filter((q) => /from "users"/.test(q)).length;
    t.queries.length = 0;
    const history = await api.posts.history({ id: post.id, perPage: 20 });
    expect(history.items).toHaveLength(13);
    expect(history.items.every((e) => e.operation === "create" || Object.keys(e.refs.tags ?? {}).length > 0)).toBe(
      true,
    );
    expect(tagQueries()).toBe(1);
    expect(userQueries()).toBe(1);

    t.queries.length = 0;
    const page = await callers(t.db).as(admin).audit.list({ perPage: 100 });
    expect(page.items.length).toBeGreaterThan(20);
    expect(tagQueries()).toBe(1);
    expect(t.queries.filter((q) => /from "posts"/.test(q)).length).toBe(1);
    expect(page.items.filter((e) => e.resource === "posts").every((e) => e.title !== null)).toBe(true);
  });

  it("audit.list still refuses non-admins, and the actor filter takes only a user id", async () => {
    expect((await rejection(callers(t.db).as(editor).audit.list({}))).code).toBe("FORBIDDEN");
    const bad = await rejection(callers(t.db).as(admin).audit.list({ actorId: "not-a-uuid" }));
    expect(bad.code).toBe("BAD_REQUEST");
    const mine = await callers(t.db).as(admin).audit.list({ actorId: mia.id, perPage: 100 });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e) => e.actorId === mia.id)).toBe(true);
  });
});
