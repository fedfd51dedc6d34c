/**
 * Live updates across app instances, on the production build: two more `next start` processes (A and B) over the
 * e2e PostgreSQL. A write through A reaches a subscriber on B (create, update, delete); a subscriber that drops
 * and reconnects with its last event id, on the other instance, gets exactly the events it missed, then `ready`,
 * then live ones; and each instance holds one LISTEN connection however many streams it serves.
 *
 * Writes use a real API token of the e2e admin (tokens live in the database, so they work on every instance).
 * Titles carry a per-run prefix and subscriptions filter on it, so other specs' posts never show up here.
 */
import { expect, test } from "@playwright/test";
import { and, asc, eq, inArray } from "drizzle-orm";
import superjson from "superjson";
import { apiTokens, liveEvents, posts, users } from "../db/schema";
import { issueApiToken } from "../server/auth/tokens";
import { E2E_ADMIN } from "./support/credentials";
import { connectE2eDatabase, e2eDatabaseUrl } from "./support/db";
import { type Instance, startInstance, stopInstance } from "./support/instances";
import { type LiveMessage, SseStream, subscriptionUrl } from "./support/sse";

const PREFIX = `Live ${Date.now().toString(36)}`;
let prefixes = 0;
/** A title prefix of its own per test (and per repetition with --repeat-each), which its subscriptions filter on. */
const uniquePrefix = (what: string) => `${PREFIX}.${++prefixes} ${what}`;
const BODY = "Written through one instance, read on another.";

let database: ReturnType<typeof connectE2eDatabase>;
let a: Instance;
let b: Instance;
let adminToken = "";
let adminId = "";
const tokenIds: string[] = [];
const streams: SseStream[] = [];

test.beforeAll(async () => {
  test.setTimeout(90_000); // two cold `next start`s on a 2-core machine
  database = connectE2eDatabase();
  const [admin] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, E2E_ADMIN.email));
  if (!admin) throw new Error(`the e2e admin ${E2E_ADMIN.email} is missing`);
  adminId = admin.id;
  const issued = await issueApiToken(database.db, { userId: adminId, name: `${PREFIX} writer`, scope: "write" });
  adminToken = issued.token;
  tokenIds.push(issued.record.id);
  const url = e2eDatabaseUrl();
  // Side by side: keep whichever started, so afterAll stops it even when the other did not.
  const [startedA, startedB] = await Promise.allSettled([startInstance("a", url), startInstance("b", url)]);
  if (startedA.status === "fulfilled") a = startedA.value;
  if (startedB.status === "fulfilled") b = startedB.value;
  for (const s of [startedA, startedB]) if (s.status === "rejected") throw s.reason;
});

test.afterEach(() => {
  for (const s of streams.splice(0)) s.close();
});

test.afterAll(async () => {
  // Every step runs even if one fails: no server may outlive the spec.
  await Promise.allSettled([a && stopInstance(a), b && stopInstance(b)]);
  if (database) {
    if (tokenIds.length > 0) await database.db.delete(apiTokens).where(inArray(apiTokens.id, tokenIds));
    await database.close();
  }
});

/** Published posts of this run whose title starts with `prefix`. */
const publishedWith = (prefix: string) => ({ filter: { status: { eq: "published" }, title: { startsWith: prefix } } });

/** Subscribes on an instance; `headers` empty means anonymous. */
async function subscribe(on: Instance, path: string, input: Record<string, unknown>, headers = {}) {
  const stream = await SseStream.open(subscriptionUrl(on.url, path, input), headers);
  streams.push(stream);
  return stream;
}

/** A tRPC mutation over HTTP as the admin's API token; returns the decoded result. */
async function mutate(on: Instance, path: string, input: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${on.url}/api/trpc/${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(superjson.serialize(input)),
  });
  const text = await res.text();
  expect(res.status, `${path} on ${on.name}: ${text}`).toBe(200);
  const body = JSON.parse(text) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
  return superjson.deserialize(body.result.data) as Record<string, unknown>;
}

async function createPost(on: Instance, title: string): Promise<string> {
  const created = await mutate(on, "posts.create", { title, body: BODY, status: "published" });
  expect(created.title).toBe(title);
  return created.id as string;
}

/** Event ids are decimal and must only grow along one stream. */
function expectIncreasing(messages: LiveMessage[]) {
  const ids = messages.map((m) => Number(m.id));
  for (const [i, id] of ids.entries()) if (i > 0) expect(id, `ids ${ids.join(", ")}`).toBeGreaterThan(ids[i - 1] ?? 0);
}

test("a create, an update and a delete through instance A reach a subscriber on instance B", async () => {
  const prefix = uniquePrefix("relay");
  const onB = await subscribe(b, "posts.onChange", publishedWith(prefix));
  const ready = await onB.ready();
  expect(ready.data).toEqual({ action: "ready", resumed: false });

  const title = `${prefix} from A`;
  const id = await createPost(a, title);
  const created = await onB.message(3_000);
  expect(created.data).toMatchObject({
    action: "create",
    id,
    record: { id, title, body: BODY, status: "published", authorId: adminId, deletedAt: null },
  });
  // superjson on the wire: dates arrive as dates, not strings.
  expect(created.data.action === "create" && created.data.record.publishedAt).toBeInstanceOf(Date);

  await mutate(a, "posts.update", { id, data: { title: `${title}, edited` } });
  const updated = await onB.message(3_000);
  expect(updated.data).toMatchObject({ action: "update", id, record: { title: `${title}, edited` } });

  await mutate(a, "posts.delete", { id });
  const deleted = await onB.message(3_000);
  expect(deleted.data).toEqual({ action: "delete", id });

  const messages = [ready, created, updated, deleted];
  expectIncreasing(messages);
  expect(onB.pending()).toEqual([]);

  // The database says the same: the post is edited and in the bin, and the ids B sent are the log's commit numbers.
  const [row] = await database.db.select().from(posts).where(eq(posts.id, id));
  expect(row).toMatchObject({ title: `${title}, edited`, status: "published", authorId: adminId });
  expect(row?.deletedAt).toBeInstanceOf(Date);
  const logged = await database.db
    .select({ seq: liveEvents.seq, operation: liveEvents.operation })
    .from(liveEvents)
    .where(and(eq(liveEvents.resource, "posts"), eq(liveEvents.recordId, id)))
    .orderBy(asc(liveEvents.seq));
  expect(logged.map((e) => String(e.seq))).toEqual([created.id, updated.id, deleted.id]);
});

test("a subscriber that drops and reconnects on the other instance with its last id gets exactly what it missed", async () => {
  const prefix = uniquePrefix("resume");
  const input = publishedWith(prefix);
  const first = await subscribe(b, "posts.onChange", input);
  await first.ready();
  // A's own subscriber: once it has an event, A's listener has read it, so a resume on A finds it in the log
  // replay rather than racing the NOTIFY (either way it would arrive once; this pins the order the test checks).
  const witness = await subscribe(a, "posts.onChange", input);
  await witness.ready();

  const kept = await createPost(a, `${prefix} kept`);
  const last = await first.message(3_000);
  expect(last.data).toMatchObject({ action: "create", id: kept });
  await witness.message(3_000);
  first.close();

  // Three writes through A while the subscriber is away.
  const gone = await createPost(a, `${prefix} created while away`);
  await mutate(a, "posts.update", { id: kept, data: { title: `${prefix} kept, edited while away` } });
  await mutate(a, "posts.delete", { id: gone });
  const seenByWitness = [await witness.message(3_000), await witness.message(3_000), await witness.message(3_000)];

  // Reconnect to A, as tRPC's client does: the last id in the input.
  const again = await subscribe(a, "posts.onChange", { ...input, lastEventId: last.id });
  expect((await again.next()).event).toBe("connected");
  const replayed = [await again.message(), await again.message(), await again.message()];
  expect(replayed.map((m) => m.data)).toEqual([
    { action: "create", id: gone, record: expect.objectContaining({ title: `${prefix} created while away` }) },
    { action: "update", id: kept, record: expect.objectContaining({ title: `${prefix} kept, edited while away` }) },
    { action: "delete", id: gone },
  ]);
  expect(replayed.map((m) => m.id)).toEqual(seenByWitness.map((m) => m.id));
  for (const m of replayed) expect(Number(m.id)).toBeGreaterThan(Number(last.id));

  const ready = await again.message();
  expect(ready.data).toEqual({ action: "ready", resumed: true });
  expect(Number(ready.id)).toBeGreaterThanOrEqual(Number(replayed[2]?.id));

  // Live again, and from both directions: this write goes through B.
  const after = await createPost(b, `${prefix} written after the resume`);
  const live = await again.message(3_000);
  expect(live.data).toMatchObject({ action: "create", id: after });

  expectIncreasing([last, ...replayed, live]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(again.pending(), "nothing more: no duplicate, no stray event").toEqual([]);
});

test("each instance holds exactly one LISTEN connection, however many subscribers it serves", async () => {
  const admin = { authorization: `Bearer ${adminToken}` };
  const opened: SseStream[] = [];
  for (const on of [a, b]) {
    opened.push(
      await subscribe(on, "posts.onChange", publishedWith(PREFIX)),
      await subscribe(on, "posts.onChange", {}),
      await subscribe(on, "posts.onChange", {}, admin),
      await subscribe(on, "tags.onChange", {}),
      await subscribe(on, "tags.onChange", {}, admin),
    );
  }
  for (const s of opened) await s.ready();

  const rows = await database.sql<{ app: string; listening: number; connections: number }[]>`
    select application_name as app,
           count(*) filter (where query ilike 'listen%atrium_live%')::int as listening,
           count(*)::int as connections
    from pg_stat_activity
    where datname = current_database() and application_name in (${a.appName}, ${b.appName})
    group by application_name order by application_name`;
  expect(rows.map((r) => ({ app: r.app, listening: r.listening }))).toEqual([
    { app: a.appName, listening: 1 },
    { app: b.appName, listening: 1 },
  ]);
  // Ten open streams, yet each instance's pool stays small: no connection per subscriber.
  for (const r of rows) expect(r.connections).toBeLessThanOrEqual(11); // DATABASE_POOL_MAX (10) + the listener
});
