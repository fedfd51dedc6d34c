/**
 * Two app instances on one PostgreSQL, simulated in one process by two separate pools (each with its own listener
 * on its own LISTEN connection): a write through either reaches every subscriber on both, once, within a second,
 * and each instance holds one listening connection however many subscribers it serves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createCaller } from "@/server/router";
import { callers } from "@/server/testing";
import { createContext } from "@/server/trpc";
import { LIVE_CHANNEL } from "./config";
import { closeListener, listenerFor } from "./listener";
import { type Watcher, watch } from "./testing";
import type { LiveMessage } from "./types";

type Message = LiveMessage<Record<string, unknown>, string>;
const PER_INSTANCE = 25;

let t: TestDatabase;
let second: ReturnType<typeof createDatabase>;
let instances: Database[];
const watchers: Watcher<Message>[] = [];

async function subscribeOn(db: Database): Promise<Watcher<Message>> {
  await listenerFor(db).caughtUp();
  const controller = new AbortController();
  const stream = await createCaller(createContext({ db }), { signal: controller.signal }).tags.onChange({});
  const w = watch<Message>(stream, controller);
  watchers.push(w);
  expect((await w.next()).data).toMatchObject({ action: "ready", resumed: false });
  return w;
}

beforeAll(async () => {
  t = await createTestDatabase();
  second = createDatabase(t.url, { max: 5 });
  instances = [t.db, second.db];
});
afterAll(async () => {
  await Promise.all(watchers.map((w) => w.stop()));
  await Promise.all(instances.map((db) => closeListener(db)));
  await second.close();
  await t.drop();
});

describe("fan-out across instances", () => {
  it("delivers a write through either instance to every subscriber on both, exactly once, within a second", async () => {
    const [a, b] = await Promise.all(
      instances.map((db) => Promise.all(Array.from({ length: PER_INSTANCE }, () => subscribeOn(db)))),
    );
    const everyone = [...(a ?? []), ...(b ?? [])];

    const started = Date.now();
    const viaA = await callers(t.db).system.tags.create({ name: "Through A", slug: "through-a" });
    const viaB = await callers(second.db).system.tags.create({ name: "Through B", slug: "through-b" });
    const first = await Promise.all(everyone.map((w) => w.next(1_000)));
    const then = await Promise.all(everyone.map((w) => w.next(1_000)));
    expect(Date.now() - started).toBeLessThan(1_000);
    for (const [i, m] of first.entries()) {
      expect(m.data).toMatchObject({ action: "create", id: viaA.id });
      // The write through B follows, with a later id: nothing was delivered twice in between.
      expect(then[i]?.data).toMatchObject({ action: "create", id: viaB.id });
      expect(Number(then[i]?.id)).toBeGreaterThan(Number(m.id));
    }
    // Every subscriber saw the same ids for the same events, whichever instance it is on.
    expect(new Set(first.map((m) => m.id)).size).toBe(1);
  });

  it("holds one LISTEN connection per instance, not one per subscriber", async () => {
    expect(listenerFor(t.db).subscriberCount).toBeGreaterThanOrEqual(PER_INSTANCE);
    expect(listenerFor(second.db).subscriberCount).toBeGreaterThanOrEqual(PER_INSTANCE);
    const rows = await t.sql`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and query ilike ${`listen%${LIVE_CHANNEL}%`}`;
    expect(rows[0]?.n).toBe(2);
  });
});
