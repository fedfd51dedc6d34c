/**
 * Hooks on a real PostgreSQL: before-hooks change or refuse, after-hooks run in the transaction, afterCommit only
 * after COMMIT. Uses resources defined here on the demo tables, so each hook does exactly what the test needs.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { rejection } from "../testing";
import { createCallerFactory, createContext, FieldError, router } from "../trpc";
import { anyone } from "./access";
import { type Change, onCommitted } from "./changes";
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
