/**
 * The retention window: events older than it are pruned (a prefix of ids, recorded as the horizon), a client whose
 * last id is older than the horizon is told to refetch instead of getting an incomplete replay, and each listener
 * prunes on its own timer, one instance at a time.
 */
import { inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { liveEventHorizon, liveEvents } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createCaller } from "@/server/router";
import { callers } from "@/server/testing";
import { createContext } from "@/server/trpc";
import { LIVE_RETENTION_MS } from "./config";
import { pruneEvents } from "./events";
import { closeListener, LiveListener, listenerFor } from "./listener";
import { settleLiveEvents } from "./sequencer";
import { type Watcher, watch } from "./testing";
import type { LiveMessage } from "./types";

type Message = LiveMessage<Record<string, unknown>, string>;

let t: TestDatabase;
const watchers: Watcher<Message>[] = [];
let serial = 0;

/** A committed tag change and its event id. */
async function event(): Promise<number> {
  const n = ++serial;
  const created = await callers(t.db).system.tags.create({ name: `Kept ${n}`, slug: `kept-${n}` });
  await settleLiveEvents(t.db);
  const [row] = await t.db
    .select({ seq: liveEvents.seq })
    .from(liveEvents)
    .where(sql`${liveEvents.recordId} = ${created.id}`);
  return row?.seq as number;
}

/** Pretends these events committed `minutes` ago. */
async function age(seqs: number[], minutes: number) {
  await t.db
    .update(liveEvents)
    .set({ committedAt: sql`now() - make_interval(mins => ${minutes})` })
    .where(inArray(liveEvents.seq, seqs));
}

async function resumeFrom(lastEventId: number) {
  await listenerFor(t.db).caughtUp();
  const controller = new AbortController();
  const caller = createCaller(createContext({ db: t.db }), { signal: controller.signal });
  const w = watch<Message>(await caller.tags.onChange({ lastEventId: String(lastEventId) }), controller);
  watchers.push(w);
  return w.until((m) => m.data.action === "ready");
}

const horizon = async () => (await t.db.select().from(liveEventHorizon))[0]?.prunedThrough;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.stop()));
});
afterAll(async () => {
  await closeListener(t.db);
  await t.drop();
});

describe("retention", () => {
  it("prunes events older than the window, raises the horizon, and keeps the rest resumable", async () => {
    const [e1, e2, e3, e4] = [await event(), await event(), await event(), await event()];
    await age([e1 as number, e2 as number], 20);
    await age([e3 as number], 10);

    expect(await pruneEvents(t.db, LIVE_RETENTION_MS)).toBe(2);
    const left = await t.db.select({ seq: liveEvents.seq }).from(liveEvents);
    expect(left.map((r) => r.seq).sort()).toEqual([e3, e4]);
    expect(await horizon()).toBe(e2);
    expect(await pruneEvents(t.db, LIVE_RETENTION_MS)).toBe(0);

    // Older than the horizon: no partial replay, a request to refetch.
    const stale = await resumeFrom(e1 as number);
    expect(stale.skipped).toEqual([]);
    expect(stale.hit.data).toEqual({ action: "ready", resumed: false });
    // At the horizon: everything after it is still there.
    const fresh = await resumeFrom(e2 as number);
    expect(fresh.skipped.map((m) => Number(m.id))).toEqual([e3, e4]);
    expect(fresh.hit.data).toEqual({ action: "ready", resumed: true });
  });

  it("lets one instance prune at a time; the others skip the round", async () => {
    const seqs = [await event(), await event(), await event()];
    // Commit times rise with ids (both are stamped by the sequencer, under its lock), so age everything logged so far.
    const all = (await t.db.select({ seq: liveEvents.seq }).from(liveEvents)).map((r) => r.seq as number);
    await age(all, 30);
    const removed = await Promise.all([
      pruneEvents(t.db, LIVE_RETENTION_MS),
      pruneEvents(t.db, LIVE_RETENTION_MS),
      pruneEvents(t.db, LIVE_RETENTION_MS),
    ]);
    expect(removed.reduce((a, b) => a + b, 0)).toBe(all.length);
    expect(removed.filter((n) => n > 0)).toHaveLength(1);
    expect(await horizon()).toBe(Math.max(...seqs));
  });

  it("prunes on each listener's timer", async () => {
    const seq = await event();
    await age([seq], 2);
    const listener = new LiveListener(t.db, { retentionMs: 60_000, pruneEveryMs: 20 });
    await listener.start();
    try {
      for (let i = 0; i < 100 && (await horizon()) !== seq; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await horizon()).toBe(seq);
    } finally {
      await listener.stop();
    }
  });
});
