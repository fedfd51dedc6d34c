/**
 * What broke: the listener moved its cursor past a batch of events before delivering it, so a visibility query that
 * failed (the database restarting, or one subscriber's condition that PostgreSQL refused) lost the rest of the batch
 * for every subscriber, for good. Faults are injected through the listener's `beforeEvaluate` option, on a real
 * PostgreSQL: a connection failure is retried and the event delivered, once; a condition PostgreSQL refuses ends only
 * its own subscribers' streams, and they get the event when they resume.
 */
import { asc, eq, gt, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { liveEvents } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createCaller } from "@/server/router";
import { callers } from "@/server/testing";
import { createContext } from "@/server/trpc";
import type { Audience } from "./audience";
import type { LiveEvent } from "./events";
import { closeListener, listenerFor } from "./listener";
import { type Received, type Watcher, watch } from "./testing";
import type { LiveMessage } from "./types";

type Message = LiveMessage<Record<string, unknown>, string>;

let t: TestDatabase;
const watchers: Watcher<Message>[] = [];

/** The fault for the next visibility queries; `undefined` lets them run. */
let fault: ((audiences: readonly Audience[], event: LiveEvent) => Promise<void> | void) | undefined;
let queries = 0;

/** What postgres.js throws when the server goes away mid-query. */
const connectionClosed = () =>
  Object.assign(new Error("write CONNECTION_CLOSED localhost:5432"), { code: "CONNECTION_CLOSED" });

/** Subscribes to tags; by default once the listener has delivered what was written before. */
async function subscribe(input: Record<string, unknown> = {}, settle = true): Promise<Watcher<Message>> {
  if (settle) await listenerFor(t.db).caughtUp();
  const controller = new AbortController();
  const stream = await createCaller(createContext({ db: t.db }), { signal: controller.signal }).tags.onChange(input);
  const w = watch<Message>(stream, controller);
  watchers.push(w);
  return w;
}

async function ready(w: Watcher<Message>): Promise<Received<Message>> {
  const { skipped, hit } = await w.until((m) => m.data.action === "ready");
  expect(skipped).toEqual([]);
  return hit;
}

let tags = 0;
const tag = (slug = `tag-${++tags}`) => callers(t.db).system.tags.create({ name: slug, slug });

/** The tag events the log holds after `after`, as the ids a subscriber to every tag must have received. */
async function loggedAfter(after: string): Promise<string[]> {
  const rows = await t.db
    .select({ seq: liveEvents.seq })
    .from(liveEvents)
    .where(sql`${gt(liveEvents.seq, Number(after))} and ${eq(liveEvents.resource, "tags")}`)
    .orderBy(asc(liveEvents.seq));
  return rows.map((r) => String(r.seq));
}

beforeAll(async () => {
  t = await createTestDatabase();
  listenerFor(t.db, {
    pruneEveryMs: 0,
    beforeEvaluate: async (audiences, event) => {
      queries++;
      await fault?.(audiences, event);
    },
  });
});
afterEach(async () => {
  fault = undefined;
  await Promise.all(watchers.splice(0).map((w) => w.stop()));
});
afterAll(async () => {
  await closeListener(t.db);
  await t.drop();
});

describe("an event whose visibility query fails", () => {
  it("is retried and delivered when the database could not answer, not skipped, and the cursor waits for it", async () => {
    const w = await subscribe();
    const start = await ready(w);
    let failures = 0;
    fault = () => {
      if (failures++ === 0) throw connectionClosed();
    };
    const a = await tag();
    const b = await tag();
    const first = await w.next();
    const second = await w.next();
    expect([first.data, second.data]).toMatchObject([
      { action: "create", id: a.id },
      { action: "create", id: b.id },
    ]);
    expect(failures).toBeGreaterThan(1);
    // Every tag event after `ready`, in the log's order, none twice.
    expect([first.id, second.id]).toEqual(await loggedAfter(start.id));
    await listenerFor(t.db).caughtUp();
    expect(listenerFor(t.db).position).toBe(Number(second.id));
  });

  it("reaches a subscriber that joined during the retry exactly once (its replay), and the others once, live", async () => {
    const early = await subscribe();
    const since = await ready(early);
    // The first query for the next event hangs until released, then fails as if the connection dropped.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached: () => void = () => {};
    const reachedQuery = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let failed = false;
    fault = async (audiences) => {
      // Only the early subscriber's audience (no filter); the joiner's replay (a filter) passes.
      if (failed || audiences.some((a) => a.key.includes("tag-"))) return;
      failed = true;
      reached();
      await held;
      throw connectionClosed();
    };
    const a = await tag();
    await reachedQuery;
    // Joins while the listener holds event `a` undelivered, resuming from before it.
    const late = await subscribe({ filter: { slug: { startsWith: "tag-" } }, lastEventId: since.id }, false);
    const replayed = await late.next();
    expect(replayed.data).toMatchObject({ action: "create", id: a.id });
    expect((await late.next()).data).toEqual({ action: "ready", resumed: true });
    release();
    const b = await tag();
    expect((await early.next()).data).toMatchObject({ action: "create", id: a.id });
    expect((await early.next()).data).toMatchObject({ action: "create", id: b.id });
    expect((await late.next()).data).toMatchObject({ action: "create", id: b.id });
    await listenerFor(t.db).caughtUp();
    const changes = (w: Watcher<Message>) => w.received.filter((m) => m.data.action !== "ready").map((m) => m.id);
    expect(changes(early)).toEqual(await loggedAfter(since.id));
    expect(changes(late)).toEqual(await loggedAfter(since.id));
  });

  it("ends only the streams of an audience whose condition PostgreSQL refuses; they get the event when they resume", async () => {
    const healthy = await subscribe();
    await ready(healthy);
    const poisoned = await subscribe({ filter: { name: { startsWith: "poison" } } });
    const poisonedSince = await ready(poisoned);
    const alsoPoisoned = await subscribe({ filter: { name: { startsWith: "poison" } } });
    await ready(alsoPoisoned);
    // The poisoned audience's SQL fails at run time, in PostgreSQL: division by zero (22012).
    fault = async (audiences) => {
      if (audiences.some((a) => a.key.includes('"poison%"'))) await t.db.execute(sql`select 1 / 0`);
    };
    queries = 0;
    const p = await tag("poison-1");
    expect((await healthy.next(2_000)).data).toMatchObject({ action: "create", id: p.id });
    // Not silence: both poisoned streams end, with a retryable error.
    for (const w of [poisoned, alsoPoisoned]) {
      await expect(w.next(2_000)).rejects.toThrow(/stream ended.*could not be evaluated/);
    }
    // One query for both audiences, then one for each half.
    expect(queries).toBe(3);
    const q = await tag();
    expect((await healthy.next(2_000)).data).toMatchObject({ action: "create", id: q.id });

    fault = undefined;
    const resumed = await subscribe({ filter: { name: { startsWith: "poison" } }, lastEventId: poisonedSince.id });
    expect((await resumed.next()).data).toMatchObject({ action: "create", id: p.id });
    expect((await resumed.next()).data).toEqual({ action: "ready", resumed: true });
  });
});
