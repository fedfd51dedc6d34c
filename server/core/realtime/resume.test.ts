/**
 * Resuming with a last event id: exactly the missed events (those this subscriber may see), then `ready`, then live
 * ones, never one twice; and the case that breaks insert-ordered ids: a transaction that logged its event first but
 * committed last (docs/decisions/007-live-updates.md).
 */
import { asc } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { liveEvents, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { AppUser } from "@/server/resources";
import { createCaller } from "@/server/router";
import { callers } from "@/server/testing";
import { createContext } from "@/server/trpc";
import { closeListener, listenerFor } from "./listener";
import { settleLiveEvents } from "./sequencer";
import { type Received, type Watcher, watch } from "./testing";
import type { LiveMessage } from "./types";

type Message = LiveMessage<Record<string, unknown>, string>;

let t: TestDatabase;
let author: AppUser;
const watchers: Watcher<Message>[] = [];

async function subscribe(input: { lastEventId?: string } = {}): Promise<Watcher<Message>> {
  await listenerFor(t.db).caughtUp();
  const controller = new AbortController();
  const stream = await createCaller(createContext({ db: t.db }), { signal: controller.signal }).tags.onChange(input);
  const w = watch<Message>(stream, controller);
  watchers.push(w);
  return w;
}

/** Messages up to and including `ready`. */
async function untilReady(w: Watcher<Message>) {
  const { skipped, hit } = await w.until((m) => m.data.action === "ready");
  return { replayed: skipped, ready: hit as Received<Message & { action: "ready" }> };
}

const tag = (n: string) => callers(t.db).system.tags.create({ name: `Tag ${n}`, slug: `tag-${n}` });
const ids = (ms: Received<Message>[]) => ms.map((m) => ("id" in m.data ? m.data.id : m.data.action));

beforeAll(async () => {
  t = await createTestDatabase();
  const [row] = await t.db.insert(users).values({ name: "Author", email: "author@resume.test" }).returning({
    id: users.id,
    name: users.name,
    email: users.email,
    role: users.role,
    emailVerifiedAt: users.emailVerifiedAt,
  });
  author = row as AppUser;
});
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.stop()));
});
afterAll(async () => {
  await closeListener(t.db);
  await t.drop();
});

describe("resume", () => {
  it("replays exactly the missed events this subscriber may see, then ready, then live ones, none twice", async () => {
    const first = await subscribe();
    expect((await first.next()).data).toEqual({ action: "ready", resumed: false });
    const a = await tag("a");
    const b = await tag("b");
    const seenB = await first.until((m) => "id" in m.data && m.data.id === b.id);
    await first.stop();

    // Missed while away: two tag changes, and a post change (another resource: not in this stream).
    const c = await tag("c");
    await callers(t.db).as(author).posts.create({ title: "Not a tag", body: "Another resource." });
    await callers(t.db).system.tags.update({ id: c.id, data: { name: "Tag c, renamed" } });
    const d = await tag("d");

    const back = await subscribe({ lastEventId: seenB.hit.id });
    const { replayed, ready } = await untilReady(back);
    expect(ids(replayed)).toEqual([c.id, c.id, d.id]);
    expect(replayed.map((m) => m.data.action)).toEqual(["create", "update", "create"]);
    expect(ready.data).toEqual({ action: "ready", resumed: true });
    const e = await tag("e");
    const live = await back.next();
    expect(live.data).toMatchObject({ action: "create", id: e.id });

    const all = [...replayed, ready, live].map((m) => Number(m.id));
    expect(all).toEqual([...all].sort((x, y) => x - y));
    expect(Number(replayed[0]?.id)).toBeGreaterThan(Number(seenB.hit.id));
    expect(ids([...replayed, live])).not.toContain(a.id);
    expect(ids([...replayed, live])).not.toContain(b.id);
  });

  it("resumes from the ready id of a quiet connection with nothing to replay", async () => {
    const quiet = await subscribe();
    const ready = await quiet.next();
    await quiet.stop();
    const again = await subscribe({ lastEventId: ready.id });
    const { replayed, ready: second } = await untilReady(again);
    expect(replayed).toEqual([]);
    expect(second.data).toEqual({ action: "ready", resumed: true });
    expect(second.id).toBe(ready.id);
  });

  it("cannot resume from an id it never issued: the client is told to refetch", async () => {
    for (const lastEventId of ["999999999", "not-a-number", "-1"]) {
      const w = await subscribe({ lastEventId });
      const { replayed, ready } = await untilReady(w);
      expect(replayed).toEqual([]);
      expect(ready.data).toEqual({ action: "ready", resumed: false });
    }
  });
});

describe("a transaction that logs its event first but commits last", () => {
  it("is delivered live and on resume, after the one that committed first", async () => {
    const live = await subscribe();
    await live.next();
    const late = await tag("late");
    await live.next();
    // A transaction that changes "late" and logs its event, then stays open while another write commits: its event
    // row has the smaller insert id, but it commits second (a long hook, a slow client, a batch waiting on a lock).
    const slow = await t.sql.reserve();
    await slow`begin`;
    await slow`update tags set name = 'Late, renamed' where id = ${late.id}`;
    await slow`insert into live_events_queue (resource, record_id, operation, before)
      values ('tags', ${late.id}, 'update', ${JSON.stringify({ id: late.id, name: late.name, slug: late.slug })}::jsonb)`;
    const fast = await tag("fast");
    const fastMessage = await live.next();
    expect(fastMessage.data).toMatchObject({ action: "create", id: fast.id });
    await slow`commit`;
    slow.release();
    await settleLiveEvents(t.db);

    // Insert order and commit order disagree: the slow one was logged before "fast", but numbered after it.
    const rows = await t.db
      .select({ id: liveEvents.id, seq: liveEvents.seq, recordId: liveEvents.recordId })
      .from(liveEvents)
      .orderBy(asc(liveEvents.id));
    const row = (id: string | undefined) => rows.findLast((r) => r.recordId === id);
    expect(row(late.id)?.id).toBeLessThan(row(fast.id)?.id ?? 0);
    expect(row(late.id)?.seq).toBeGreaterThan(row(fast.id)?.seq ?? 0);
    // Resuming by insert order from "fast" would have skipped the slow one for good.
    const naive = rows.filter((r) => r.id > (row(fast.id)?.id ?? 0)).map((r) => r.recordId);
    expect(naive).not.toContain(late.id);

    // Live: after "fast", the slow one.
    expect((await live.next()).data).toMatchObject({ action: "update", id: late.id });
    // Resumed from the id of "fast": exactly the slow one.
    const resumed = await subscribe({ lastEventId: fastMessage.id });
    const { replayed, ready } = await untilReady(resumed);
    expect(ids(replayed)).toEqual([late.id]);
    expect(ready.data).toEqual({ action: "ready", resumed: true });
  });
});

describe("an event written the way versions before migration 0019 wrote them (a rolling upgrade)", () => {
  it("is queued by the next sequencer run and numbered in insert order with the queued ones, once", async () => {
    const live = await subscribe();
    await live.next();
    const old = await tag("older-version");
    await live.next();
    // An instance still on the earlier version logs an unnumbered row in the log itself, with an id from the same
    // sequence the queue draws from; then this version writes.
    await t.sql`update tags set name = 'Renamed by the older version' where id = ${old.id}`;
    await t.sql`insert into live_events (resource, record_id, operation, before)
      values ('tags', ${old.id}, 'update', ${JSON.stringify({ id: old.id, name: old.name, slug: old.slug })}::jsonb)`;
    const newer = await tag("newer-version");
    await settleLiveEvents(t.db);

    // Delivered, in insert order: the older version's event first.
    expect((await live.next()).data).toMatchObject({ action: "update", id: old.id });
    expect((await live.next()).data).toMatchObject({ action: "create", id: newer.id });
    const rows = await t.db
      .select({ id: liveEvents.id, seq: liveEvents.seq, recordId: liveEvents.recordId })
      .from(liveEvents)
      .orderBy(asc(liveEvents.seq));
    expect(rows.filter((r) => r.seq === null)).toEqual([]);
    const mine = rows.filter((r) => r.recordId === old.id || r.recordId === newer.id).slice(-2);
    expect(mine.map((r) => r.recordId)).toEqual([old.id, newer.id]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });
});
