/**
 * The authorization matrix of custom actions, beside the resources' (authorization.test.ts) and in the same way:
 * every action x actor through the real tRPC HTTP route handler, real Auth.js sessions and API tokens, fresh rows
 * per call, the HTTP status asserted, then the database checked (the record, the action's audit entry, its job).
 * A record the caller cannot see is 404, one outside the action's rule 403 naming it, anonymous callers 401.
 */
import { and, eq, sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, backups, posts, taskRuns, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createApiToken, createUserWithPassword, signInCookie } from "@/server/auth/testing";
import { type JobsRuntime, startJobs } from "@/server/core/jobs/runtime";
import { jobs } from "@/server/jobs";
import { passwordResetJob } from "@/server/jobs/password-reset";

/** `other` is a member who is not the author: the "member" of the matrix. */
const ACTORS = ["anonymous", "owner", "other", "editor", "admin", "blocked", "readToken", "expiredToken"] as const;
type ActorName = (typeof ACTORS)[number];
type Outcome = "ok" | 400 | 401 | 403 | 404;

let t: TestDatabase;
let route: typeof import("./route");
let runtime: JobsRuntime;
const headersOf = {} as Record<ActorName, Record<string, string>>;
const userIdOf = {} as Record<"owner" | "other" | "editor" | "admin", string>;
const PASSWORD = "correct horse battery staple";

interface Fixture {
  draft: string;
  published: string;
  member: string;
  /** A failed task run with an alarm nobody has acknowledged. */
  alarmedRun: string;
  /** A backup still being written: nothing may be restored from it. */
  unfinishedBackup: string;
}

let serial = 0;
/** Recount runs the admin started so far (each stays waiting: nothing runs jobs here). */
let recounts = 0;
/** Backups admins asked for so far (each stays running: nothing runs jobs here). */
let backupsTaken = 0;
async function fixture(): Promise<Fixture> {
  const n = ++serial;
  const [draft, published] = await t.db
    .insert(posts)
    .values([
      { title: `Draft ${n}`, slug: `draft-${n}`, body: "A draft body.", status: "draft", authorId: userIdOf.owner },
      {
        title: `Published ${n}`,
        slug: `published-${n}`,
        body: "A published body.",
        status: "published",
        authorId: userIdOf.owner,
        publishedAt: new Date(),
      },
    ])
    .returning({ id: posts.id });
  const [member] = await t.db
    .insert(users)
    .values({ name: `Member ${n}`, email: `member${n}@actions-matrix.test` })
    .returning({ id: users.id });
  const [run] = await t.db
    .insert(taskRuns)
    .values({
      task: "posts.recount",
      state: "failed",
      status: "failed",
      input: { reason: "manual" },
      error: 'the step of "counting" failed: the test says so',
      alarmAt: new Date(),
      finishedAt: new Date(),
    })
    .returning({ id: taskRuns.id });
  const [backup] = await t.db.insert(backups).values({ status: "running" }).returning({ id: backups.id });
  return {
    draft: draft?.id as string,
    published: published?.id as string,
    member: member?.id as string,
    alarmedRun: run?.id as string,
    unfinishedBackup: backup?.id as string,
  };
}

interface Envelope {
  result?: { data: { json: unknown; meta?: unknown } };
  error?: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } } };
}

async function call(
  actor: ActorName,
  kind: "query" | "mutation",
  path: string,
  input: unknown,
  extraHeaders: Record<string, string> = {},
) {
  const body = JSON.stringify(superjson.serialize(input));
  const req =
    kind === "query"
      ? new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(body)}`, {
          headers: headersOf[actor],
        })
      : new Request(`http://localhost/api/trpc/${path}`, {
          method: "POST",
          headers: { ...headersOf[actor], ...extraHeaders, "content-type": "application/json" },
          body,
        });
  const res = await route[kind === "query" ? "GET" : "POST"](req);
  const envelope = (await res.json()) as Envelope;
  const data = envelope.result
    ? superjson.deserialize(envelope.result.data as Parameters<typeof superjson.deserialize>[0])
    : undefined;
  return { status: res.status, data, error: envelope.error?.json };
}

/** Blocked sessions and expired tokens are refused before any rule; read-only tokens never run an action. */
function expected(kind: "query" | "mutation", outcomes: Partial<Record<ActorName, Outcome>>) {
  const all = {} as Record<ActorName, Outcome>;
  for (const actor of ACTORS) all[actor] = outcomes[actor] ?? 403;
  all.blocked = 401;
  all.expiredToken = 401;
  all.readToken = kind === "query" ? (outcomes.owner ?? 403) : 403;
  return all;
}

const postStatus = async (id: string) => (await t.db.select().from(posts).where(eq(posts.id, id)))[0]?.status;
const actionEntries = async (id: string) =>
  t.db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.recordId, id), eq(auditLog.operation, "action")));
const queuedResets = async (userId: string) =>
  Array.from(
    await t.db.execute(
      sql`select id from pgboss.job where name = ${passwordResetJob.name} and data->>'userId' = ${userId}`,
    ),
  ).length;

interface Case {
  name: string;
  kind: "query" | "mutation";
  path: string;
  input: (f: Fixture) => unknown;
  outcomes: Partial<Record<ActorName, Outcome>>;
  verify: (f: Fixture, ok: boolean, data: unknown) => Promise<void>;
}

const CASES: Case[] = [
  {
    name: "posts.publish of the owner's draft: its author, editors, admins; hidden from other members",
    kind: "mutation",
    path: "posts.publish",
    input: (f) => ({ id: f.draft }),
    outcomes: { anonymous: 401, owner: "ok", other: 404, editor: "ok", admin: "ok" },
    verify: async (f, ok, data) => {
      expect(await postStatus(f.draft)).toBe(ok ? "published" : "draft");
      expect(await actionEntries(f.draft)).toHaveLength(ok ? 1 : 0);
      if (ok) expect(data).toMatchObject({ id: f.draft, status: "published" });
    },
  },
  {
    name: "posts.publish of a published post: refused by the rule for everyone",
    kind: "mutation",
    path: "posts.publish",
    input: (f) => ({ id: f.published }),
    outcomes: { anonymous: 401, owner: 403, other: 403, editor: 403, admin: 403 },
    verify: async (f) => {
      expect(await postStatus(f.published)).toBe("published");
      expect(await actionEntries(f.published)).toHaveLength(0);
    },
  },
  {
    name: "posts.unpublish of the owner's published post, with a reason: its author, editors, admins",
    kind: "mutation",
    path: "posts.unpublish",
    input: (f) => ({ id: f.published, input: { reason: "Needs another look." } }),
    outcomes: { anonymous: 401, owner: "ok", other: 403, editor: "ok", admin: "ok" },
    verify: async (f, ok) => {
      expect(await postStatus(f.published)).toBe(ok ? "draft" : "published");
      expect(await actionEntries(f.published)).toEqual(
        ok ? [{ after: { action: "unpublish", input: { reason: "Needs another look." } } }] : [],
      );
    },
  },
  {
    name: "posts.unpublish of a draft: not visible to other members, outside the rule for the rest",
    kind: "mutation",
    path: "posts.unpublish",
    input: (f) => ({ id: f.draft, input: { reason: "Needs another look." } }),
    outcomes: { anonymous: 401, owner: 403, other: 404, editor: 403, admin: 403 },
    verify: async (f) => {
      expect(await postStatus(f.draft)).toBe("draft");
    },
  },
  {
    name: "posts.publishMany of the owner's draft: as publish",
    kind: "mutation",
    path: "posts.publishMany",
    input: (f) => ({ ids: [f.draft] }),
    outcomes: { anonymous: 401, owner: "ok", other: 404, editor: "ok", admin: "ok" },
    verify: async (f, ok, data) => {
      expect(await postStatus(f.draft)).toBe(ok ? "published" : "draft");
      if (ok) expect((data as { id: string }[]).map((p) => p.id)).toEqual([f.draft]);
    },
  },
  {
    name: "posts.publishMany of a draft and a published post: nothing changes, for anyone",
    kind: "mutation",
    path: "posts.publishMany",
    input: (f) => ({ ids: [f.draft, f.published] }),
    outcomes: { anonymous: 401, owner: 403, other: 404, editor: 403, admin: 403 },
    verify: async (f) => {
      expect(await postStatus(f.draft)).toBe("draft");
      expect(await actionEntries(f.draft)).toHaveLength(0);
    },
  },
  {
    name: "posts.unpublishMany without the reason it requires: 400 for those the rule lets through",
    kind: "mutation",
    path: "posts.unpublishMany",
    input: (f) => ({ ids: [f.published] }),
    outcomes: { anonymous: 400, owner: 400, other: 400, editor: 400, admin: 400 },
    verify: async (f) => {
      expect(await postStatus(f.published)).toBe("published");
    },
  },
  {
    name: "users.sendPasswordReset: admins only, and the job is queued only when it ran",
    kind: "mutation",
    path: "users.sendPasswordReset",
    input: (f) => ({ id: f.member }),
    outcomes: { anonymous: 401, owner: 403, other: 403, editor: 403, admin: "ok" },
    verify: async (f, ok, data) => {
      expect(await queuedResets(f.member)).toBe(ok ? 1 : 0);
      expect(await actionEntries(f.member)).toHaveLength(ok ? 1 : 0);
      if (ok) expect(data).toEqual({ queued: true });
    },
  },
  {
    name: "posts.recount (resource-wide, starts a task run): admins only",
    kind: "mutation",
    path: "posts.recount",
    input: () => ({}),
    outcomes: { anonymous: 401, owner: 403, other: 403, editor: 403, admin: "ok" },
    verify: async (_f, ok, data) => {
      const started = await t.db.select().from(taskRuns).where(eq(taskRuns.status, "waiting"));
      if (ok) {
        recounts += 1;
        expect(started.map((r) => r.id)).toContain((data as { runId: string }).runId);
      }
      expect(started).toHaveLength(recounts);
    },
  },
  {
    name: "backups.backUp (resource-wide, queues a backup): admins only",
    kind: "mutation",
    path: "backups.backUp",
    input: () => ({}),
    outcomes: { anonymous: 401, owner: 403, other: 403, editor: 403, admin: "ok" },
    verify: async (_f, ok, data) => {
      const manual = await t.db.select().from(backups).where(eq(backups.kind, "manual"));
      const mine = manual.filter((b) => b.createdBy !== null);
      if (ok) {
        backupsTaken += 1;
        expect(mine.map((b) => b.id)).toContain((data as { backupId: string }).backupId);
      }
      expect(mine).toHaveLength(backupsTaken);
    },
  },
  {
    name: "backups.restoreBackup of a backup still being written: refused for everyone, admins by the rule",
    kind: "mutation",
    path: "backups.restoreBackup",
    input: (f) => ({ id: f.unfinishedBackup, input: { confirmation: "RESTORE" } }),
    outcomes: { anonymous: 401, owner: 403, other: 403, editor: 403, admin: 403 },
    verify: async (f) => {
      const [row] = await t.db.select().from(backups).where(eq(backups.id, f.unfinishedBackup));
      expect(row?.lastCheck).toBeNull();
      expect(await actionEntries(f.unfinishedBackup)).toHaveLength(0);
    },
  },
  {
    name: "taskRuns.acknowledge of a run with an open alarm: admins; the rule refuses everyone else before any run",
    kind: "mutation",
    path: "taskRuns.acknowledge",
    input: (f) => ({ id: f.alarmedRun }),
    outcomes: { anonymous: 401, owner: 403, other: 403, editor: 403, admin: "ok" },
    verify: async (f, ok) => {
      const [run] = await t.db.select().from(taskRuns).where(eq(taskRuns.id, f.alarmedRun));
      expect(run?.alarmAcknowledgedAt instanceof Date).toBe(ok);
      expect(await actionEntries(f.alarmedRun)).toHaveLength(ok ? 1 : 0);
    },
  },
  {
    name: "posts.availableActions of the owner's draft: publish, for those who see it",
    kind: "query",
    path: "posts.availableActions",
    input: (f) => ({ id: f.draft }),
    outcomes: { anonymous: 404, owner: "ok", other: 404, editor: "ok", admin: "ok" },
    verify: async (_f, ok, data) => {
      if (ok) expect(data).toEqual(["publish"]);
    },
  },
];

const STATUS: Record<Outcome, number> = { ok: 200, 400: 400, 401: 401, 403: 403, 404: 404 };

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  route = await import("./route");
  // The app's job queues (enqueue refuses a job without one); nothing runs the jobs here.
  runtime = await startJobs({ url: t.url, db: t.db, jobs, work: false, log: () => {} });
  const make = (name: string, role: "member" | "editor" | "admin", email: string) =>
    createUserWithPassword(t.db, { name, email, role }, PASSWORD);
  const owner = await make("Olive Owner", "member", "owner@actions-matrix.test");
  const other = await make("Otto Other", "member", "other@actions-matrix.test");
  const editor = await make("Eve Editor", "editor", "editor@actions-matrix.test");
  const admin = await make("Adam Admin", "admin", "admin@actions-matrix.test");
  const blocked = await make("Bea Blocked", "member", "blocked@actions-matrix.test");
  Object.assign(userIdOf, { owner: owner.id, other: other.id, editor: editor.id, admin: admin.id });
  const session = async (email: string) => ({ cookie: await signInCookie(t.db, email, PASSWORD) });
  headersOf.anonymous = {};
  headersOf.owner = await session("owner@actions-matrix.test");
  headersOf.other = await session("other@actions-matrix.test");
  headersOf.editor = await session("editor@actions-matrix.test");
  headersOf.admin = await session("admin@actions-matrix.test");
  headersOf.blocked = await session("blocked@actions-matrix.test");
  await t.db.update(users).set({ blocked: true }).where(eq(users.id, blocked.id));
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  headersOf.readToken = bearer(await createApiToken(t.db, owner.id, { scope: "read" }));
  headersOf.expiredToken = bearer(
    await createApiToken(t.db, owner.id, { scope: "write", expiresAt: new Date(Date.now() - 60_000) }),
  );
});
afterAll(async () => {
  await runtime.stop(1_000);
  await t.drop();
});

describe("actions authorization matrix over /api/trpc", () => {
  for (const c of CASES) {
    const outcomes = expected(c.kind, c.outcomes);
    describe(c.name, () => {
      for (const actor of ACTORS) {
        const want = outcomes[actor];
        it(`${actor}: ${want}`, async () => {
          const f = await fixture();
          const res = await call(actor, c.kind, c.path, c.input(f));
          expect(res.status, res.error?.message).toBe(STATUS[want]);
          if (want !== "ok") {
            expect(res.data).toBeUndefined();
            expect(res.error?.message).toBeTruthy();
          }
          await c.verify(f, want === "ok", res.data);
        });
      }
    });
  }

  it("a refusal names the action and its rule", async () => {
    const f = await fixture();
    const res = await call("other", "mutation", "posts.unpublish", { id: f.published, input: { reason: "Not mine." } });
    expect(res.status).toBe(403);
    expect(res.error?.message).toBe('posts.unpublish refused by rule "published posts, by their authors or editors"');
    const admins = await call("editor", "mutation", "users.sendPasswordReset", { id: f.member });
    expect(admins.error?.message).toBe('users.sendPasswordReset refused by rule "admins only"');
  });

  it("a run sent with an Idempotency-Key runs once: a retry with the same key gets the first answer", async () => {
    const f = await fixture();
    const key = { "idempotency-key": `actions-${f.draft}` };
    const first = await call("owner", "mutation", "posts.publish", { id: f.draft }, key);
    const again = await call("owner", "mutation", "posts.publish", { id: f.draft }, key);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.data).toEqual(first.data);
    expect(await actionEntries(f.draft)).toHaveLength(1);
    // Without the key, a second run is a new call: the post is no draft any more, so the rule refuses it.
    expect((await call("owner", "mutation", "posts.publish", { id: f.draft })).status).toBe(403);
  });

  it("bad input is a 400 naming the field, never a 500, and writes nothing", async () => {
    const f = await fixture();
    const cases: unknown[] = [
      { id: f.published, input: { reason: "no" } },
      { id: f.published, input: { reason: 42 } },
      { id: f.published, input: { reason: "A fine reason.", extra: true } },
      { id: f.published, input: "not an object" },
      { id: "not-a-uuid", input: { reason: "A fine reason." } },
      { id: f.published, input: { reason: "x".repeat(501) } },
    ];
    for (const input of cases) {
      const res = await call("editor", "mutation", "posts.unpublish", input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(Object.keys(res.error?.data.fieldErrors ?? {}).length).toBeGreaterThan(0);
    }
    expect(await postStatus(f.published)).toBe("published");
    expect(await actionEntries(f.published)).toHaveLength(0);
    const short = await call("editor", "mutation", "posts.unpublish", { id: f.published, input: { reason: "no" } });
    expect(short.error?.data.fieldErrors).toEqual({ reason: ["Reason must be at least 5 characters"] });
  });
});
