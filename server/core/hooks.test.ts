/**
 * Hooks on a real PostgreSQL: before-hooks change or refuse, after-hooks run in the transaction, afterCommit only
 * after COMMIT. Uses resources defined here on the demo tables, so each hook does exactly what the test needs.
 */
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { rejection } from "../testing";
import { createCallerFactory, createContext, FieldError, router } from "../trpc";
import { anyone } from "./access";
import { type Change, onCommitted } from "./changes";
import type { ResourceHooks } from "./hooks";
import { defineResource } from "./resource";
import { createResourceRouter } from "./router";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());
beforeEach(async () => {
  await t.db.delete(tags);
  await t.db.delete(auditLog);
});

const committed: Change[] = [];
const calls: string[] = [];

/** A tags resource whose hooks record what ran, and refuse or fail on request through the tag's name. */
const hookedTags = defineResource("tags", {
  table: tags,
  titleField: "name",
  fields: { name: { filterable: true } },
  hooks: {
    beforeCreate: ({ data, tx }) => {
      calls.push("beforeCreate");
      if (!tx) throw new Error("no transaction handle");
      if (data.name === "refuse") throw new FieldError("refused", { name: ["This name is not allowed"] });
      // A before-hook may change the input.
      return { ...data, slug: data.slug === "auto" ? `auto-${data.name}` : data.slug };
    },
    afterCreate: async ({ record, tx }) => {
      calls.push("afterCreate");
      // Work done by a hook on the same transaction rolls back with it.
      await tx.insert(tags).values({ name: `${record.name} shadow`, slug: `${record.slug}-shadow` });
      if (record.name === "fail-after") throw new Error("after-hook failed");
    },
    beforeUpdate: ({ data, old }) => {
      calls.push(`beforeUpdate:${old.name}`);
      return data;
    },
    afterCommit: (change) => {
      calls.push(`afterCommit:${change.operation}`);
      committed.push(change);
      if (change.after && (change.after as { name?: string }).name === "commit-fails") throw new Error("mailer down");
    },
  },
  access: { list: anyone, get: anyone, create: anyone, update: anyone },
});

const caller = createCallerFactory(router({ tags: createResourceRouter(hookedTags, { tags: hookedTags }) }));
const api = () => caller(createContext({ db: t.db, actor: { kind: "system", reason: "hooks test" } }));
const counts = async () => ({
  tags: (await t.db.select({ n: count() }).from(tags))[0]?.n,
  audit: (await t.db.select({ n: count() }).from(auditLog))[0]?.n,
});

describe("hooks", () => {
  beforeEach(() => {
    calls.length = 0;
    committed.length = 0;
  });

  it("a before-hook may change the input; after-hook work commits with the write", async () => {
    const tag = await api().tags.create({ name: "plain", slug: "auto" });
    expect(tag.slug).toBe("auto-plain");
    expect(calls).toEqual(["beforeCreate", "afterCreate", "afterCommit:create"]);
    expect(await t.db.select().from(tags).where(eq(tags.slug, "auto-plain-shadow"))).toHaveLength(1);
    expect(await counts()).toEqual({ tags: 2, audit: 1 });
  });

  it("a refusing before-hook leaves neither the row nor an audit entry, and reports its field error", async () => {
    const error = await rejection(api().tags.create({ name: "refuse", slug: "refuse" }));
    expect(error.fieldErrors).toEqual({ name: ["This name is not allowed"] });
    expect(await counts()).toEqual({ tags: 0, audit: 0 });
    expect(calls).toEqual(["beforeCreate"]);
  });

  it("a throwing after-hook rolls back the write, its own work and the audit entry; afterCommit never runs", async () => {
    await rejection(api().tags.create({ name: "fail-after", slug: "fail-after" }));
    expect(await counts()).toEqual({ tags: 0, audit: 0 });
    expect(calls).toEqual(["beforeCreate", "afterCreate"]);
    expect(committed).toEqual([]);
  });

  it("a batch that fails on its second item announces nothing, not even the first item", async () => {
    const seen: Change[] = [];
    const stop = onCommitted((change) => {
      seen.push(change);
    });
    try {
      await rejection(
        api().tags.createMany({
          items: [
            { name: "fine", slug: "fine" },
            { name: "refuse", slug: "x" },
          ],
        }),
      );
    } finally {
      stop();
    }
    expect(seen).toEqual([]);
    expect(committed).toEqual([]);
    expect(await counts()).toEqual({ tags: 0, audit: 0 });
  });

  it("a failing afterCommit hook neither undoes nor hides the committed write", async () => {
    const tag = await api().tags.create({ name: "commit-fails", slug: "commit-fails" });
    expect(tag.name).toBe("commit-fails");
    expect(calls.at(-1)).toBe("afterCommit:create");
    expect(await counts()).toEqual({ tags: 2, audit: 1 });
  });

  it("afterCommit and onCommitted listeners get the change with before and after rows", async () => {
    const seen: Change[] = [];
    const stop = onCommitted((change) => {
      seen.push(change);
    });
    try {
      const tag = await api().tags.create({ name: "first", slug: "first" });
      await api().tags.update({ id: tag.id, data: { name: "renamed" } });
    } finally {
      stop();
    }
    expect(calls).toContain("beforeUpdate:first");
    expect(seen.map((c) => c.operation)).toEqual(["create", "update"]);
    expect(seen[1]).toMatchObject({ resource: "tags", before: { name: "first" }, after: { name: "renamed" } });
    expect(committed).toEqual(seen);
  });
});

/** Shapes a tag's slug with what it reads: the number of tags before it, as a suffix. */
const shapeTag: NonNullable<ResourceHooks<typeof tags>["shapeCreate"]> = async ({ data, db, actor, user }) => {
  calls.push(`shapeCreate:${data.name}`);
  // Reads only: nothing that writes, nor raw SQL, is there to call.
  if (["insert", "update", "delete", "execute", "transaction"].some((k) => k in db)) throw new Error("writable");
  if (actor.kind !== "system" || user !== null) throw new Error("no caller");
  if (data.name === "refuse") throw new FieldError("refused", { name: ["This name is not allowed"] });
  const [row] = await db.select({ n: count() }).from(tags);
  // A value written as SQL, as a column's `$defaultFn(() => sql…)` gives (not a hook's type, hence the cast).
  if (data.name === "as sql") return { ...data, slug: sql`'sql-' || ${String(row?.n)}` as unknown as string };
  return { ...data, slug: `${data.slug}-${row?.n}` };
};

const beforeTag: NonNullable<ResourceHooks<typeof tags>["beforeCreate"]> = ({ data }) => {
  calls.push(`beforeCreate:${data.slug}`);
  return data;
};

/** A tags resource with shapeTag, and beforeTag after it when asked. */
function shapedTags(withBeforeCreate: boolean) {
  return defineResource("tags", {
    table: tags,
    titleField: "name",
    fields: { name: { filterable: true } },
    hooks: withBeforeCreate ? { shapeCreate: shapeTag, beforeCreate: beforeTag } : { shapeCreate: shapeTag },
    access: { list: anyone, get: anyone, create: anyone },
  });
}

/** A caller on a pool that counts the transactions it opens. */
function countingCaller(resource: ReturnType<typeof shapedTags>) {
  const opened = { n: 0 };
  const db: typeof t.db = Object.create(t.db);
  db.transaction = ((...args: Parameters<typeof t.db.transaction>) => {
    opened.n++;
    return t.db.transaction(...args);
  }) as typeof t.db.transaction;
  const call = createCallerFactory(router({ tags: createResourceRouter(resource, { tags: resource }) }))(
    createContext({ db, actor: { kind: "system", reason: "hooks test" } }),
  );
  return { call, opened };
}

describe("shapeCreate, a hook that only reads", () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it("shapes the data with what it reads, and the create still goes without a transaction, audited", async () => {
    const { call, opened } = countingCaller(shapedTags(false));
    await t.db.insert(tags).values({ name: "before", slug: "before" });
    const tag = await call.tags.create({ name: "shaped", slug: "shaped" });
    expect(tag.slug).toBe("shaped-1");
    expect(calls).toEqual(["shapeCreate:shaped"]);
    expect(opened.n).toBe(0);
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.recordId, String(tag.id)));
    expect(entries.map((e) => [e.operation, (e.after as { slug?: string }).slug])).toEqual([["create", "shaped-1"]]);
  });

  it("refuses with its field error and leaves nothing behind", async () => {
    const { call } = countingCaller(shapedTags(false));
    const error = await rejection(call.tags.create({ name: "refuse", slug: "refuse" }));
    expect(error.fieldErrors).toEqual({ name: ["This name is not allowed"] });
    expect(await counts()).toEqual({ tags: 0, audit: 0 });
  });

  it("runs once, then the insert in a transaction, when it returns a value written as SQL", async () => {
    const { call, opened } = countingCaller(shapedTags(false));
    const tag = await call.tags.create({ name: "as sql", slug: "ignored" });
    expect([tag.slug, calls, opened.n]).toEqual(["sql-0", ["shapeCreate:as sql"], 1]);
    expect(await counts()).toEqual({ tags: 1, audit: 1 });
  });

  it("runs before beforeCreate, which gets its data, inside the transaction beforeCreate needs", async () => {
    const { call, opened } = countingCaller(shapedTags(true));
    const tag = await call.tags.create({ name: "both", slug: "both" });
    expect([tag.slug, calls, opened.n]).toEqual(["both-0", ["shapeCreate:both", "beforeCreate:both-0"], 1]);
  });

  it("runs for each item of a batch, in its transaction, reading what the items before it wrote", async () => {
    const { call } = countingCaller(shapedTags(false));
    const created = await call.tags.createMany({
      items: [
        { name: "one", slug: "one" },
        { name: "two", slug: "two" },
      ],
    });
    expect(created.map((c) => c.slug)).toEqual(["one-0", "two-1"]);
  });
});
