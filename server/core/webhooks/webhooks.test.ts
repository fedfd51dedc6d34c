/**
 * Webhooks end to end on a real PostgreSQL, with real pg-boss workers and a real HTTP receiver on 127.0.0.1 (let
 * through by the allow-list): engine writes record events in their transaction, the delivery job signs and POSTs
 * them, retries with backoff, logs every attempt, disables a webhook that keeps failing, and sends records only as
 * the webhook's reader may read them. Resources are defined here on the users table, so nothing depends on the demo.
 */
import { createHmac } from "node:crypto";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditLog, users, webhookDeliveries, webhookEvents, webhooks } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createCallerFactory, createContext, router } from "../../trpc";
import { rule } from "../access";
import type { Actor, User } from "../actor";
import { type JobsRuntime, startJobs } from "../jobs/runtime";
import { defineResource } from "../resource";
import { createResourceRouter } from "../router";
import { createRecord } from "../write";
import { parseNetworks } from "./address";
import { defineWebhooks } from "./define-webhooks";
import { type Receiver, startReceiver } from "./testing/receiver";

const SECRET = "whsec_test-secret-for-an-independent-hmac";
const isAdmin = (user: User | null) => user?.role === "admin";

/** Blocked people are hidden from everyone but admins; emails from everyone but the person and admins. */
const visiblePeople = rule("unblocked people, or admins", ({ user }) =>
  isAdmin(user) ? true : eq(users.blocked, false),
);
const people = defineResource("users", {
  table: users,
  titleField: "name",
  fields: {
    email: {
      access: {
        read: {
          name: "self or admins",
          allow: ({ user, row }: { user: User | null; row: { id?: string } }) => isAdmin(user) || user?.id === row.id,
        },
      },
    },
    passwordHash: { hidden: true },
  },
  hooks: {
    afterCreate: ({ record }) => {
      if (record.name === "Roll Back") throw new Error("rolled back by the test");
    },
  },
  access: { list: visiblePeople, get: visiblePeople },
});
const hooksResource = defineResource("webhooks", { table: webhooks, titleField: "name" });
const deliveriesResource = defineResource("webhookDeliveries", { table: webhookDeliveries, titleField: "type" });
const registry = { users: people, webhooks: hooksResource, webhookDeliveries: deliveriesResource };

const kit = defineWebhooks({
  registry: () => registry,
  webhooks: hooksResource,
  deliveries: deliveriesResource,
  readerOf: async (db, ownerId) => {
    const [owner] = ownerId
      ? await db
          .select({
            id: users.id,
            name: users.name,
            email: users.email,
            role: users.role,
            emailVerifiedAt: users.emailVerifiedAt,
          })
          .from(users)
          .where(eq(users.id, ownerId))
      : [];
    return owner ? { kind: "user", user: owner, via: "session" } : { kind: "anonymous" };
  },
  settings: {
    allowed: parseNetworks("127.0.0.1/32").networks,
    timeoutMs: 2_000,
    disableAfterFailures: 4,
    retry: { limit: 3, delaySeconds: 1 },
    retentionDays: 30,
    cacheTtlMs: 60_000,
  },
});

const api = createCallerFactory(
  router({ users: createResourceRouter(people, registry), webhooks: createResourceRouter(hooksResource, registry) }),
);

let t: TestDatabase;
let receiver: Receiver;
let runtime: JobsRuntime;
let uninstall: () => void;
let admin: Actor;
let member: { id: string; name: string; email: string; role: "member" };

const as = (actor: Actor) => api(createContext({ db: t.db, actor }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

let serial = 0;
async function register(
  path: string,
  more: { url?: string; ownerId?: string | null; events?: ("create" | "update" | "delete")[] } = {},
) {
  return as({ kind: "system", reason: "test" }).webhooks.create({
    name: `Hook ${++serial} ${path}`,
    url: more.url ?? receiver.url(path),
    resources: ["users"],
    events: more.events ?? ["create", "update", "delete"],
    secret: SECRET,
    ownerId: more.ownerId === undefined ? (admin.kind === "user" ? admin.user.id : null) : more.ownerId,
  });
}

const deliveriesOf = (webhookId: string) =>
  t.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(asc(webhookDeliveries.attempt), asc(webhookDeliveries.createdAt));
const eventsOf = async (webhookId: string) =>
  (await t.db.select({ n: count() }).from(webhookEvents).where(eq(webhookEvents.webhookId, webhookId)))[0]?.n ?? 0;
const requestsTo = (path: string) => receiver.received.filter((r) => r.path === path);
const webhookRow = async (id: string) => (await t.db.select().from(webhooks).where(eq(webhooks.id, id)))[0];

beforeAll(async () => {
  t = await createTestDatabase();
  receiver = await startReceiver();
  const [a, m] = await t.db
    .insert(users)
    .values([
      { name: "Ada Admin", email: "ada@hooks.test", role: "admin" },
      { name: "Max Member", email: "max@hooks.test", role: "member" },
    ])
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
    });
  if (!a || !m) throw new Error("no users");
  admin = { kind: "user", user: a, via: "session" };
  member = { ...m, role: "member" };
  runtime = await startJobs({
    url: t.url,
    db: t.db,
    jobs: [kit.job],
    work: true,
    pollingIntervalSeconds: 0.5,
    log: () => {},
  });
  uninstall = kit.install();
}, 60_000);

afterAll(async () => {
  uninstall?.();
  await runtime?.stop(1_000);
  await receiver?.close();
  await t?.drop();
});

describe("a delivery", () => {
  it("is signed: an independent HMAC-SHA256 of `<t>.<body>` with the secret matches X-Atrium-Signature", async () => {
    const hook = await register("/signed");
    const person = await as(admin).users.create({ name: "Sig Nature", email: "sig@hooks.test" });
    const [request] = await until(
      () => requestsTo("/signed"),
      (r) => r.length > 0,
    );
    if (!request) {
      // What the job said is the quickest way to why.
      const jobs = await t.db.execute(sql`select state, output from pgboss.job where name = ${kit.job.name}`);
      throw new Error(`nothing was delivered; the jobs: ${JSON.stringify(Array.from(jobs))}`);
    }
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(request.headers["x-atrium-signature"]));
    expect(match).not.toBeNull();
    const [, timestamp, signature] = match as RegExpExecArray;
    expect(createHmac("sha256", SECRET).update(`${timestamp}.${request.body}`).digest("hex")).toBe(signature);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(request.headers["x-atrium-timestamp"]).toBe(timestamp);
    expect(request.headers["content-type"]).toBe("application/json");

    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: request.headers["x-atrium-event-id"],
      type: "users.create",
      resource: "users",
      event: "create",
      operation: "create",
      recordId: person.id,
      // The owner is an admin: the email is theirs to read; the password hash is nobody's.
      record: { id: person.id, name: "Sig Nature", email: "sig@hooks.test" },
    });
    expect(body.record).not.toHaveProperty("passwordHash");
    expect(request.headers["x-atrium-event"]).toBe("users.create");

    const [logged] = await until(
      () => deliveriesOf(hook.id),
      (r) => r.length > 0,
    );
    expect(logged).toMatchObject({
      status: "succeeded",
      statusCode: 200,
      attempt: 1,
      manual: false,
      response: "thanks",
    });
    expect(logged?.eventId).toBe(body.id);
    expect(logged?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("to a receiver that answers 500 three times, then 200: one successful delivery and three logged failures", async () => {
    receiver.script("/flaky", [500, 500, 500, 200]);
    const hook = await register("/flaky");
    await as(admin).users.update({ id: member.id, data: { bio: "Flaky times" } });
    await until(
      () => deliveriesOf(hook.id),
      (r) => r.some((d) => d.status === "succeeded"),
      40_000,
    );
    await sleep(1_500); // a retry after the success would show up by now
    const rows = await deliveriesOf(hook.id);
    expect(rows.map((d) => [d.attempt, d.status, d.statusCode, d.error])).toEqual([
      [1, "failed", 500, "HTTP 500"],
      [2, "failed", 500, "HTTP 500"],
      [3, "failed", 500, "HTTP 500"],
      [4, "succeeded", 200, null],
    ]);
    expect(rows[0]?.response).toBe("failing with 500");
    // The same event each time: one id, one body (the signature's timestamp is fresh on each).
    const requests = requestsTo("/flaky");
    expect(requests).toHaveLength(4);
    expect(new Set(requests.map((r) => r.headers["x-atrium-event-id"])).size).toBe(1);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    expect(JSON.parse(requests[0]?.body ?? "{}")).toMatchObject({
      type: "users.update",
      changes: ["bio", "updatedAt"],
    });
    expect(await webhookRow(hook.id)).toMatchObject({
      consecutiveFailures: 0,
      lastDeliveryStatus: "succeeded",
      active: true,
    });
  }, 60_000);

  it("is never made for a change that rolled back, and is for the next one that commits", async () => {
    const hook = await register("/rollback");
    await expect(as(admin).users.create({ name: "Roll Back", email: "rb@hooks.test" })).rejects.toThrow();
    // An engine write inside an outer transaction that rolls back.
    await expect(
      t.db.transaction(async (tx) => {
        const db = tx as unknown as Database;
        await createRecord({ db, actor: admin, registry }, people, { name: "Undone", email: "undone@hooks.test" });
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    await sleep(2_000);
    expect(await eventsOf(hook.id)).toBe(0);
    expect(requestsTo("/rollback")).toHaveLength(0);
    const orphans = await t.db.execute<{ n: number }>(sql`
      select count(*)::int as n from pgboss.job
      where name = ${kit.job.name} and not exists (select 1 from webhook_events e where e.id::text = data->>'eventId')`);
    expect(orphans[0]?.n).toBe(0);

    await as(admin).users.create({ name: "Committed", email: "committed@hooks.test" });
    await until(
      () => requestsTo("/rollback"),
      (r) => r.length > 0,
    );
    expect(requestsTo("/rollback")).toHaveLength(1);
  });

  it("to an address on a private network is refused at connection time, logged, and not retried", async () => {
    const hook = await register("/unused", { url: "http://169.254.169.254/latest/meta-data" });
    await as(admin).users.update({ id: member.id, data: { bio: "Metadata, anyone?" } });
    const [logged] = await until(
      () => deliveriesOf(hook.id),
      (r) => r.length > 0,
    );
    expect(logged).toMatchObject({
      status: "failed",
      statusCode: null,
      latencyMs: null,
      error: "refused: 169.254.169.254 is a link-local address",
    });
    await sleep(2_500);
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
  });
});

describe("who a delivery reads as", () => {
  it("sends what the owner may read; anonymous without one; nothing when the reader could never see the record", async () => {
    const sentinel = await register("/sentinel");
    await register("/anonymous", { ownerId: null });
    await register("/member", { ownerId: member.id });
    const person = await as(admin).users.create({ name: "Private Person", email: "private@hooks.test" });
    await until(
      () => [requestsTo("/anonymous"), requestsTo("/member")],
      ([a, m]) => (a?.length ?? 0) > 0 && (m?.length ?? 0) > 0,
    );
    for (const path of ["/anonymous", "/member"]) {
      const record = (JSON.parse(requestsTo(path)[0]?.body ?? "{}") as { record: Record<string, unknown> }).record;
      expect(record).toMatchObject({ id: person.id, name: "Private Person" });
      expect(record).not.toHaveProperty("email");
    }

    // Blocked: readers who are not admins saw it before and not after, so they hear of it with no record.
    await as(admin).users.update({ id: person.id, data: { blocked: true } });
    await until(
      () => requestsTo("/anonymous"),
      (r) => r.length > 1,
    );
    expect(JSON.parse(requestsTo("/anonymous")[1]?.body ?? "{}")).toMatchObject({
      type: "users.update",
      recordId: person.id,
      record: null,
    });

    // Changed while blocked: invisible to them before and after, so they get nothing, not even its id.
    await as(admin).users.update({ id: person.id, data: { bio: "Hidden change" } });
    await until(
      () => deliveriesOf(sentinel.id),
      (r) => r.length >= 3,
    );
    await sleep(1_000);
    expect(requestsTo("/anonymous")).toHaveLength(2);
    expect(requestsTo("/member")).toHaveLength(2);
    expect(requestsTo("/sentinel").at(-1)?.body).toContain("Hidden change");
  });
});

describe("a webhook that keeps failing", () => {
  it("is disabled after N failures in a row, by the delivery job in the audit trail; redelivery by hand still goes", async () => {
    receiver.script("/down", [503]);
    const hook = await register("/down");
    for (const n of [1, 2, 3, 4]) await as(admin).users.update({ id: member.id, data: { bio: `Down ${n}` } });
    const disabled = await until(
      () => webhookRow(hook.id),
      (row) => row?.active === false,
      30_000,
    );
    expect(disabled?.active).toBe(false);
    // Disabled by the 4th failure in a row (the reason says so); a retry already out when it happened still logs its
    // own failure, so the count may have moved past 4 by the time this reads it (seen once under full-suite load).
    expect(disabled?.consecutiveFailures).toBeGreaterThanOrEqual(4);
    expect(disabled?.disabledAt).toBeInstanceOf(Date);
    expect(disabled?.disabledReason).toBe("Disabled after 4 failed deliveries in a row (the last: HTTP 503).");
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.resource, "webhooks"), eq(auditLog.recordId, hook.id), eq(auditLog.operation, "update")));
    expect(entry).toMatchObject({ actorKind: "system", actorLabel: "webhook deliveries", after: { active: false } });

    // While disabled, changes record nothing for it.
    const events = await eventsOf(hook.id);
    await as(admin).users.update({ id: member.id, data: { bio: "Nobody listens" } });
    await sleep(500);
    expect(await eventsOf(hook.id)).toBe(events);

    // The receiver is fixed: an admin redelivers one logged delivery, which goes although the webhook is disabled.
    receiver.script("/down", [200]);
    const [first] = await deliveriesOf(hook.id);
    if (!first) throw new Error("no delivery logged");
    await kit.redeliver(t.db, first.id, admin);
    const again = await until(
      () => deliveriesOf(hook.id),
      (r) => r.some((d) => d.manual),
    );
    const manual = again.find((d) => d.manual);
    expect(manual).toMatchObject({ status: "succeeded", statusCode: 200, eventId: first.eventId });
    expect(manual?.requestedById).toBe(admin.kind === "user" ? admin.user.id : null);
    expect(manual?.attempt).toBeGreaterThan(1);
    expect(await webhookRow(hook.id)).toMatchObject({ active: false, consecutiveFailures: 0 });
  }, 60_000);
});

describe("matching", () => {
  it("costs no query per write while no webhook wants it: the active list is cached", async () => {
    await t.db.update(webhooks).set({ active: false });
    kit.cache.invalidate();
    t.queries.length = 0;
    for (let i = 0; i < 10; i++) await as(admin).users.update({ id: member.id, data: { bio: `Quiet ${i}` } });
    const loads = t.queries.filter((q) => q.startsWith('select "id", "resources", "events" from "webhooks"'));
    expect(loads).toHaveLength(1);
    expect(t.queries.filter((q) => q.includes('insert into "webhook_events"'))).toHaveLength(0);
  });

  it("records only the events a webhook asked for, and sees a webhook saved here at the next write", async () => {
    const deletes = await register("/deletes", { events: ["delete"] });
    const person = await as(admin).users.create({ name: "Short Lived", email: "short@hooks.test" });
    await as(admin).users.update({ id: person.id, data: { bio: "Still here" } });
    expect(await eventsOf(deletes.id)).toBe(0);
    await as(admin).users.delete({ id: person.id });
    expect(await eventsOf(deletes.id)).toBe(1);
    const [request] = await until(
      () => requestsTo("/deletes"),
      (r) => r.length > 0,
    );
    expect(JSON.parse(request?.body ?? "{}")).toMatchObject({
      type: "users.delete",
      operation: "delete",
      recordId: person.id,
      record: null,
    });
  });
});
