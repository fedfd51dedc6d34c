/**
 * `<resource>.onChange` through the tRPC caller on a real PostgreSQL, with writes going through the engine: each
 * subscriber sees exactly what `list` would show them, as it changes. "Nothing arrives" is proven with a sentinel:
 * events reach a subscriber in commit order, so if the next message is the sentinel's, the earlier write sent nothing.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { liveEvents, tags, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { AppUser } from "@/server/resources";
import { createCaller } from "@/server/router";
import { callers, rejection } from "@/server/testing";
import { type Actor, createContext } from "@/server/trpc";
import { closeListener, listenerFor } from "./listener";
import { type Received, type Watcher, watch } from "./testing";
import type { LiveMessage } from "./types";

type Rec = Record<string, unknown>;
type Message = LiveMessage<Rec, string>;

let t: TestDatabase;
let author: AppUser;
let member: AppUser;
let admin: AppUser;
const watchers: Watcher<Message>[] = [];

const actorOf = (user: AppUser): Actor => ({ kind: "user", user, via: "session" });

/** Waits until the listener has delivered every committed event, so what a test writes next is evaluated after it. */
const settle = () => listenerFor(t.db).caughtUp();

/** Subscribes as `who` once earlier writes are delivered, and waits for `ready`: every later write is live for it. */
async function subscribe(
  who: AppUser | null,
  resource: "posts" | "users" | "tags",
  input: Rec = {},
): Promise<Watcher<Message>> {
  await settle();
  const controller = new AbortController();
  const ctx = createContext({ db: t.db, ...(who ? { actor: actorOf(who) } : {}) });
  const caller = createCaller(ctx, { signal: controller.signal });
  const stream = await (caller[resource].onChange as (i: Rec) => Promise<AsyncIterable<unknown>>)(input);
  const w = watch<Message>(stream, controller);
  watchers.push(w);
  expect((await w.next()).data).toMatchObject({ action: "ready" });
  return w;
}

/** A visible write everybody subscribed to tags receives: what follows it in a stream proves what preceded it. */
let sentinels = 0;
async function sentinel(): Promise<string> {
  const tag = await callers(t.db).system.tags.create({
    name: `Sentinel ${++sentinels}`,
    slug: `sentinel-${sentinels}`,
  });
  return tag.id;
}

const isChange = (m: Received<Message>, id: string) => "id" in m.data && m.data.id === id;

beforeAll(async () => {
  t = await createTestDatabase();
  const make = async (name: string, role: AppUser["role"]) => {
    const [row] = await t.db
      .insert(users)
      .values({ name, email: `${name.toLowerCase()}@live.test`, role, passwordHash: "scrypt$secret" })
      .returning({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        emailVerifiedAt: users.emailVerifiedAt,
      });
    return row as AppUser;
  };
  author = await make("Author", "member");
  member = await make("Member", "member");
  admin = await make("Admin", "admin");
});
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.stop()));
});
afterAll(async () => {
  await closeListener(t.db);
  await t.drop();
});

describe("posts.onChange", () => {
  it("never shows a member another user's draft, and shows the author their own", async () => {
    const asMember = await subscribe(member, "posts");
    const asAuthor = await subscribe(author, "posts");
    const asMemberTags = await subscribe(member, "tags");
    const draft = await callers(t.db).as(author).posts.create({ title: "My secret draft", body: "Not for others." });
    const mark = await sentinel();

    expect((await asAuthor.next()).data).toMatchObject({
      action: "create",
      id: draft.id,
      record: { title: "My secret draft", status: "draft" },
    });
    // The member's posts stream stays silent; the tags stream shows the sentinel arrived after the draft committed.
    await asMemberTags.until((m) => isChange(m, mark));
    const later = await callers(t.db).as(author).posts.create({ title: "Second secret", body: "Still private." });
    await callers(t.db)
      .as(author)
      .posts.update({ id: later.id, data: { body: "Edited, still private." } });
    const published = await callers(t.db).as(author).posts.create({
      title: "Public now",
      body: "Everyone may read.",
      status: "published",
    });
    const { skipped, hit } = await asMember.until((m) => isChange(m, published.id));
    expect(skipped).toEqual([]);
    expect(hit.data).toMatchObject({ action: "create", record: { title: "Public now" } });
    expect(JSON.stringify(asMember.received)).not.toContain("secret");
  });

  it("reaches an anonymous subscriber on publish with the public fields, and as a removal on unpublish and delete", async () => {
    const anonymous = await subscribe(null, "posts");
    const api = callers(t.db).as(author);
    const post = await api.posts.create({ title: "Draft to publish", body: "Will be public soon." });
    await settle();
    await api.posts.update({ id: post.id, data: { status: "published" } });
    const created = await anonymous.next();
    expect(created.data).toMatchObject({ action: "create", id: post.id, record: { status: "published" } });
    const record = (created.data as { record: Rec }).record;
    expect(Object.keys(record).sort()).toEqual(
      [
        "attachments",
        "authorId",
        "body",
        "cover",
        "createdAt",
        "deletedAt",
        "id",
        "publishedAt",
        "slug",
        "status",
        "title",
        "updatedAt",
      ].sort(),
    );
    expect(record.publishedAt).toBeInstanceOf(Date);

    await api.posts.update({ id: post.id, data: { title: "Published and renamed" } });
    expect((await anonymous.next()).data).toMatchObject({
      action: "update",
      record: { title: "Published and renamed" },
    });

    await api.posts.update({ id: post.id, data: { status: "draft" } });
    expect((await anonymous.next()).data).toEqual({ action: "delete", id: post.id });

    // Edits of the draft are nobody's business but the author's (and staff's).
    await api.posts.update({ id: post.id, data: { title: "Quietly edited draft" } });
    await settle();
    await api.posts.update({ id: post.id, data: { status: "published" } });
    expect((await anonymous.next()).data).toMatchObject({
      action: "create",
      record: { title: "Quietly edited draft" },
    });

    // Soft delete (by an admin: authors delete drafts only) is a removal; restoring brings it back as a create.
    await callers(t.db).as(admin).posts.delete({ id: post.id });
    expect((await anonymous.next()).data).toEqual({ action: "delete", id: post.id });
    await callers(t.db).as(admin).posts.restore({ id: post.id });
    expect((await anonymous.next()).data).toMatchObject({ action: "create", id: post.id });
  });

  it("applies the subscriber's filter: moving out of it is a removal, into it a create", async () => {
    const api = callers(t.db).as(author);
    const filtered = await subscribe(null, "posts", { filter: { title: { contains: "postgres" } } });
    const other = await api.posts.create({ title: "About MySQL", body: "Not in the filter.", status: "published" });
    const inside = await api.posts.create({ title: "About Postgres", body: "In the filter.", status: "published" });
    expect((await filtered.next()).data).toMatchObject({ action: "create", id: inside.id });
    await api.posts.update({ id: inside.id, data: { title: "About SQLite" } });
    expect((await filtered.next()).data).toEqual({ action: "delete", id: inside.id });
    await api.posts.update({ id: other.id, data: { title: "About Postgres, after all" } });
    expect((await filtered.next()).data).toMatchObject({ action: "create", id: other.id });
  });

  it("narrows to one record with `id`", async () => {
    const api = callers(t.db).as(author);
    const mine = await api.posts.create({ title: "Watched post", body: "Just this one.", status: "published" });
    const one = await subscribe(null, "posts", { id: mine.id });
    await api.posts.create({ title: "Unwatched post", body: "Some other post.", status: "published" });
    await api.posts.update({ id: mine.id, data: { body: "This one changed." } });
    const { skipped, hit } = await one.until(() => true);
    expect(skipped).toEqual([]);
    expect(hit.data).toMatchObject({ action: "update", id: mine.id, record: { body: "This one changed." } });
  });

  it("validates the filter with list's schema and refuses what list refuses", async () => {
    const caller = callers(t.db).anonymous;
    const bad = await rejection(caller.posts.onChange({ filter: { status: { eq: "archived" as "draft" } } }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(Object.keys(bad.fieldErrors)).toEqual(["filter.status.eq"]);
    const hidden = await rejection(caller.users.onChange({ filter: { email: { eq: "x@y.z" } } as never }));
    expect(hidden.code).toBe("BAD_REQUEST");
  });
});

describe("cost", () => {
  it("is one visibility query per event, however many audiences and subscribers it concerns", async () => {
    const crowd = await Promise.all(Array.from({ length: 30 }, () => subscribe(null, "posts")));
    const staff = await Promise.all([subscribe(admin, "posts"), subscribe(admin, "posts")]);
    const own = await subscribe(member, "posts");
    t.queries.length = 0;
    const post = await callers(t.db)
      .as(member)
      .posts.create({ title: "For the crowd", body: "Everyone sees it.", status: "published" });
    for (const w of [...crowd, ...staff, own])
      expect((await w.next()).data).toMatchObject({ action: "create", id: post.id });
    // Anonymous readers, admins, and this member (published or own) are three audiences, evaluated in one query.
    expect(t.queries.filter((q) => q.includes("live_probe"))).toHaveLength(1);
  });

  it("evaluates the audiences of one event together with the same answers as one at a time", async () => {
    const anonymous = await subscribe(null, "posts");
    const staff = await subscribe(admin, "posts");
    const own = await subscribe(member, "posts");
    const other = await subscribe(author, "posts");
    t.queries.length = 0;
    // A draft: its author and admins see it; anonymous readers and other members hear nothing.
    const draft = await callers(t.db).as(member).posts.create({ title: "Only mine", body: "A draft of my own." });
    expect((await own.next()).data).toMatchObject({ action: "create", id: draft.id, record: { status: "draft" } });
    expect((await staff.next()).data).toMatchObject({ action: "create", id: draft.id });
    // Published: the others now see it appear; the author and admins see an update.
    await callers(t.db)
      .as(member)
      .posts.update({ id: draft.id, data: { status: "published" } });
    // Their first message is the published post: nothing was sent about the draft.
    const published = { action: "create", id: draft.id, record: { status: "published" } };
    expect((await anonymous.next()).data).toMatchObject(published);
    expect((await other.next()).data).toMatchObject(published);
    expect((await own.next()).data).toMatchObject({ action: "update", id: draft.id, record: { status: "published" } });
    expect((await staff.next()).data).toMatchObject({ action: "update", id: draft.id });
    // Two events, four audiences: two queries.
    expect(t.queries.filter((q) => q.includes("live_probe"))).toHaveLength(2);
  });
});

describe("users.onChange", () => {
  it("never carries another user's email, blocked flag or password hash; the user themself sees their email", async () => {
    const asMember = await subscribe(member, "users");
    const asAuthor = await subscribe(author, "users");
    await callers(t.db)
      .as(author)
      .users.update({ id: author.id, data: { bio: "I write things." } });
    const toMember = await asMember.next();
    const toAuthor = await asAuthor.next();
    expect(toMember.data).toMatchObject({ action: "update", id: author.id, record: { bio: "I write things." } });
    expect(toMember.data).not.toHaveProperty("record.email");
    expect(toMember.data).not.toHaveProperty("record.blocked");
    expect(toAuthor.data).toMatchObject({ record: { email: "author@live.test", blocked: false } });
    for (const m of [toMember, toAuthor]) {
      expect(m.data).not.toHaveProperty("record.passwordHash");
      expect(JSON.stringify(m.data)).not.toContain("scrypt$");
    }
  });
});

describe("rolled-back writes", () => {
  /** The insert-id sequence of the log: it would advance if a failed write had logged an event, rows or not. */
  const logged = async () => Number((await t.sql`select last_value from live_events_id_seq`)[0]?.last_value);

  it("emit nothing and log nothing: a CONFLICT, a rule's refusal, a foreign key", async () => {
    const anonymousTags = await subscribe(null, "tags");
    const anonymousPosts = await subscribe(null, "posts");
    const rowsBefore = (await t.db.select({ id: liveEvents.id }).from(liveEvents)).length;
    const taken = await callers(t.db).system.tags.create({ name: "Taken", slug: "taken" });
    expect((await anonymousTags.next()).data).toMatchObject({ action: "create", id: taken.id });
    const api = callers(t.db).as(author);
    const own = await api.posts.create({ title: "Own published", body: "Public body.", status: "published" });
    const others = await callers(t.db)
      .as(member)
      .posts.create({ title: "Not yours", body: "Public body.", status: "published" });
    await anonymousPosts.until((m) => isChange(m, others.id));

    // A batch that fails on its second item, after the first was written. A created row's event is written with it
    // (one-statement-create.ts), so the first item's event was inserted: it is rolled back with the batch.
    const rows = async () => (await t.db.select({ id: liveEvents.id }).from(liveEvents)).length;
    const rowsAtMark = await rows();
    const conflict = await rejection(
      callers(t.db).system.tags.createMany({
        items: [
          { name: "Fresh", slug: "fresh" },
          { name: "Taken again", slug: "taken" },
        ],
      }),
    );
    expect(conflict.code).toBe("CONFLICT");
    expect(await rows()).toBe(rowsAtMark);

    // Other writes log their events at the end of the write's transaction (recorded-rows.ts): a failed one never
    // even logs one.
    const mark = await logged();
    const refused = await rejection(
      api.posts.updateMany({ ids: [own.id, others.id], data: { title: "Renamed both" } }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    expect(await logged()).toBe(mark);

    // A field rule refuses before anything is written; a referenced user cannot be deleted (foreign key).
    const forged = await rejection(api.posts.update({ id: own.id, data: { authorId: member.id } }));
    expect(forged.code).toBe("FORBIDDEN");
    const referenced = await rejection(callers(t.db).as(admin).users.delete({ id: author.id }));
    expect(referenced.code).toBe("CONFLICT");

    const tag = await sentinel();
    expect((await anonymousTags.next()).data).toMatchObject({ action: "create", id: tag });
    await api.posts.update({ id: own.id, data: { body: "Changed after all." } });
    expect((await anonymousPosts.next()).data).toMatchObject({ action: "update", record: { title: "Own published" } });
    expect(await t.db.select().from(tags).where(eq(tags.slug, "fresh"))).toEqual([]);
    // taken, two posts, the sentinel, the last update: five events, none from the failed writes.
    expect((await t.db.select({ id: liveEvents.id }).from(liveEvents)).length - rowsBefore).toBe(5);
  });
});
