/**
 * The audit trail, history, revert and soft delete on a real PostgreSQL, through the generated routers with real
 * actors: exact before/after values, one entry per write under concurrency, and history that hides what its reader
 * may not read.
 */
import { asc, eq } from "drizzle-orm";
import { bigint, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, posts, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createCaller } from "../router";
import { callers, rejection } from "../testing";
import { createContext } from "../trpc";
import type { User } from "./actor";
import { changedValues } from "./audit";
import { defineResource } from "./resource";

let t: TestDatabase;
let admin: User;
let editor: User;
let mia: User;
let max: User;

async function makeUser(name: string, role: User["role"]): Promise<User> {
  const [row] = await t.db
    .insert(users)
    .values({ name, email: `${name.toLowerCase()}@audit.test`, role })
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
    });
  return row as User;
}

const entriesOf = (recordId: string) =>
  t.db.select().from(auditLog).where(eq(auditLog.recordId, recordId)).orderBy(asc(auditLog.id));

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await makeUser("Admin", "admin");
  editor = await makeUser("Editor", "editor");
  mia = await makeUser("Mia", "member");
  max = await makeUser("Max", "member");
});
afterAll(() => t.drop());

describe("audit entries", () => {
  it("records create, partial update and delete with exact before and after values, actor and request id", async () => {
    const as = createCaller(
      createContext({
        db: t.db,
        actor: { kind: "user", user: mia, via: "session" },
        headers: new Headers({ "x-request-id": "req-42" }),
      }),
    );
    const post = await as.posts.create({ title: "Audited post", body: "Audited body text." });
    const full = (await t.db.select().from(posts).where(eq(posts.id, post.id)))[0];
    await as.posts.update({ id: post.id, data: { body: "A changed body text." } });
    await as.posts.delete({ id: post.id });

    const [created, updated, deleted] = await entriesOf(post.id);
    expect(created).toMatchObject({
      operation: "create",
      resource: "posts",
      actorKind: "user",
      actorId: mia.id,
      actorLabel: "Mia",
      requestId: "req-42",
      before: null,
    });
    // Every recorded field of the new row, as JSON (dates as ISO strings); updatedAt is the engine's, not recorded.
    expect(created?.after).toEqual({
      id: post.id,
      title: "Audited post",
      slug: "audited-post",
      body: "Audited body text.",
      status: "draft",
      authorId: mia.id,
      publishedAt: null,
      cover: null,
      attachments: [],
      createdAt: full?.createdAt.toISOString(),
      deletedAt: null,
    });
    expect(updated).toMatchObject({
      operation: "update",
      before: { body: "Audited body text." },
      after: { body: "A changed body text." },
    });
    expect(deleted?.operation).toBe("delete");
    expect(deleted?.before).toMatchObject({ id: post.id, body: "A changed body text.", deletedAt: null });
    expect((deleted?.after as { deletedAt: string } | null)?.deletedAt).toMatch(/^\d{4}-/);
  });

  it("never records hidden fields (users.passwordHash)", async () => {
    await t.db.update(users).set({ passwordHash: "scrypt$secret" }).where(eq(users.id, max.id));
    await callers(t.db)
      .as(admin)
      .users.update({ id: max.id, data: { bio: "Rides bikes." } });
    const [entry] = await entriesOf(max.id);
    expect(entry).toMatchObject({ before: { bio: "" }, after: { bio: "Rides bikes." } });
    expect(JSON.stringify(await t.db.select().from(auditLog))).not.toContain("scrypt$secret");
  });

  it("records bigint values as their exact digits (JSON has no bigint; a number would lose digits)", () => {
    const table = pgTable("ledger", {
      id: uuid("id").primaryKey(),
      name: text("name"),
      big: bigint("big", { mode: "bigint" }),
    });
    const ledger = defineResource("ledger", { table, titleField: "name" });
    const huge = 2n ** 63n - 1n;
    expect(changedValues(ledger, { id: "a", name: "x", big: 1n }, { id: "a", name: "x", big: huge })).toEqual({
      before: { big: "1" },
      after: { big: "9223372036854775807" },
    });
    expect(changedValues(ledger, { id: "a", big: huge }, { id: "a", big: huge })).toBeNull();
  });

  it("50 concurrent updates to one record leave 50 entries and the state of the last one", async () => {
    const post = await callers(t.db).as(mia).posts.create({ title: "Contended post", body: "Starting body text." });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        callers(t.db)
          .as(mia)
          .posts.update({ id: post.id, data: { body: `Concurrent body number ${i}` } }),
      ),
    );
    const updates = (await entriesOf(post.id)).filter((e) => e.operation === "update");
    expect(updates).toHaveLength(50);
    const final = (await t.db.select().from(posts).where(eq(posts.id, post.id)))[0];
    expect(final?.body).toBe((updates.at(-1)?.after as { body: string } | null)?.body);
    // Row locks serialise the writers: each entry's before is the previous entry's after.
    for (let i = 1; i < updates.length; i++) expect(updates[i]?.before).toEqual(updates[i - 1]?.after);
  });
});

describe("soft delete", () => {
  it("hides deleted rows from members, shows them to editors and admins who ask, and restores them", async () => {
    const post = await callers(t.db)
      .as(mia)
      .posts.create({ title: "Binned post", body: "Soon in the bin.", status: "published" });
    await callers(t.db).as(admin).posts.delete({ id: post.id });
    const ids = (r: { items: { id: string }[] }) => r.items.map((p) => p.id);

    expect(ids(await callers(t.db).as(mia).posts.list({ perPage: 100 }))).not.toContain(post.id);
    expect((await rejection(callers(t.db).as(mia).posts.get({ id: post.id }))).code).toBe("NOT_FOUND");
    expect((await rejection(callers(t.db).as(mia).posts.list({ deleted: "only" }))).code).toBe("FORBIDDEN");
    expect((await rejection(callers(t.db).anonymous.posts.list({ deleted: "include" }))).code).toBe("UNAUTHORIZED");

    expect(ids(await callers(t.db).as(admin).posts.list({ perPage: 100 }))).not.toContain(post.id);
    const bin = await callers(t.db).as(admin).posts.list({ perPage: 100, deleted: "only" });
    expect(ids(bin)).toContain(post.id);
    expect(bin.items.every((p) => p.deletedAt instanceof Date)).toBe(true);
    expect(ids(await callers(t.db).as(editor).posts.list({ perPage: 100, deleted: "include" }))).toContain(post.id);
    expect((await callers(t.db).as(editor).posts.get({ id: post.id, withDeleted: true })).deletedAt).toBeInstanceOf(
      Date,
    );

    expect((await rejection(callers(t.db).as(mia).posts.restore({ id: post.id }))).code).toBe("FORBIDDEN");
    const restored = await callers(t.db).as(editor).posts.restore({ id: post.id });
    expect(restored.deletedAt).toBeNull();
    expect(ids(await callers(t.db).as(max).posts.list({ perPage: 100 }))).toContain(post.id);
    expect((await entriesOf(post.id)).map((e) => e.operation)).toEqual(["create", "delete", "restore"]);
    // Restoring a live row is NOT_FOUND: only binned rows come back.
    expect((await rejection(callers(t.db).as(editor).posts.restore({ id: post.id }))).code).toBe("NOT_FOUND");
  });

  it("keeps unique fields usable: a deleted post's slug can be taken by a live one, even written directly", async () => {
    const post = await callers(t.db).as(mia).posts.create({ title: "Unique slug", body: "Holds its slug for now." });
    await callers(t.db).as(mia).posts.delete({ id: post.id });
    await t.db.insert(posts).values({ title: "Other", slug: "unique-slug", body: "Takes the slug.", authorId: max.id });
    const live = await t.db.select().from(posts).where(eq(posts.slug, "unique-slug"));
    expect(live).toHaveLength(2);
    // Restoring the deleted one while its slug is taken is a CONFLICT on the field, never a 500.
    const error = await rejection(callers(t.db).as(admin).posts.restore({ id: post.id }));
    expect(error).toMatchObject({ code: "CONFLICT", fieldErrors: { slug: ["Slug is already taken"] } });
  });

  it("purges for good (admins only), audited", async () => {
    const post = await callers(t.db).as(mia).posts.create({ title: "Purged post", body: "Gone for good soon." });
    expect((await rejection(callers(t.db).as(admin).posts.purge({ id: post.id }))).code).toBe("NOT_FOUND");
    await callers(t.db).as(mia).posts.delete({ id: post.id });
    expect((await rejection(callers(t.db).as(editor).posts.purge({ id: post.id }))).code).toBe("FORBIDDEN");
    await callers(t.db).as(admin).posts.purge({ id: post.id });
    expect(await t.db.select().from(posts).where(eq(posts.id, post.id))).toEqual([]);
    expect((await entriesOf(post.id)).at(-1)).toMatchObject({ operation: "purge", after: null });
  });
});

describe("history and revert", () => {
  it("history is readable by whoever may read the record, and hides fields they may not read", async () => {
    await callers(t.db)
      .as(admin)
      .users.update({ id: mia.id, data: { email: "mia.new@audit.test", bio: "Gardens." } });
    const own = await callers(t.db).as(mia).users.history({ id: mia.id });
    expect(own.items[0]).toMatchObject({
      operation: "update",
      actor: { kind: "user", id: admin.id, name: "Admin" },
      before: { email: "mia@audit.test", bio: "" },
      after: { email: "mia.new@audit.test", bio: "Gardens." },
    });
    const others = await callers(t.db).as(max).users.history({ id: mia.id });
    expect(others.items[0]?.before).toEqual({ bio: "" });
    expect(others.items[0]?.after).toEqual({ bio: "Gardens." });
    expect(JSON.stringify(others)).not.toContain("mia.new@audit.test");
  });

  it("history of a record the caller may not read is NOT_FOUND", async () => {
    const draft = await callers(t.db).as(mia).posts.create({ title: "Secret draft", body: "Nobody else reads this." });
    expect((await rejection(callers(t.db).as(max).posts.history({ id: draft.id }))).code).toBe("NOT_FOUND");
    expect((await callers(t.db).as(editor).posts.history({ id: draft.id })).totalItems).toBe(1);
  });

  it("admins revert a record to an earlier version, and the revert is itself audited", async () => {
    const as = callers(t.db).as(mia);
    const post = await as.posts.create({ title: "Version one", body: "The first body text." });
    await as.posts.update({ id: post.id, data: { title: "Version two", body: "The second body text." } });
    await as.posts.update({ id: post.id, data: { body: "The third body text." } });
    const [createdEntry] = await entriesOf(post.id);

    expect((await rejection(as.posts.revert({ id: post.id, entryId: createdEntry?.id as number }))).code).toBe(
      "FORBIDDEN",
    );
    const reverted = await callers(t.db)
      .as(admin)
      .posts.revert({ id: post.id, entryId: createdEntry?.id as number });
    expect(reverted).toMatchObject({ title: "Version one", slug: "version-one", body: "The first body text." });
    const last = (await entriesOf(post.id)).at(-1);
    expect(last).toMatchObject({
      operation: "revert",
      actorId: admin.id,
      before: { title: "Version two", slug: "version-two", body: "The third body text." },
      after: { title: "Version one", slug: "version-one", body: "The first body text." },
    });
    const missing = await rejection(callers(t.db).as(admin).posts.revert({ id: post.id, entryId: 999_999 }));
    expect(missing.code).toBe("NOT_FOUND");
  });

  it("audit.list is for admins, with filters and pagination", async () => {
    expect((await rejection(callers(t.db).as(editor).audit.list({}))).code).toBe("FORBIDDEN");
    const page = await callers(t.db).as(admin).audit.list({ resource: "users", actorId: admin.id, perPage: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.totalItems).toBeGreaterThanOrEqual(2);
    expect(page.items[0]).toMatchObject({ resource: "users", actorId: admin.id });
    const reverts = await callers(t.db).as(admin).audit.list({ operation: "revert" });
    expect(reverts.items.every((e) => e.operation === "revert")).toBe(true);
    const future = await callers(t.db)
      .as(admin)
      .audit.list({ from: new Date(Date.now() + 60_000) });
    expect(future.totalItems).toBe(0);
  });
});
