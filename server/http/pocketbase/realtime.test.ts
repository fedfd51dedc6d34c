/**
 * /api/realtime through a real HTTP server on a real PostgreSQL, driven by the unmodified PocketBase SDK (its
 * EventSource is the `eventsource` package's, standard like a browser's; Node 20 has none of its own): PB_CONNECT and its client id, `posts/*` and
 * `posts/<id>` receiving writes by another user as PocketBase records, the engine's rules on every event (a member
 * never sees another's draft, nor anything of a record they may not read), unsubscribing, bad topics and unknown
 * clients refused with nothing changed, PocketBase's auth rule between connection and POST, the per-client stream
 * slot given back on disconnect, and a POST that reaches another instance than the stream's.
 * "Nothing arrives" is proven with a sentinel: events reach a client in commit order, so when the sentinel's event
 * arrives, anything written before it that was going to arrive has.
 */
import { eq } from "drizzle-orm";
import { EventSource } from "eventsource";
import fc from "fast-check";
import PocketBase, { type RecordSubscription } from "pocketbase";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/db/client";
import { realtimeClients } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createApiToken, createUserWithPassword } from "@/server/auth/testing";
import { closeListener, listenerFor } from "@/server/core/realtime/listener";
import type { AppUser } from "@/server/resources";
import { callers } from "@/server/testing";
import { LiveSlots } from "../live-slots";
import { SharedRateLimiter } from "../rate-limit";
import { openSse, type SseReader, serve, type TestServer } from "./realtime-testing";

type Rec = Record<string, unknown>;
type Event = RecordSubscription<Rec>;

let t: TestDatabase;
let second: ReturnType<typeof createDatabase>;
let realtime: typeof import("./realtime");
let hub: typeof import("./realtime-hub");
let server: TestServer;
let other: TestServer;
let author: AppUser;
let member: AppUser;
let memberToken: string;
let authorToken: string;
const clients: PocketBase[] = [];
const limiters: SharedRateLimiter[] = [];
const readers: SseReader[] = [];

const NO_LIMITS = { perIp: 1_000_000, perUser: 1_000_000 };

/** A handler of one simulated instance, with a rate limiter the test stops before its pool closes. */
function handlerOn(
  database: TestDatabase["db"],
  options: Omit<Parameters<typeof realtime.createRealtimeHandler>[0], "database"> = {},
) {
  const limiter = new SharedRateLimiter(() => database);
  limiters.push(limiter);
  return realtime.createRealtimeHandler({ database, limiter, limits: NO_LIMITS, ...options });
}

/** A PocketBase SDK client signed in with an API token (the SDK sends its token as the Authorization header). */
function sdk(token: string | null, baseUrl = server.url): PocketBase {
  const pb = new PocketBase(baseUrl);
  pb.autoCancellation(false);
  if (token) pb.authStore.save(`Bearer ${token}`, null);
  clients.push(pb);
  return pb;
}

/** Collects a subscription's events; `until` waits for one that matches. */
function collector() {
  const events: Event[] = [];
  let wake: (() => void) | undefined;
  return {
    events,
    push: (e: Event) => {
      events.push(e);
      wake?.();
    },
    async until(match: (e: Event) => boolean, timeoutMs = 5_000): Promise<Event> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = events.find(match);
        if (hit) return hit;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
  };
}

const settle = () => listenerFor(t.db).caughtUp();

let sentinels = 0;
async function sentinelTag(): Promise<string> {
  const n = ++sentinels;
  return (await callers(t.db).system.tags.create({ name: `Sentinel ${n}`, slug: `sentinel-${n}` })).id;
}

const publish = (title: string) =>
  callers(t.db).as(author).posts.create({ title, body: "A body long enough to be valid.", status: "published" });

async function post(clientId: string, subscriptions: unknown, headers: Record<string, string> = {}, base = server.url) {
  const response = await fetch(`${base}/api/realtime`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ clientId, subscriptions }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Rec) : null };
}

async function rowOf(clientId: string) {
  const [row] = await t.db.select().from(realtimeClients).where(eq(realtimeClients.id, clientId));
  return row;
}

/** A raw stream: PB_CONNECT read, its client id returned. */
async function connectRaw(base = server.url, headers: Record<string, string> = {}) {
  const reader = await openSse(`${base}/api/realtime`, headers);
  if (reader instanceof Response) throw new Error(`connect refused: ${reader.status}`);
  readers.push(reader);
  const first = await reader.next();
  expect(first.event).toBe("PB_CONNECT");
  return { reader, clientId: first.id };
}

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  (globalThis as { EventSource?: unknown }).EventSource = EventSource;
  realtime = await import("./realtime");
  hub = await import("./realtime-hub");
  second = createDatabase(t.url, { max: 5 });
  server = await serve(handlerOn(t.db));
  // Another app instance on the same PostgreSQL: its own pool, listener and hub.
  other = await serve(handlerOn(second.db));
  author = await createUserWithPassword(t.db, { name: "Ann Author", email: "ann@realtime.test", role: "member" }, "pw");
  member = await createUserWithPassword(t.db, { name: "Mo Member", email: "mo@realtime.test", role: "member" }, "pw");
  authorToken = await createApiToken(t.db, author.id, { scope: "read" });
  memberToken = await createApiToken(t.db, member.id, { scope: "read" });
}, 60_000);

afterEach(async () => {
  await Promise.all(clients.splice(0).map((pb) => pb.realtime.unsubscribe().catch(() => {})));
  for (const reader of readers.splice(0)) reader.close();
});

afterAll(async () => {
  await Promise.all([server?.close(), other?.close()]);
  for (const limiter of limiters) limiter.stop();
  await Promise.all([hub?.closeHub(t.db), hub?.closeHub(second.db)]);
  await Promise.all([closeListener(t.db), closeListener(second.db)]);
  await second?.close();
  await t?.drop();
});

describe("GET /api/realtime", () => {
  it("sends PB_CONNECT first, with the client id as the SSE id and in the data", async () => {
    const { reader, clientId } = await connectRaw();
    expect(clientId).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(JSON.parse(reader.events[0]?.data ?? "")).toEqual({ clientId });
    expect((await rowOf(clientId))?.subscriptions).toEqual([]);

    const pb = sdk(null);
    const connected = collector();
    await pb.realtime.subscribe("PB_CONNECT", (e: Event) => connected.push(e));
    const event = await connected.until(() => true);
    expect(event).toEqual({ clientId: pb.realtime.clientId });
    expect(pb.realtime.clientId).toMatch(/^[A-Za-z0-9]{40}$/);
  });
});

describe("subscriptions through the PocketBase SDK", () => {
  it("sends create, update and delete by another user on posts/* and posts/<id>, as PocketBase records", async () => {
    await settle();
    const pb = sdk(memberToken);
    const all = collector();
    await pb.collection("posts").subscribe("*", all.push);
    const created = await publish("Realtime hello");
    const create = await all.until((e) => e.record.id === created.id);
    expect(create.action).toBe("create");
    expect(create.record).toMatchObject({
      collectionId: "posts",
      collectionName: "posts",
      id: created.id,
      title: "Realtime hello",
      status: "published",
    });
    expect(create.record.created).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/);

    const one = collector();
    await pb.collection("posts").subscribe(created.id, one.push);
    const unrelated = await publish("Someone else's news");
    await callers(t.db)
      .as(author)
      .posts.update({ id: created.id, data: { title: "Realtime hello, edited" } });
    const update = await one.until((e) => e.action === "update");
    expect(update.record).toMatchObject({ id: created.id, title: "Realtime hello, edited" });
    await all.until((e) => e.action === "update" && e.record.id === created.id);
    expect(one.events.some((e) => e.record.id === unrelated.id)).toBe(false);

    await callers(t.db).system.posts.delete({ id: created.id });
    const removed = await one.until((e) => e.action === "delete");
    expect(removed.record).toEqual({ collectionId: "posts", collectionName: "posts", id: created.id });
    await all.until((e) => e.action === "delete" && e.record.id === created.id);
  });

  it("never shows a member another member's draft, on posts/* or on the draft's own topic", async () => {
    await settle();
    const draft = await callers(t.db)
      .as(author)
      .posts.create({ title: "Secret draft plan", body: "Nobody but the author reads this." });
    const pb = sdk(memberToken);
    const all = collector();
    const own = collector();
    const tags = collector();
    await pb.collection("posts").subscribe("*", all.push);
    await pb.collection("posts").subscribe(draft.id, own.push);
    await pb.collection("tags").subscribe("*", tags.push);
    await callers(t.db)
      .as(author)
      .posts.update({ id: draft.id, data: { body: "Still secret, edited by the author." } });
    await callers(t.db).as(author).posts.create({ title: "Another secret draft", body: "Also only for the author." });
    const mark = await sentinelTag();
    const seen = await publish("Public after the drafts");
    await tags.until((e) => e.record.id === mark);
    await all.until((e) => e.record.id === seen.id);
    expect(all.events.map((e) => e.record.id)).toEqual([seen.id]);
    expect(own.events).toEqual([]);
    expect(JSON.stringify([all.events, own.events])).not.toContain("ecret");
  });

  it("applies the filter and fields options as PocketBase does, naming events by the whole topic", async () => {
    await settle();
    const pb = sdk(memberToken);
    const matching = collector();
    await pb.collection("posts").subscribe("*", matching.push, { filter: 'title ~ "Alpha"', fields: "id,title" });
    const skipped = await publish("Beta news only");
    const hit = await publish("Alpha news");
    const event = await matching.until((e) => e.record.id === hit.id);
    expect(event).toEqual({ action: "create", record: { id: hit.id, title: "Alpha news" } });
    expect(matching.events.some((e) => e.record.id === skipped.id)).toBe(false);
  });

  it("stops sending what the client unsubscribed from", async () => {
    await settle();
    const pb = sdk(memberToken);
    const posts = collector();
    const tags = collector();
    const unsubscribe = await pb.collection("posts").subscribe("*", posts.push);
    await pb.collection("tags").subscribe("*", tags.push);
    const before = await publish("Before unsubscribing");
    await posts.until((e) => e.record.id === before.id);
    await unsubscribe();
    const after = await publish("After unsubscribing");
    const mark = await sentinelTag();
    await tags.until((e) => e.record.id === mark);
    expect(posts.events.map((e) => e.record.id)).toEqual([before.id]);
    expect(posts.events.some((e) => e.record.id === after.id)).toBe(false);
  });

  it("reopens a topic as the user who signed in on it, without losing or repeating an event", async () => {
    await settle();
    const { reader, clientId } = await connectRaw();
    expect((await post(clientId, ["posts/*"])).status).toBe(204);
    const seen = await publish("Seen as a guest");
    await reader.until((e) => e.data.includes(seen.id));
    expect((await post(clientId, ["posts/*"], { authorization: `Bearer ${memberToken}` })).status).toBe(204);
    const draft = await callers(t.db)
      .as(member)
      .posts.create({ title: "My own draft", body: "Only its author reads this." });
    const event = await reader.until((e) => e.data.includes(draft.id));
    expect(event.event).toBe("posts/*");
    expect(JSON.parse(event.data)).toMatchObject({ action: "create", record: { id: draft.id, status: "draft" } });
    expect(reader.events.filter((e) => e.data.includes(seen.id))).toHaveLength(1);
  });

  it("reconnects and subscribes again when the server ends a stream, as every stream ends after its lifetime", async () => {
    await settle();
    const pb = sdk(memberToken);
    const all = collector();
    await pb.collection("posts").subscribe("*", all.push);
    const first = pb.realtime.clientId;
    hub.hubFor(t.db).local(first)?.end();
    await expect
      .poll(() => pb.realtime.clientId !== first && pb.realtime.clientId !== "", { timeout: 5_000 })
      .toBe(true);
    const next = pb.realtime.clientId;
    await expect.poll(async () => (await rowOf(next))?.subscriptions, { timeout: 5_000 }).toEqual(["posts/*"]);
    await expect.poll(() => rowOf(first), { timeout: 5_000 }).toBeUndefined();
    const created = await publish("After reconnecting");
    await all.until((e) => e.record.id === created.id);
  });

  it("applies a POST that reached another instance to the stream this one holds", async () => {
    await settle();
    const pb = sdk(memberToken);
    // The load balancer sends the POST elsewhere: the SDK's own hook points it at the other instance.
    pb.beforeSend = (url, options) => ({ url: url.replace(server.url, other.url), options });
    const all = collector();
    await pb.collection("posts").subscribe("*", all.push);
    const created = await publish("Across instances");
    const create = await all.until((e) => e.record.id === created.id);
    expect(create.action).toBe("create");
    // Written right after the 204, before the owner could have been woken: replayed from the log, not lost.
    const row = await rowOf(pb.realtime.clientId);
    expect(row?.subscriptions).toEqual(["posts/*"]);
    expect(hub.hubFor(second.db).local(pb.realtime.clientId)).toBeUndefined();
  });
});

describe("POST /api/realtime refusals", () => {
  it("refuses bad topics with 400 naming subscriptions.<i>, changing nothing", async () => {
    const { reader, clientId } = await connectRaw();
    expect((await post(clientId, ["tags/*"])).status).toBe(204);
    const before = await rowOf(clientId);
    expect(before?.subscriptions).toEqual(["tags/*"]);
    const bad = await post(clientId, ["tags/*", "nope/*", "posts/not-a-uuid", "posts/*?options=%7Bnot json"]);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 400, data: {} });
    const data = bad.body?.data as Rec;
    expect(Object.keys(data).sort()).toEqual(["subscriptions.1", "subscriptions.2", "subscriptions.3"]);
    expect(bad.body?.message).toMatch(/^subscriptions\.1: /);
    const tooMany = await post(
      clientId,
      Array.from(
        { length: 101 },
        (_, i) => `posts/*?options=${encodeURIComponent(JSON.stringify({ query: { n: i } }))}`,
      ),
    );
    expect(tooMany.status).toBe(400);
    expect(Object.keys(tooMany.body?.data as Rec)).toEqual(["subscriptions"]);
    expect((await post(clientId, [`posts/${"x".repeat(2_501)}`])).body?.data).toHaveProperty(["subscriptions.0"]);
    expect((await post(clientId, ["posts/*\nevent: forged"])).status).toBe(400);
    expect(
      (await post(clientId, ["posts/*?options=%7B%22query%22%3A%7B%22expand%22%3A%22author%22%7D%7D"])).status,
    ).toBe(400);
    expect(
      (await post(clientId, ["posts/*?options=%7B%22query%22%3A%7B%22filter%22%3A%22nope%20%3D%201%22%7D%7D"])).status,
    ).toBe(400);
    expect(await rowOf(clientId)).toEqual(before);
    // The stream still serves what it had.
    const mark = await sentinelTag();
    const event = await reader.until((e) => e.event === "tags/*" && e.data.includes(mark));
    expect(JSON.parse(event.data)).toMatchObject({ action: "create", record: { id: mark } });
  });

  it("answers any JSON as subscriptions with 204 or a 400 that changes nothing, never a 5xx", async () => {
    const { clientId } = await connectRaw();
    let before = await rowOf(clientId);
    const topic = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom("posts/*", "tags/*", "posts", "PB_CONNECT", "users/*?options=null"),
      fc.tuple(fc.constantFrom("posts/", "tags/", "nope/", ""), fc.string({ maxLength: 40 })).map(([a, b]) => a + b),
      fc
        .record({ query: fc.dictionary(fc.constantFrom("filter", "fields", "expand", "x"), fc.jsonValue()) })
        .map((options) => `posts/*?options=${encodeURIComponent(JSON.stringify(options))}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.array(fc.oneof(topic, fc.jsonValue()), { maxLength: 5 }), fc.jsonValue()),
        async (subs) => {
          const answer = await post(clientId, subs);
          expect([204, 400]).toContain(answer.status);
          if (answer.status === 400) {
            expect(answer.body).toMatchObject({ status: 400, message: expect.any(String) });
            expect(await rowOf(clientId)).toEqual(before);
          } else {
            // Accepted: the next case starts from here.
            before = await rowOf(clientId);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("answers an unknown client id with PocketBase's 404", async () => {
    const missing = await post("A".repeat(40), ["posts/*"]);
    expect(missing).toEqual({ status: 404, body: { status: 404, message: "Missing or invalid client id.", data: {} } });
    expect((await post("", ["posts/*"])).body?.data).toHaveProperty("clientId");
    expect((await post("not/an id", [])).status).toBe(404);
  });

  it("refuses a POST from another user than the one the client is bound to, and lets a guest sign in", async () => {
    const { clientId } = await connectRaw();
    expect((await post(clientId, ["tags/*"])).status).toBe(204);
    expect((await post(clientId, ["posts/*"], { authorization: `Bearer ${memberToken}` })).status).toBe(204);
    expect((await rowOf(clientId))?.userId).toBe(member.id);
    const before = await rowOf(clientId);
    const switched = await post(clientId, [], { authorization: `Bearer ${authorToken}` });
    expect(switched.status).toBe(403);
    expect(switched.body).toMatchObject({ status: 403, message: expect.stringContaining("authorization") });
    expect((await post(clientId, [])).status).toBe(403);
    expect((await post(clientId, [], { authorization: "Bearer atr_revoked" })).status).toBe(401);
    expect(await rowOf(clientId)).toEqual(before);
    expect((await post(clientId, ["posts/*"], { "x-forwarded-for": "198.51.100.7" })).status).toBe(400);
  });
});

describe("stream slots", () => {
  it("counts a client's streams against the live stream cap and frees the slot on disconnect", async () => {
    const capped = await serve(handlerOn(t.db, { liveSlots: new LiveSlots(() => 1) }));
    try {
      const ip = { "x-forwarded-for": "203.0.113.44" };
      const first = await connectRaw(capped.url, ip);
      const refused = await openSse(`${capped.url}/api/realtime`, ip);
      expect(refused).toBeInstanceOf(Response);
      const answer = refused as Response;
      expect(answer.status).toBe(429);
      expect(await answer.json()).toMatchObject({ status: 429, message: expect.stringContaining("live streams") });
      expect(hub.hubFor(t.db).local(first.clientId)).toBeDefined();
      first.reader.close();
      await first.reader.ended();
      await expect.poll(() => hub.hubFor(t.db).local(first.clientId), { timeout: 5_000 }).toBeUndefined();
      await expect.poll(() => rowOf(first.clientId), { timeout: 5_000 }).toBeUndefined();
      const again = await connectRaw(capped.url, ip);
      expect(again.clientId).not.toBe(first.clientId);
      expect((await post(first.clientId, [], ip, capped.url)).status).toBe(404);
    } finally {
      await capped.close();
    }
  });

  it("caps the streams one instance holds, and says when to retry", async () => {
    const third = createDatabase(t.url, { max: 2 });
    const small = await serve(handlerOn(third.db, { maxClients: 1 }));
    try {
      const first = await connectRaw(small.url);
      const refused = await openSse(`${small.url}/api/realtime`);
      expect(refused).toBeInstanceOf(Response);
      const answer = refused as Response;
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await answer.json()).toMatchObject({ status: 503, data: {} });
      first.reader.close();
      await expect.poll(() => hub.hubFor(third.db).size, { timeout: 5_000 }).toBe(0);
      await connectRaw(small.url);
    } finally {
      for (const reader of readers.splice(0)) reader.close();
      await small.close();
      limiters.pop()?.stop();
      await hub.closeHub(third.db);
      await closeListener(third.db);
      await third.close();
    }
  });
});
