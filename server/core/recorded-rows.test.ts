/**
 * A write's audit entries and live events go in one statement at its end, sent with the COMMIT
 * (recorded-rows.ts, write.ts): fewer round trips, and still all or nothing with the write.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, liveEvents, tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { callers } from "@/server/testing";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  // Stands in for anything that makes the recorded rows fail at the very end (a constraint, a full disk, a trigger).
  await t.sql.unsafe(`
    create function refuse_audit() returns trigger language plpgsql as $$
    begin
      if new.after->>'name' = 'Refused by audit' then raise exception 'audit refused'; end if;
      return new;
    end $$;
    create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit();`);
});
afterAll(async () => {
  await t.drop();
});

/** The statements since `from` that write audit entries or live events. */
const recording = (from: number) =>
  t.queries
    .slice(from)
    .filter((q) => /insert into "(audit_log|live_events)"/.test(q) && !q.includes("live_events_sequence"));

describe("recorded rows", () => {
  it("writes a batch's audit entries and live events in one statement", async () => {
    const from = t.queries.length;
    const created = await callers(t.db).system.tags.createMany({
      items: [1, 2, 3].map((n) => ({ name: `Batch ${n}`, slug: `batch-${n}` })),
    });
    // One statement for six recorded rows (a data-modifying CTE), not six.
    const sent = recording(from);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^with audit as \(insert into "audit_log"/);
    for (const tag of created) {
      expect(await t.db.select().from(auditLog).where(eq(auditLog.recordId, tag.id))).toHaveLength(1);
      expect(await t.db.select().from(liveEvents).where(eq(liveEvents.recordId, tag.id))).toHaveLength(1);
    }
  });

  it("rolls the whole write back when they fail, though they were sent with the COMMIT", async () => {
    const events = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(liveEvents))[0]?.n;
    const before = await events();
    await expect(
      callers(t.db).system.tags.createMany({
        items: [
          { name: "Kept only if all are", slug: "kept-if-all" },
          { name: "Refused by audit", slug: "refused-by-audit" },
        ],
      }),
    ).rejects.toThrow();
    expect(await t.db.select().from(tags).where(eq(tags.slug, "kept-if-all"))).toEqual([]);
    expect(await events()).toBe(before);
    // The connection is clean for the next write.
    const next = await callers(t.db).system.tags.create({ name: "After", slug: "after" });
    expect(await t.db.select().from(auditLog).where(eq(auditLog.recordId, next.id))).toHaveLength(1);
  });
});
