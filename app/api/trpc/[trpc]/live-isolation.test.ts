/**
 * One live subscriber cannot hurt the others (issue 12), through the real route handler's SSE responses on a real
 * PostgreSQL. 100 subscribers in five audiences (anonymous from 60 addresses, four members with 10 streams each)
 * watch a run of writes, first alone (the baseline), then beside hostile ones: a member whose audience's SQL fails at
 * run time in PostgreSQL (injected through the listener's `beforeEvaluate`; it reconnects with Last-Event-ID every
 * 500 ms, as EventSource would), hostile inputs (NUL, nesting past the limit, prototype keys), and a subscriber that
 * never reads while megabytes are written for it. Every one of the 100 gets every event of its audience, in order,
 * exactly once: its ids equal the live_events log's. Latencies are printed (not asserted beyond "arrives within
 * 10 s"): compare the two phases.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { liveEvents, posts } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { parseEvent, type SseEvent } from "@/e2e/support/sse";
import { createUserWithPassword, signInCookie } from "@/server/auth/testing";
import { LIVE_STREAM_BUFFER_BYTES } from "@/server/core/realtime/config";
import { closeListener, listenerFor } from "@/server/core/realtime/listener";

type Rec = Record<string, unknown>;
const PASSWORD = "correct horse battery staple";
const ARRIVES_WITHIN_MS = 10_000;
/** Writes per phase; each is awaited by all 100 before the next. */
const WRITES = 20;
/** Every watched post's title starts so: the 100 filter on it, so the fat post's megabytes reach only the slow one. */
const WATCHED = "Iso ";

let t: TestDatabase;
let route: typeof import("./route");
let poisonedUser = "";

/** An event stream read as it arrives, each event stamped with when it was parsed. */
class Stream {
  readonly events: (SseEvent & { at: number })[] = [];
  /** The `message` events, decoded as they arrive. */
  readonly decoded: { id: string | undefined; data: Rec; at: number }[] = [];
  bytes = 0;
  ended = false;
  error: unknown;
  private taken = 0;
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  constructor(
    readonly status: number,
    private readonly body: ReadableStream<Uint8Array> | null,
    private readonly controller: AbortController,
  ) {
    void this.pump();
  }

  private async pump() {
    if (!this.body) {
      this.ended = true;
      return;
    }
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = this.body.getReader();
    this.reader = reader;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.bytes += value.byteLength;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const event = parseEvent(buffer.slice(0, end));
          if (event && event.event !== "ping") {
            const at = performance.now();
            this.events.push({ ...event, at });
            if (event.event === "message") {
              this.decoded.push({ id: event.id, data: superjson.deserialize(JSON.parse(event.data)) as Rec, at });
            }
          }
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (error) {
      this.error = error;
    } finally {
      this.ended = true;
    }
  }

  /** The next event (waits up to `timeoutMs`). */
  async next(timeoutMs = ARRIVES_WITHIN_MS): Promise<SseEvent & { at: number }> {
    await vi.waitFor(
      () => {
        if (this.events.length <= this.taken && this.ended) throw new Error("stream ended");
        expect(this.events.length).toBeGreaterThan(this.taken);
      },
      { timeout: timeoutMs, interval: 2 },
    );
    return this.events[this.taken++] as SseEvent & { at: number };
  }

  /** Live messages received (not `connected`), decoded. */
  messages(): { id: string | undefined; data: Rec; at: number }[] {
    return this.decoded;
  }

  close() {
    this.controller.abort();
    void this.reader?.cancel().catch(() => {});
  }
}

/** Sessions, and the address an anonymous client comes from (the live stream cap counts per user, else per IP). */
const who: Record<string, Record<string, string>> = {};
const streams: Stream[] = [];

/** GET /api/trpc/posts.onChange as EventSource does; `input` is the raw `?input=` text, to send hostile ones too. */
async function request(headers: Record<string, string>, input: string, lastEventId?: string) {
  const controller = new AbortController();
  const res = await route.GET(
    new Request(`http://localhost/api/trpc/posts.onChange?input=${encodeURIComponent(input)}`, {
      headers: { ...headers, accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
      signal: controller.signal,
    }),
  );
  return { res, controller };
}

/** A stream read as it arrives. */
async function open(headers: Record<string, string>, input: string, lastEventId?: string): Promise<Stream> {
  const { res, controller } = await request(headers, input, lastEventId);
  const stream = new Stream(res.status, res.body, controller);
  streams.push(stream);
  return stream;
}

const inputOf = (input: Rec) => JSON.stringify(superjson.serialize(input));
const watched = inputOf({ filter: { title: { startsWith: WATCHED } } });

/** Opens a stream and reads through `connected` and `ready`; returns it and the id it is current to. */
async function subscribe(headers: Record<string, string>, input = watched) {
  const stream = await open(headers, input);
  expect(stream.status).toBe(200);
  expect((await stream.next()).event).toBe("connected");
  const ready = await stream.next();
  expect(superjson.deserialize(JSON.parse(ready.data))).toMatchObject({ action: "ready" });
  return { stream, readyId: Number(ready.id) };
}

async function mutate(path: string, input: unknown): Promise<Rec> {
  const res = await route.POST(
    new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { ...who.author, "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(input)),
    }),
  );
  const body = (await res.json()) as { result?: { data: Parameters<typeof superjson.deserialize>[0] } };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return superjson.deserialize(body.result?.data as Parameters<typeof superjson.deserialize>[0]) as Rec;
}

let posted = 0;
const watchedIds: string[] = [];
async function writeWatched(): Promise<{ id: string; at: number }> {
  const post = await mutate("posts.create", {
    title: `${WATCHED}post ${++posted}`,
    body: "Everyone may read this.",
    status: "published",
  });
  watchedIds.push(post.id as string);
  return { id: post.id as string, at: performance.now() };
}

/** Waits until every subscriber has the message of `id`, and returns each one's latency from the write's answer. */
async function latencies(subscribers: Stream[], write: { id: string; at: number }): Promise<number[]> {
  const out: number[] = [];
  for (const s of subscribers) {
    await vi.waitFor(() => expect(s.messages().some((m) => m.data.id === write.id)).toBe(true), {
      timeout: ARRIVES_WITHIN_MS,
      interval: 2,
    });
    const hit = s.messages().find((m) => m.data.id === write.id);
    out.push((hit?.at ?? write.at) - write.at);
  }
  return out;
}

function summary(name: string, ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.toFixed(1);
  return `${name}: ${ms.length} deliveries, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`;
}

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  // Before any stream: the one listener of this pool fails, in PostgreSQL, every query that evaluates an event for
  // the poisoned member's audience (as a list rule that divides by zero for one actor would).
  listenerFor(getDb(), {
    beforeEvaluate: async (audiences) => {
      if (poisonedUser && audiences.some((a) => a.key.includes(poisonedUser))) await getDb().execute(sql`select 1 / 0`);
    },
  });
  route = await import("./route");
  const people = ["author", "m1", "m2", "m3", "m4", "poisoned"];
  for (const name of people) {
    const user = await createUserWithPassword(
      t.db,
      { name: `User ${name}`, email: `${name}@isolation.test`, role: "member" },
      PASSWORD,
    );
    if (name === "poisoned") poisonedUser = user.id;
    who[name] = { cookie: await signInCookie(t.db, user.email, PASSWORD) };
  }
});
afterAll(async () => {
  for (const s of streams) s.close();
  await closeListener(getDb());
  await t.drop();
});

describe("live isolation", () => {
  it("delivers every event to 100 subscribers, in order and once, beside a failing audience, hostile inputs and a reader that never reads", async () => {
    const listener = listenerFor(getDb());
    await listener.caughtUp();
    const hundred: { stream: Stream; readyId: number }[] = [];
    for (let i = 0; i < 60; i++) hundred.push(await subscribe({ "x-forwarded-for": `203.0.113.${i + 1}` }));
    for (const member of ["m1", "m2", "m3", "m4"]) {
      for (let i = 0; i < 10; i++) hundred.push(await subscribe(who[member] as Record<string, string>));
    }
    const readers = hundred.map((h) => h.stream);

    // Baseline: the 100 alone.
    const baseline: number[] = [];
    for (let i = 0; i < WRITES; i++) baseline.push(...(await latencies(readers, await writeWatched())));

    // The fat post: published, then a megabyte body written behind the engine's back (no event), so every later
    // event of it carries that body to whoever may see it: only the slow reader, which has no filter.
    const fat = await mutate("posts.create", { title: "Fat post", body: "Soon very large.", status: "published" });
    const fatBytes = Math.ceil(LIVE_STREAM_BUFFER_BYTES / 4);
    await t.db.execute(sql`update ${posts} set body = repeat('x', ${fatBytes}) where ${posts.id} = ${fat.id}`);

    // The hostile ones.
    // Never read, never cancelled (until the very end).
    const slow = await request({ "x-forwarded-for": "198.51.100.7" }, inputOf({}));
    expect(slow.res.status).toBe(200);
    const hostile = {
      nul: await open({ "x-forwarded-for": "198.51.100.8" }, inputOf({ filter: { title: { eq: "a\u0000b" } } })),
      deep: await open(
        { "x-forwarded-for": "198.51.100.9" },
        inputOf({
          filter: { not: { not: { not: { not: { not: { not: { not: { not: { title: { eq: "x" } } } } } } } } } },
        }),
      ),
      proto: await open(
        { "x-forwarded-for": "198.51.100.10" },
        '{"json":{"filter":{"__proto__":{"title":{"eq":"x"}}}}}',
      ),
      ctor: await open({ "x-forwarded-for": "198.51.100.11" }, '{"json":{"filter":{"constructor":{"eq":1}}}}'),
    };
    const poisoned = await subscribe(who.poisoned as Record<string, string>);
    // The poisoned client reconnects as EventSource does: 500 ms after its stream ends, with its last id.
    let reconnecting = true;
    const poisonedStreams = [poisoned.stream];
    const reconnects = (async () => {
      let lastId = String(poisoned.readyId);
      for (;;) {
        const current = poisonedStreams.at(-1) as Stream;
        await vi.waitFor(() => expect(current.ended || !reconnecting).toBe(true), { timeout: 60_000, interval: 5 });
        if (!reconnecting) return;
        lastId = current.events.findLast((e) => e.id !== undefined)?.id ?? lastId;
        await new Promise((resolve) => setTimeout(resolve, 500));
        poisonedStreams.push(await open(who.poisoned as Record<string, string>, watched, lastId));
      }
    })();

    // Writes right behind a fat one wait for it in event order (its megabyte is read and framed): counted apart.
    const hostilePhase: number[] = [];
    const behindFat: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const fatFirst = i % 3 === 0;
      if (fatFirst) await mutate("posts.update", { id: fat.id, data: { title: `Fat post ${i}` } });
      (fatFirst ? behindFat : hostilePhase).push(...(await latencies(readers, await writeWatched())));
    }
    // An update of a watched post, too: the 100 get it as an update.
    await mutate("posts.update", { id: watchedIds[0], data: { title: `${WATCHED}post 1, renamed` } });
    await listener.caughtUp();
    await vi.waitFor(() => expect(readers.every((r) => r.messages().at(-1)?.data.action === "update")).toBe(true), {
      timeout: ARRIVES_WITHIN_MS,
    });
    // At least one reconnect's replay has failed too (a resume cannot evaluate the poisoned audience either).
    await vi.waitFor(() => expect(poisonedStreams.filter((s) => s.ended).length).toBeGreaterThan(1), {
      timeout: ARRIVES_WITHIN_MS,
    });
    reconnecting = false;
    await reconnects;

    // No event lost for anyone: each of the 100 received exactly the log's events of the watched posts after its
    // `ready`, in order, none twice, and its stream is still open.
    const logged = await t.db
      .select({ seq: liveEvents.seq, recordId: liveEvents.recordId })
      .from(liveEvents)
      .where(and(eq(liveEvents.resource, "posts"), inArray(liveEvents.recordId, watchedIds)))
      .orderBy(asc(liveEvents.seq));
    for (const { stream, readyId } of hundred) {
      const expected = logged.filter((e) => Number(e.seq) > readyId).map((e) => String(e.seq));
      const got = stream.messages().filter((m) => m.data.action !== "ready");
      expect(got.map((m) => m.id)).toEqual(expected);
      expect(stream.ended).toBe(false);
    }
    expect(logged.length).toBe(2 * WRITES + 1);

    // The failing audience: its streams ended (not silence), again and again, and never carried a post.
    const poisonedEnds = poisonedStreams.filter((s) => s.ended).length;
    for (const s of poisonedStreams) expect(s.messages().filter((m) => m.data.action !== "ready")).toEqual([]);
    // The reader that never read: ended once it held more than its byte budget, its buffer dropped (an error, not a
    // graceful end that would keep megabytes queued until read): what is left to read is far below the budget.
    const drained = new Stream(200, slow.res.body, slow.controller);
    await vi.waitFor(() => expect(drained.ended).toBe(true), { timeout: ARRIVES_WITHIN_MS });
    expect(drained.error).toBeDefined();
    expect(drained.bytes).toBeLessThan(LIVE_STREAM_BUFFER_BYTES / 2);
    // Hostile input: refused before any stream (4xx), or a stream that ended; never a 5xx.
    const outcomes = Object.entries(hostile).map(([name, s]) => `${name}: ${s.status}${s.ended ? " (ended)" : ""}`);
    for (const s of Object.values(hostile)) expect(s.status).toBeLessThan(500);

    const [all] = await t.db.select({ n: sql<number>`count(*)::int` }).from(liveEvents);
    console.log(
      [
        "[live isolation]",
        summary("baseline (100 subscribers alone)", baseline),
        summary("beside the hostile subscribers", hostilePhase),
        summary("right behind a 1 MiB event for the slow reader", behindFat),
        `poisoned stream ended ${poisonedEnds} times; hostile inputs: ${outcomes.join(", ")}; events logged: ${all?.n}`,
      ].join("\n  "),
    );

    for (const s of streams) s.close();
    await vi.waitFor(() => expect(listener.subscriberCount).toBe(0), { timeout: 5_000 });
  });
});
