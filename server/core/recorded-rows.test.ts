/**
 * A write's audit entries and live events go in one statement at its end, sent with the COMMIT
 * (recorded-rows.ts, write.ts): fewer round trips, and still all or nothing with the write. A create writes its own
 * in the statement that inserts its row (one-statement-create.ts).
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, liveEvents, posts, tags, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { User } from "@/server/core";
import { callers } from "@/server/testing";
import { settleLiveEvents } from "./realtime/sequencer";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  // Stands in for anything that makes the recorded rows fail at the very end (a constraint, a full disk, a trigger).
  await t.sql.unsafe(`
    create function refuse_audit() returns trigger language plpgsql as $$
    begin
      if new.after->>'name' = 'Refused by audit' or new.after->>'title' = 'Refused by audit' then
        raise exception 'audit refused';
      end if;
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
    .filter((q) => /insert into "(audit_log|live_events_queue)"/.test(q) && !q.includes("live_events_sequence"));

/** A record's live events, once the sequencer has numbered what has committed (moved it out of the queue). */
async function eventsOf(recordId: string) {
  await settleLiveEvents(t.db);
  return t.db.select().from(liveEvents).where(eq(liveEvents.recordId, recordId));
}

/** Every event written, numbered or still queued: what a rolled-back write must not add to. */
const events = async () =>
  Number(
    (
      await t.db.execute<{ n: string }>(
        sql`select (select count(*) from live_events) + (select count(*) from live_events_queue) as n`,
      )
    )[0]?.n,
  );

describe("recorded rows", () => {
  it("writes a batch's audit entries and live events in one statement", async () => {
    const created = await callers(t.db).system.tags.createMany({
      items: [1, 2, 3].map((n) => ({ name: `Batch ${n}`, slug: `batch-${n}` })),
    });
    const from = t.queries.length;
    await callers(t.db).system.tags.updateMany({ ids: created.map((tag) => tag.id), data: { name: "Renamed" } });
    // One statement for six recorded rows (a data-modifying CTE), not six.
    const sent = recording(from);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^with audit as \(insert into "audit_log"/);
    for (const tag of created) {
      expect(await t.db.select().from(auditLog).where(eq(auditLog.recordId, tag.id))).toHaveLength(2);
      expect(await eventsOf(tag.id)).toHaveLength(2);
    }
  });

  it("writes each created row with its audit entry and live event: no statement of records after them", async () => {
    const from = t.queries.length;
    const created = await callers(t.db).system.tags.createMany({
      items: [4, 5, 6].map((n) => ({ name: `Batch ${n}`, slug: `batch-${n}` })),
    });
    // (Other statements may come between: the sequencer's, or a webhook list read when another test installed one.)
    const sent = t.queries.slice(from).filter((q) => /insert into/.test(q) && !q.includes("live_events_sequence"));
    expect(sent).toHaveLength(3);
    for (const q of sent) expect(q).toMatch(/^with c as \(insert into "tags"/);
    for (const tag of created) {
      expect(await t.db.select().from(auditLog).where(eq(auditLog.recordId, tag.id))).toHaveLength(1);
      expect(await eventsOf(tag.id)).toHaveLength(1);
    }
  });

  it("rolls the whole write back when they fail, though they were sent with the COMMIT", async () => {
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

  it("a create with a before-hook sends its row and records with the COMMIT, and a failure there rolls all back", async () => {
    const [author] = await t.db
      .insert(users)
      .values({ name: "Author", email: "author@recorded.test", role: "member", emailVerifiedAt: new Date() })
      .returning();
    const as = callers(t.db).as(author as User);
    const from = t.queries.length;
    const post = await as.posts.create({ title: "Sent with the commit", body: "Body long enough.", status: "draft" });
    // After the slug hook's query, one statement with the row, its audit entry and live event (COMMIT behind it).
    const sent = t.queries.slice(from).filter((q) => /insert into/.test(q) && !q.includes("live_events_sequence"));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^with c as \(insert into "posts"/);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.recordId, post.id))).toHaveLength(1);
    const before = await events();
    await expect(
      as.posts.create({ title: "Refused by audit", body: "Body long enough.", status: "draft" }),
    ).rejects.toThrow();
    expect(await t.db.select().from(posts).where(eq(posts.title, "Refused by audit"))).toEqual([]);
    expect(await events()).toBe(before);
    const next = await as.posts.create({ title: "After the refusal", body: "Body long enough.", status: "draft" });
    expect(await t.db.select().from(auditLog).where(eq(auditLog.recordId, next.id))).toHaveLength(1);
  });
});
