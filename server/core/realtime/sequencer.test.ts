/**
 * The sequencer's pacing (LIVE_SEQUENCE_GAP_MS): an instance that writes steadily numbers its events in runs at least
 * the gap apart, each taking what committed meanwhile, and numbers every one of them; counted by the NOTIFY each run
 * that numbered anything sends, on a real PostgreSQL.
 */
import { count } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { liveEvents, liveEventsQueue } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { LIVE_CHANNEL } from "./config";
import { LiveSequencer } from "./sequencer";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Writes `events` queued events one at a time, waking `sequencer` after each; returns how long the writing took. */
async function writeSteadily(sequencer: LiveSequencer, events: number, pauseMs: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < events; i++) {
    await t.db.insert(liveEventsQueue).values({ resource: "paced", recordId: `paced-${i}`, operation: "create" });
    sequencer.wake();
    await sleep(pauseMs);
  }
  return performance.now() - started;
}

async function runsWhile(write: () => Promise<number>): Promise<{ runs: number; tookMs: number }> {
  let runs = 0;
  const listening = await t.db.$client.listen(LIVE_CHANNEL, () => runs++);
  try {
    const tookMs = await write();
    return { runs, tookMs };
  } finally {
    await listening.unlisten();
  }
}

it("numbers a steady stream of writes in runs at least the gap apart, and every event of it", async () => {
  const gapMs = 200;
  const sequencer = new LiveSequencer(t.db, gapMs);
  const events = 60;
  const { runs, tookMs } = await runsWhile(async () => {
    const took = await writeSteadily(sequencer, events, 10);
    await sleep(gapMs + 100); // the run the last wake asked for
    await sequencer.settle();
    await sleep(100); // its NOTIFY reaching this connection
    return took;
  });
  sequencer.stop();

  // A run every 10 ms or so without the gap; with it, one per gap of writing, and the one after the last write.
  expect(runs, `runs over ${Math.round(tookMs)} ms of writing`).toBeLessThanOrEqual(Math.ceil(tookMs / gapMs) + 2);
  expect(runs).toBeGreaterThan(0);
  const [queued] = await t.db.select({ n: count() }).from(liveEventsQueue);
  const [numbered] = await t.db.select({ n: count() }).from(liveEvents);
  expect({ queued: queued?.n, numbered: numbered?.n }).toEqual({ queued: 0, numbered: events });
});

it("with no gap, runs as often as the writes wake it: what the gap saves", async () => {
  const sequencer = new LiveSequencer(t.db, 0);
  const { runs, tookMs } = await runsWhile(async () => {
    const took = await writeSteadily(sequencer, 30, 20);
    await sequencer.settle();
    await sleep(100);
    return took;
  });
  sequencer.stop();
  // Each write is numbered before the next (a 5 ms delay, a 20 ms pause): nearly a run per write.
  expect(runs, `runs over ${Math.round(tookMs)} ms of writing`).toBeGreaterThan(Math.ceil(tookMs / 200) + 2);
});
