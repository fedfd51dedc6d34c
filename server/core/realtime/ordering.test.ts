/**
 * The live event log without a global lock on the write path (docs/decisions/027-write-path.md): 32 writers on two
 * instances, subscribers on both, writers killed mid-transaction meanwhile. Every subscriber must get every event
 * that committed exactly once, in id order, and that order must agree with commit order: a write acknowledged before
 * another began comes first, and the writes of one record come in the order they were made.
 */
import { and, asc, eq, gt, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/db/client";
import { liveEvents, tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createCaller } from "@/server/router";
import { callers } from "@/server/testing";
import { createContext } from "@/server/trpc";
import type { Transaction } from "../executor";
import { latestEventId } from "./events";
import { closeListener, listenerFor } from "./listener";
import { settleLiveEvents } from "./sequencer";
import { type Watcher, watch } from "./testing";
import type { LiveMessage } from "./types";

type Message = LiveMessage<Record<string, unknown>, string>;

const WRITERS = 32;
const RECORDS_PER_WRITER = 2;
const UPDATES_PER_RECORD = 5;
const SUBSCRIBERS_PER_INSTANCE = 3;
const DOOMED_WRITERS = 4;

let t: TestDatabase;
let second: ReturnType<typeof createDatabase>;
let doomed: ReturnType<typeof createDatabase>;
let instances: Database[];
const watchers: Watcher<Message>[] = [];

/** One acknowledged write: which record, its how-many-th change, and when it was sent and acknowledged. */
interface Write {
  recordId: string;
  nth: number;
  sent: number;
  acknowledged: number;
}

async function subscribeOn(db: Database): Promise<Watcher<Message>> {
  await listenerFor(db).caughtUp();
  const controller = new AbortController();
  const context = createContext({ db, actor: { kind: "system", reason: "ordering test" } });
  const stream = await createCaller(context, { signal: controller.signal }).tags.onChange({});
  const w = watch<Message>(stream, controller);
  watchers.push(w);
  expect((await w.next()).data).toMatchObject({ action: "ready" });
  return w;
}

/** A writer: creates its records, then changes them in turn, one write at a time, noting each one's times. */
async function writer(db: Database, n: number, out: Write[]) {
  const api = callers(db).system;
  const mine: string[] = [];
  const timed = async (recordId: () => Promise<string>, nth: number) => {
    const sent = performance.now();
    const id = await recordId();
    out.push({ recordId: id, nth, sent, acknowledged: performance.now() });
    return id;
  };
  for (let r = 0; r < RECORDS_PER_WRITER; r++) {
    mine.push(
      await timed(async () => (await api.tags.create({ name: `W${n} R${r}`, slug: `ordering-w${n}-r${r}` })).id, 0),
    );
  }
  for (let u = 1; u <= UPDATES_PER_RECORD; u++) {
    for (const [r, id] of mine.entries()) {
      await timed(async () => (await api.tags.update({ id, data: { name: `W${n} R${r} v${u}` } })).id, u);
    }
  }
}

/**
 * A writer that dies mid-transaction: its engine write has inserted its row, audit entry and live event when its
 * backend is terminated, so the transaction never commits. None of it may ever reach a subscriber.
 */
async function dyingWriter(n: number, rounds: number, stop: () => boolean) {
  for (let i = 0; i < rounds && !stop(); i++) {
    await doomed.db
      .transaction(async (tx: Transaction) => {
        await callers(tx as unknown as Database).system.tags.create({
          name: `Doomed ${n}.${i}`,
          slug: `doomed-${n}-${i}`,
        });
        await tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
      })
      .then(
        () => {
          throw new Error("a transaction whose backend was terminated committed");
        },
        () => undefined,
      );
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  second = createDatabase(t.url, { max: 10 });
  doomed = createDatabase(t.url, { max: 4 });
  instances = [t.db, second.db];
});
afterAll(async () => {
  await Promise.all(watchers.map((w) => w.stop()));
  await Promise.all(instances.map((db) => closeListener(db)));
  await Promise.all([second.close(), doomed.close()]);
  await t.drop();
});

describe("the live event log under concurrent writers, without a global write lock", () => {
  it("takes no lock at COMMIT: the table has no commit trigger left", async () => {
    const [row] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_trigger where tgrelid = 'live_events'::regclass and not tgisinternal`,
    );
    expect(row?.n).toBe(0);
  });

  it("gives every subscriber on both instances every committed event exactly once, in commit order", async () => {
    const subscribers = (
      await Promise.all(
        instances.map((db) => Promise.all(Array.from({ length: SUBSCRIBERS_PER_INSTANCE }, () => subscribeOn(db)))),
      )
    ).flat();
    const start = await latestEventId(t.db);

    const writes: Write[] = [];
    let writing = true;
    const dying = Array.from({ length: DOOMED_WRITERS }, (_, n) => dyingWriter(n, 10, () => !writing));
    await Promise.all(Array.from({ length: WRITERS }, (_, n) => writer(instances[n % 2] as Database, n, writes)));
    writing = false;
    await Promise.all(dying);

    // What committed, as the log has it once numbered: the truth each subscriber is held to.
    await settleLiveEvents(t.db);
    const log = await t.db
      .select({ seq: liveEvents.seq, recordId: liveEvents.recordId })
      .from(liveEvents)
      .where(and(eq(liveEvents.resource, "tags"), gt(liveEvents.seq, start)))
      .orderBy(asc(liveEvents.seq));
    expect(log).toHaveLength(WRITERS * RECORDS_PER_WRITER * (1 + UPDATES_PER_RECORD));

    for (const w of subscribers) {
      const got: Awaited<ReturnType<typeof w.next>>[] = [];
      for (let k = 0; k < log.length; k++) got.push(await w.next(15_000));
      // Exactly the committed events, each once, in id order: no gap, no duplicate, nothing extra.
      expect(got.map((m) => Number(m.id))).toEqual(log.map((e) => e.seq));
      expect(got.map((m) => (m.data as { id?: string }).id)).toEqual(log.map((e) => e.recordId));
    }

    // Nothing of the writers that died mid-transaction committed, let alone reached anyone.
    expect(await t.db.select({ id: tags.id }).from(tags).where(like(tags.slug, "doomed-%"))).toEqual([]);

    // Commit order: the nth change of a record is the nth event of that record ...
    const seqOf = new Map<string, number>();
    const perRecord = new Map<string, number>();
    for (const e of log) {
      const nth = perRecord.get(e.recordId) ?? 0;
      perRecord.set(e.recordId, nth + 1);
      seqOf.set(`${e.recordId}#${nth}`, e.seq as number);
    }
    const seq = (w: Write) => seqOf.get(`${w.recordId}#${w.nth}`) as number;
    expect(writes.every((w) => seqOf.has(`${w.recordId}#${w.nth}`))).toBe(true);
    // ... and a write acknowledged before another was sent has the smaller id, across writers and instances.
    const byAck = [...writes].sort((a, b) => a.acknowledged - b.acknowledged);
    const bySent = [...writes].sort((a, b) => a.sent - b.sent);
    let maxSeqAcknowledged = 0;
    let i = 0;
    const violations: string[] = [];
    for (const w of bySent) {
      for (; i < byAck.length && (byAck[i] as Write).acknowledged < w.sent; i++) {
        maxSeqAcknowledged = Math.max(maxSeqAcknowledged, seq(byAck[i] as Write));
      }
      if (seq(w) <= maxSeqAcknowledged) violations.push(`${w.recordId}#${w.nth} got ${seq(w)}`);
    }
    expect(violations).toEqual([]);
  });
});
