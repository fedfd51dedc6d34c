/**
 * The authorization matrix's actors, cases and calls (every resource x operation x actor), shared by the files that
 * run it over each API: authorization.test.ts (/api/trpc), authorization-rest.test.ts (/api/v1) and
 * authorization-pocketbase.test.ts (/api/collections). Each test file
 * that imports this gets a database of its own (the hooks below), so cases that create unique rows run in both.
 * Real Auth.js sessions (signed in through the real credentials endpoint) and real API tokens; each case gets fresh
 * rows, asserts the HTTP status (and, for reads, what is visible), then checks the database afterwards.
 */
import { eq, sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountSettings,
  announcements,
  auditLog,
  backups,
  comments,
  posts,
  projects,
  requestLog,
  tags,
  users,
  webhookDeliveries,
  webhookEvents,
  webhooks,
} from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { revokeSession } from "@/server/auth/sessions";
import { createApiToken, createUserWithPassword, sessionIdOf, signInCookie } from "@/server/auth/testing";
import { startJobs } from "@/server/core/jobs/runtime";
import { pocketBaseRequestFor } from "@/server/http/pocketbase/from-procedure";
import { restRequestFor } from "@/server/http/rest/from-procedure";
import { resources } from "@/server/resources";
import { webhookDelivery } from "@/server/webhooks";

export const ACTORS = [
  "anonymous",
  "owner",
  "other",
  "editor",
  "admin",
  "blocked",
  "readToken",
  "expiredToken",
  /** A member who has not confirmed their email address: like `other`, but may not post (posts.create: verified). */
  "unverified",
  /** An editor whose role must use two-factor (an admin's setting), who has not set it up. */
  "staffWithout2fa",
  /** A session that gave the password but not yet the second factor. */
  "secondFactorPending",
  /** A session its user signed out of elsewhere (/account/security). */
  "revokedSession",
] as const;
export type ActorName = (typeof ACTORS)[number];
/** "ok" is 200; the numbers are the HTTP statuses of UNAUTHORIZED, FORBIDDEN and NOT_FOUND. */
type Outcome = "ok" | 401 | 403 | 404;

let t: TestDatabase;
let route: typeof import("./route");
let restRoute: typeof import("@/app/api/v1/[...path]/route");
let pocketBaseRoute: typeof import("@/app/api/collections/[[...path]]/route");
const headersOf = {} as Record<ActorName, Record<string, string>>;
export const userIdOf = {} as Record<"owner" | "other" | "editor" | "admin" | "victim" | "unverified", string>;
const PASSWORD = "correct horse battery staple";

export interface Fixture {
  draft: string;
  published: string;
  draftComment: string;
  publishedComment: string;
  member: string;
  tag: string;
  tagName: string;
  current: string;
  inactive: string;
  project: string;
  webhook: string;
  webhookEvent: string;
  delivery: string;
  /** A request log row and a finished backup: operations records only admins read and nobody edits. */
  logged: string;
  loggedRequest: string;
  backup: string;
}

let serial = 0;
/** Fresh rows for one call: the owner's draft and published post, a comment of theirs on each, a member, a tag. */
export async function fixture(): Promise<Fixture> {
  const n = ++serial;
  const author = userIdOf.owner;
  const [draft, published] = await t.db
    .insert(posts)
    .values([
      { title: `Owner draft ${n}`, slug: `owner-draft-${n}`, body: "A draft body.", status: "draft", authorId: author },
      {
        title: `Owner published ${n}`,
        slug: `owner-published-${n}`,
        body: "A published body.",
        status: "published",
        authorId: author,
        publishedAt: new Date(),
      },
    ])
    .returning({ id: posts.id });
  const [draftComment, publishedComment] = await t.db
    .insert(comments)
    .values([
      { postId: draft?.id as string, authorId: author, body: "On my draft" },
      { postId: published?.id as string, authorId: author, body: "On my post" },
    ])
    .returning({ id: comments.id });
  const [member] = await t.db
    .insert(users)
    .values({ name: `Member ${n}`, email: `member${n}@matrix.test` })
    .returning({ id: users.id });
  const [tag] = await t.db
    .insert(tags)
    .values({ name: `Tag ${n}`, slug: `tag-${n}` })
    .returning({ id: tags.id });
  const [current, inactive] = await t.db
    .insert(announcements)
    .values([
      { title: `Current ${n}`, message: "On now." },
      { title: `Inactive ${n}`, message: "Not shown.", active: false },
    ])
    .returning({ id: announcements.id });
  const [project] = await t.db
    .insert(projects)
    .values({ name: `Owner project ${n}`, budget: "100.00", ownerId: author })
    .returning({ id: projects.id });
  // One webhook at a time (at most 100 may exist, and each case needs only its own).
  await t.db.delete(webhooks);
  const [webhook] = await t.db
    .insert(webhooks)
    .values({
      name: `Hook ${n}`,
      url: "https://93.184.215.14/hook",
      resources: ["users"],
      secret: `whsec_fixture_${n}`,
    })
    .returning({ id: webhooks.id });
  const [event] = await t.db
    .insert(webhookEvents)
    .values({
      webhookId: webhook?.id as string,
      resource: "users",
      recordId: author,
      event: "update",
      operation: "update",
    })
    .returning({ id: webhookEvents.id });
  const [delivery] = await t.db
    .insert(webhookDeliveries)
    .values({
      webhookId: webhook?.id as string,
      eventId: event?.id as string,
      type: "users.update",
      recordId: author,
      attempt: 1,
      status: "failed",
      error: "HTTP 500",
    })
    .returning({ id: webhookDeliveries.id });
  const [logged] = await t.db
    .insert(requestLog)
    .values({
      requestId: `matrix-${n}`,
      method: "POST",
      route: "/api/trpc",
      procedure: "posts.create",
      status: 200,
      durationMs: 12.5,
      actorId: author,
      instance: "matrix",
    })
    .returning({ id: requestLog.id });
  const [backup] = await t.db
    .insert(backups)
    .values({ status: "failed", error: "a pretend backup of the matrix" })
    .returning({ id: backups.id });
  return {
    logged: logged?.id as string,
    loggedRequest: `matrix-${n}`,
    backup: backup?.id as string,
    webhook: webhook?.id as string,
    webhookEvent: event?.id as string,
    delivery: delivery?.id as string,
    project: project?.id as string,
    current: current?.id as string,
    inactive: inactive?.id as string,
    draft: draft?.id as string,
    published: published?.id as string,
    draftComment: draftComment?.id as string,
    publishedComment: publishedComment?.id as string,
    member: member?.id as string,
    tag: tag?.id as string,
    tagName: `Tag ${n}`,
  };
}

interface Envelope {
  result?: { data: { json: unknown; meta?: unknown } };
  error?: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } } };
}

export async function call(actor: ActorName, kind: "query" | "mutation", path: string, input: unknown) {
  const body = JSON.stringify(superjson.serialize(input));
  // Each actor calls from an address of its own, as different people would: the per-IP limits (which count every
  // caller without a usable credential together) stay per actor, so one actor's calls never spend another's.
  const headers = { ...headersOf[actor], "x-forwarded-for": `198.51.100.${ACTORS.indexOf(actor) + 1}` };
  const req =
    kind === "query"
      ? new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(body)}`, {
          headers,
        })
      : new Request(`http://localhost/api/trpc/${path}`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body,
        });
  const res = await route[kind === "query" ? "GET" : "POST"](req);
  const envelope = (await res.json()) as Envelope;
  const data = envelope.result
    ? superjson.deserialize(envelope.result.data as Parameters<typeof superjson.deserialize>[0])
    : undefined;
  return { status: res.status, data, error: envelope.error?.json };
}

/**
 * An HTTP call as `actor`, its body as JSON (bigints as strings), from an address of its own per API (`ipBase`), so
 * one API's rate limit counts never touch another's.
 */
function jsonRequest(
  actor: ActorName,
  request: { method: string; target: string; body?: unknown },
  ipBase: number,
): Request {
  const body =
    request.body === undefined
      ? undefined
      : JSON.stringify(request.body, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  const headers: Record<string, string> = {
    ...headersOf[actor],
    "x-forwarded-for": `198.51.100.${ACTORS.indexOf(actor) + ipBase}`,
    ...(body === undefined ? {} : { "content-type": "application/json" }),
  };
  return new Request(`http://localhost${request.target}`, { method: request.method, headers, body });
}

/**
 * The same call over the REST API (server/http/rest/from-procedure.ts), in `call`'s terms: 2xx as 200, the error's
 * message and field errors where tRPC has them; null for a procedure REST does not serve.
 */
export async function restCall(actor: ActorName, path: string, input: unknown) {
  const request = restRequestFor(path, input, resources);
  if (!request) return null;
  const res = await restRoute[request.method](jsonRequest(actor, request, 101));
  const json = (await res.json()) as Rec & { message?: string; code?: string; fieldErrors?: Record<string, string[]> };
  if (res.ok) return { status: 200, data: json as unknown, error: undefined };
  const error = { message: json.message ?? "", data: { code: json.code ?? "", fieldErrors: json.fieldErrors ?? null } };
  return { status: res.status, data: undefined, error };
}

/** A PocketBase record back in Atrium's names (`created` → `createdAt`), for the cases' checks; lists item by item. */
function fromPocketBase(json: Rec): Rec {
  const record = ({ collectionId: _id, collectionName: _name, created, updated, ...rest }: Rec): Rec => ({
    ...rest,
    ...(created === undefined ? {} : { createdAt: created }),
    ...(updated === undefined ? {} : { updatedAt: updated }),
  });
  return Array.isArray(json.items) ? { ...json, items: (json.items as Rec[]).map(record) } : record(json);
}

/**
 * The same call over PocketBase's records API (server/http/pocketbase/from-procedure.ts), in `call`'s terms: 2xx
 * (a delete's 204 too) as 200, PocketBase's `{ status, message, data }` as the error; null for what it does not serve.
 */
export async function pocketBaseCall(actor: ActorName, path: string, input: unknown) {
  const request = pocketBaseRequestFor(path, input, resources);
  if (!request) return null;
  const res = await pocketBaseRoute[request.method](jsonRequest(actor, request, 151));
  const text = await res.text();
  const json = (text ? JSON.parse(text) : {}) as Rec & { message?: string };
  if (res.ok) return { status: 200, data: fromPocketBase(json) as unknown, error: undefined };
  return { status: res.status, data: undefined, error: { message: json.message ?? "" } };
}

/** The user an actor acts as (tokens act as the owner). */
function actingUser(actor: ActorName): string | undefined {
  if (actor === "readToken" || actor === "owner") return userIdOf.owner;
  if (actor === "other" || actor === "editor" || actor === "admin" || actor === "unverified") return userIdOf[actor];
  return undefined;
}

/**
 * Expected outcomes per actor. Blocked sessions and expired tokens are refused before any rule runs; a read-only
 * token reads like its owner and may not write.
 */
export function expected(kind: "query" | "mutation", outcomes: Partial<Record<ActorName, Outcome>>) {
  const all = {} as Record<ActorName, Outcome>;
  for (const actor of ACTORS) all[actor] = outcomes[actor] ?? 403;
  all.unverified = outcomes.unverified ?? outcomes.other ?? 403;
  // Refused before any rule runs, like a blocked user: the session opens nothing (server/auth/actor.ts).
  all.blocked = 401;
  all.expiredToken = 401;
  all.staffWithout2fa = 401;
  all.secondFactorPending = 401;
  all.revokedSession = 401;
  all.readToken = kind === "query" ? (outcomes.owner ?? 403) : 403;
  return all;
}

export interface Case {
  name: string;
  kind: "query" | "mutation";
  path: string;
  input: (f: Fixture, actor: ActorName) => unknown;
  outcomes: Partial<Record<ActorName, Outcome>>;
  /** Checks the response body of a successful call and the database afterwards, whatever the outcome. */
  verify: (f: Fixture, actor: ActorName, ok: boolean, data: unknown) => Promise<void>;
}

type Rec = Record<string, unknown>;
const items = (data: unknown) => (data as { items: Rec[] }).items;
const postRow = async (id: string) => (await t.db.select().from(posts).where(eq(posts.id, id)))[0];
const commentRow = async (id: string) => (await t.db.select().from(comments).where(eq(comments.id, id)))[0];
const userRow = async (id: string) => (await t.db.select().from(users).where(eq(users.id, id)))[0];
const tagRow = async (id: string) => (await t.db.select().from(tags).where(eq(tags.id, id)))[0];
const seesOwnerPrivate = (a: ActorName) => a === "owner" || a === "admin" || a === "readToken";

const everyoneReads: Partial<Record<ActorName, Outcome>> = {
  anonymous: "ok",
  owner: "ok",
  other: "ok",
  editor: "ok",
  admin: "ok",
};
const signedInWrite: Partial<Record<ActorName, Outcome>> = {
  anonymous: 401,
  owner: "ok",
  other: "ok",
  editor: "ok",
  admin: "ok",
};
const adminsOnly: Partial<Record<ActorName, Outcome>> = { anonymous: 401, admin: "ok" };
const editorsWrite: Partial<Record<ActorName, Outcome>> = { anonymous: 401, editor: "ok", admin: "ok" };
const projectRow = async (id: string) => (await t.db.select().from(projects).where(eq(projects.id, id)))[0];
const signedInRead: Partial<Record<ActorName, Outcome>> = {
  anonymous: 401,
  owner: "ok",
  other: "ok",
  editor: "ok",
  admin: "ok",
};
const webhookRow = async (id: string) => (await t.db.select().from(webhooks).where(eq(webhooks.id, id)))[0];
const announcementRow = async (id: string) =>
  (await t.db.select().from(announcements).where(eq(announcements.id, id)))[0];

/** A job id no job has (jobs.get, retry and cancel). */
const MISSING_JOB = "00000000-0000-4000-8000-00000000dead";

export const CASES: Case[] = [
  // posts: anyone reads published; authors also their drafts; editors and admins everything.
  {
    name: "posts.list shows drafts to their author, editors and admins only",
    kind: "query",
    path: "posts.list",
    input: () => ({ perPage: 100, sort: ["-createdAt"] }),
    outcomes: everyoneReads,
    verify: async (f, actor, ok, data) => {
      if (!ok) return;
      const ids = items(data).map((p) => p.id);
      expect(ids).toContain(f.published);
      expect(ids.includes(f.draft)).toBe(["owner", "editor", "admin", "readToken"].includes(actor));
    },
  },
  {
    name: "posts.get of a draft is NOT_FOUND for those who may not see it",
    kind: "query",
    path: "posts.get",
    input: (f) => ({ id: f.draft }),
    outcomes: { anonymous: 404, owner: "ok", other: 404, editor: "ok", admin: "ok" },
    verify: async (f, _a, ok, data) => {
      if (ok) expect((data as Rec).id).toBe(f.draft);
    },
  },
  {
    name: "posts.get of a published post, with its author's email only for the author and admins",
    kind: "query",
    path: "posts.get",
    input: (f) => ({ id: f.published, expand: ["author", "comments.author"] }),
    outcomes: everyoneReads,
    verify: async (_f, actor, ok, data) => {
      if (!ok) return;
      const post = data as { expand: { author: Rec; comments: { expand: { author: Rec } }[] } };
      expect("email" in post.expand.author).toBe(seesOwnerPrivate(actor));
      expect("email" in (post.expand.comments[0]?.expand.author ?? {})).toBe(seesOwnerPrivate(actor));
      expect(JSON.stringify(data)).not.toContain("passwordHash");
    },
  },
  {
    name: "posts.create by any signed-in user with a verified email, who becomes the author",
    kind: "mutation",
    path: "posts.create",
    input: (_f, actor) => ({ title: `Created by ${actor} ${++serial}`, body: "Body of a new post." }),
    outcomes: { ...signedInWrite, unverified: 403 },
    verify: async (_f, actor, ok, data) => {
      const created = await t.db
        .select()
        .from(posts)
        .where(eq(posts.title, String((data as Rec)?.title ?? "")));
      if (!ok) return expect(data).toBeUndefined();
      expect(created).toHaveLength(1);
      expect(created[0]?.authorId).toBe(actingUser(actor));
    },
  },
  {
    name: "posts.create naming another author: only admins may",
    kind: "mutation",
    path: "posts.create",
    input: (_f, actor) => ({ title: `Forged by ${actor}`, body: "Body of a forged post.", authorId: userIdOf.victim }),
    outcomes: adminsOnly,
    verify: async (_f, actor, ok) => {
      const rows = await t.db
        .select()
        .from(posts)
        .where(eq(posts.title, `Forged by ${actor}`));
      expect(rows).toHaveLength(ok ? 1 : 0);
      if (ok) expect(rows[0]?.authorId).toBe(userIdOf.victim);
    },
  },
  {
    name: "posts.update of the owner's draft: author, editors, admins; hidden from others",
    kind: "mutation",
    path: "posts.update",
    input: (f, actor) => ({ id: f.draft, data: { title: `Draft retitled by ${actor}` } }),
    outcomes: { anonymous: 401, owner: "ok", other: 404, editor: "ok", admin: "ok" },
    verify: async (f, actor, ok) => {
      expect((await postRow(f.draft))?.title === `Draft retitled by ${actor}`).toBe(ok);
      // Free the derived slug for the next actor.
      await t.db
        .update(posts)
        .set({ slug: `freed-${f.draft}` })
        .where(eq(posts.id, f.draft));
    },
  },
  {
    name: "posts.update of the owner's published post: visible to others but refused by the rule",
    kind: "mutation",
    path: "posts.update",
    input: (f) => ({ id: f.published, data: { body: "Rewritten body text." } }),
    outcomes: { anonymous: 401, owner: "ok", other: 403, editor: "ok", admin: "ok" },
    verify: async (f, _a, ok) => {
      expect((await postRow(f.published))?.body === "Rewritten body text.").toBe(ok);
    },
  },
  {
    name: "posts.update changing the author: only admins",
    kind: "mutation",
    path: "posts.update",
    input: (f) => ({ id: f.published, data: { authorId: userIdOf.victim } }),
    outcomes: { anonymous: 401, owner: 403, other: 403, editor: 403, admin: "ok" },
    verify: async (f, _a, ok) => {
      expect((await postRow(f.published))?.authorId).toBe(ok ? userIdOf.victim : userIdOf.owner);
    },
  },
  {
    name: "posts.delete of the owner's draft: the author and admins",
    kind: "mutation",
    path: "posts.delete",
    input: (f) => ({ id: f.draft }),
    outcomes: { anonymous: 401, owner: "ok", other: 404, editor: 403, admin: "ok" },
    verify: async (f, _a, ok) => {
      expect((await postRow(f.draft))?.deletedAt !== null).toBe(ok);
    },
  },
  {
    name: "posts.delete of a published post: admins only (authors delete drafts)",
    kind: "mutation",
    path: "posts.delete",
    input: (f) => ({ id: f.published }),
    outcomes: { anonymous: 401, owner: 403, other: 403, editor: 403, admin: "ok" },
    verify: async (f, _a, ok) => {
      expect((await postRow(f.published))?.deletedAt !== null).toBe(ok);
    },
  },
  // comments: readable when the post is; signed-in users create; authors edit theirs; admins delete any.
  {
    name: "comments.list on a draft shows comments only to those who may read the draft",
    kind: "query",
    path: "comments.list",
    input: (f) => ({ filter: { postId: { in: [f.draft, f.published] } } }),
    outcomes: everyoneReads,
    verify: async (f, actor, ok, data) => {
      if (!ok) return;
      const ids = items(data).map((c) => c.id);
      expect(ids).toContain(f.publishedComment);
      expect(ids.includes(f.draftComment)).toBe(["owner", "editor", "admin", "readToken"].includes(actor));
    },
  },
  {
    name: "comments.get of a comment on a draft is NOT_FOUND for those who may not read the draft",
    kind: "query",
    path: "comments.get",
    input: (f) => ({ id: f.draftComment, expand: ["post"] }),
    outcomes: { anonymous: 404, owner: "ok", other: 404, editor: "ok", admin: "ok" },
    verify: async (f, _a, ok, data) => {
      if (ok) expect((data as { expand: { post: Rec } }).expand.post.id).toBe(f.draft);
    },
  },
  {
    name: "comments.create on a published post by any signed-in user, as themself",
    kind: "mutation",
    path: "comments.create",
    input: (f, actor) => ({ postId: f.published, body: `Comment by ${actor}` }),
    outcomes: signedInWrite,
    verify: async (f, actor, ok) => {
      const rows = await t.db
        .select()
        .from(comments)
        .where(eq(comments.body, `Comment by ${actor}`));
      expect(rows.filter((r) => r.postId === f.published)).toHaveLength(ok ? 1 : 0);
      if (ok) expect(rows.at(-1)?.authorId).toBe(actingUser(actor));
      await t.db.delete(comments).where(eq(comments.body, `Comment by ${actor}`));
    },
  },
  {
    name: "comments.create on a draft the caller cannot read is refused",
    kind: "mutation",
    path: "comments.create",
    input: (f, actor) => ({ postId: f.draft, body: `Draft comment by ${actor}` }),
    outcomes: { anonymous: 401, owner: "ok", other: 403, editor: "ok", admin: "ok" },
    verify: async (f, actor, ok) => {
      const rows = await t.db
        .select()
        .from(comments)
        .where(eq(comments.body, `Draft comment by ${actor}`));
      expect(rows.filter((r) => r.postId === f.draft)).toHaveLength(ok ? 1 : 0);
      await t.db.delete(comments).where(eq(comments.body, `Draft comment by ${actor}`));
    },
  },
  {
    name: "comments.update: authors edit their own only",
    kind: "mutation",
    path: "comments.update",
    input: (f) => ({ id: f.publishedComment, data: { body: "Edited comment" } }),
    outcomes: { anonymous: 401, owner: "ok", other: 403, editor: 403, admin: 403 },
    verify: async (f, _a, ok) => {
      expect((await commentRow(f.publishedComment))?.body === "Edited comment").toBe(ok);
    },
  },
  {
    name: "comments.delete: authors delete their own, admins any",
    kind: "mutation",
    path: "comments.delete",
    input: (f) => ({ id: f.publishedComment }),
    outcomes: { anonymous: 401, owner: "ok", other: 403, editor: 403, admin: "ok" },
    verify: async (f, _a, ok) => {
      expect(await commentRow(f.publishedComment)).toEqual(
        ok ? undefined : expect.objectContaining({ id: f.publishedComment }),
      );
    },
  },
  // users: name, bio, role public; email and blocked for the user and admins; users edit their name and bio.
  {
    name: "users.list shows emails and the blocked flag to the user themself and admins only",
    kind: "query",
    path: "users.list",
    input: () => ({ perPage: 100 }),
    outcomes: everyoneReads,
    verify: async (_f, actor, ok, data) => {
      if (!ok) return;
      const list = items(data);
      const me = actingUser(actor);
      for (const u of list) {
        const mayRead = actor === "admin" || u.id === me;
        expect("email" in u, `${actor} reading ${u.name}`).toBe(mayRead);
        expect("blocked" in u).toBe(mayRead);
        expect("passwordHash" in u).toBe(false);
        expect(u).toHaveProperty("role");
      }
    },
  },
  {
    name: "users.get of the owner: email for the owner and admins",
    kind: "query",
    path: "users.get",
    input: () => ({ id: userIdOf.owner, expand: ["posts"] }),
    outcomes: everyoneReads,
    verify: async (f, actor, ok, data) => {
      if (!ok) return;
      expect("email" in (data as Rec)).toBe(seesOwnerPrivate(actor));
      const postIds = (data as { expand: { posts: Rec[] } }).expand.posts.map((p) => p.id);
      // The owner has more than 20 posts by now; the draft of this fixture is the newest when it shows.
      expect(postIds.includes(f.draft)).toBe(["owner", "editor", "admin", "readToken"].includes(actor));
    },
  },
  {
    name: "users.update of the owner's bio: the owner and admins",
    kind: "mutation",
    path: "users.update",
    input: (_f, actor) => ({ id: userIdOf.owner, data: { bio: `Bio set by ${actor}` } }),
    outcomes: { anonymous: 401, owner: "ok", other: 403, editor: 403, admin: "ok" },
    verify: async (_f, actor, ok) => {
      expect((await userRow(userIdOf.owner))?.bio === `Bio set by ${actor}`).toBe(ok);
    },
  },
  {
    name: "users.update of a role: admins only, even on your own row",
    kind: "mutation",
    path: "users.update",
    input: () => ({ id: userIdOf.owner, data: { role: "editor" } }),
    outcomes: { anonymous: 401, owner: 403, other: 403, editor: 403, admin: "ok" },
    verify: async (_f, _a, ok) => {
      expect((await userRow(userIdOf.owner))?.role).toBe(ok ? "editor" : "member");
      await t.db.update(users).set({ role: "member" }).where(eq(users.id, userIdOf.owner));
    },
  },
  {
    name: "users.update blocking a member: admins only",
    kind: "mutation",
    path: "users.update",
    input: (f) => ({ id: f.member, data: { blocked: true } }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok) => {
      expect((await userRow(f.member))?.blocked).toBe(ok);
    },
  },
  {
    name: "users.create has no rule: admins only",
    kind: "mutation",
    path: "users.create",
    input: (_f, actor) => ({ name: `Made by ${actor}`, email: `made-by-${actor}@matrix.test` }),
    outcomes: adminsOnly,
    verify: async (_f, actor, ok) => {
      expect(
        await t.db
          .select()
          .from(users)
          .where(eq(users.email, `made-by-${actor}@matrix.test`)),
      ).toHaveLength(ok ? 1 : 0);
    },
  },
  {
    name: "users.delete has no rule: admins only",
    kind: "mutation",
    path: "users.delete",
    input: (f) => ({ id: f.member }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok) => {
      expect(await userRow(f.member)).toEqual(ok ? undefined : expect.objectContaining({ id: f.member }));
    },
  },
  // tags: public to read; writing has no rule, so admins only.
  {
    name: "tags.list is public",
    kind: "query",
    path: "tags.list",
    input: (f) => ({ search: f.tagName }),
    outcomes: everyoneReads,
    verify: async (f, _a, ok, data) => {
      if (ok) expect(items(data).map((x) => x.id)).toContain(f.tag);
    },
  },
  {
    name: "tags.create: admins only",
    kind: "mutation",
    path: "tags.create",
    input: (_f, actor) => ({ name: `New ${actor}`, slug: `new-${actor.toLowerCase()}` }),
    outcomes: adminsOnly,
    verify: async (_f, actor, ok) => {
      expect(
        await t.db
          .select()
          .from(tags)
          .where(eq(tags.slug, `new-${actor.toLowerCase()}`)),
      ).toHaveLength(ok ? 1 : 0);
    },
  },
  {
    name: "tags.update: admins only",
    kind: "mutation",
    path: "tags.update",
    input: (f) => ({ id: f.tag, data: { name: "Renamed" } }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok) => {
      expect((await tagRow(f.tag))?.name === "Renamed").toBe(ok);
    },
  },
  {
    name: "tags.delete: admins only",
    kind: "mutation",
    path: "tags.delete",
    input: (f) => ({ id: f.tag }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok) => {
      expect(await tagRow(f.tag)).toEqual(ok ? undefined : expect.objectContaining({ id: f.tag }));
    },
  },
  // announcements: current ones are public; editors and admins see and write all of them.
  {
    name: "announcements.list shows inactive notices to editors and admins only",
    kind: "query",
    path: "announcements.list",
    input: () => ({ perPage: 100, sort: ["-createdAt"] }),
    outcomes: everyoneReads,
    verify: async (f, actor, ok, data) => {
      if (!ok) return;
      const ids = items(data).map((a) => a.id);
      expect(ids).toContain(f.current);
      expect(ids.includes(f.inactive)).toBe(actor === "editor" || actor === "admin");
    },
  },
  {
    name: "announcements.create: editors and admins",
    kind: "mutation",
    path: "announcements.create",
    input: (_f, actor) => ({ title: `Notice by ${actor}`, message: "Hello." }),
    outcomes: editorsWrite,
    verify: async (_f, actor, ok) => {
      const rows = await t.db
        .select()
        .from(announcements)
        .where(eq(announcements.title, `Notice by ${actor}`));
      expect(rows).toHaveLength(ok ? 1 : 0);
    },
  },
  {
    // Members may not update announcements at all, so they are refused before any row is looked at (which says
    // nothing about whether this one exists).
    name: "announcements.update of an inactive notice: editors and admins",
    kind: "mutation",
    path: "announcements.update",
    input: (f) => ({ id: f.inactive, data: { active: true } }),
    outcomes: editorsWrite,
    verify: async (f, _a, ok) => {
      expect((await announcementRow(f.inactive))?.active).toBe(ok);
    },
  },
  {
    name: "announcements.delete of a current notice: editors and admins",
    kind: "mutation",
    path: "announcements.delete",
    input: (f) => ({ id: f.current }),
    outcomes: editorsWrite,
    verify: async (f, _a, ok) => {
      expect(await announcementRow(f.current)).toEqual(ok ? undefined : expect.objectContaining({ id: f.current }));
    },
  },
  // projects: signed-in users read them all; the owner and admins change one; only admins delete.
  {
    name: "projects.list: signed-in users only",
    kind: "query",
    path: "projects.list",
    input: () => ({ perPage: 100, filter: { budget: { gte: "100" } } }),
    outcomes: signedInRead,
    verify: async (f, _a, ok, data) => {
      if (ok) expect(items(data).map((p) => p.id)).toContain(f.project);
    },
  },
  {
    name: "projects.get: signed-in users only",
    kind: "query",
    path: "projects.get",
    input: (f) => ({ id: f.project }),
    outcomes: signedInRead,
    verify: async (f, _a, ok, data) => {
      if (ok) expect(data).toMatchObject({ id: f.project, budget: "100.00" });
    },
  },
  {
    name: "projects.create by any signed-in user, who becomes the owner",
    kind: "mutation",
    path: "projects.create",
    input: (_f, actor) => ({ name: `Project by ${actor}`, budget: "1.50" }),
    outcomes: signedInWrite,
    verify: async (_f, actor, ok) => {
      const rows = await t.db
        .select()
        .from(projects)
        .where(eq(projects.name, `Project by ${actor}`));
      expect(rows).toHaveLength(ok ? 1 : 0);
      if (ok) expect(rows[0]?.ownerId).toBe(actingUser(actor));
    },
  },
  {
    name: "projects.update of the owner's project: the owner and admins",
    kind: "mutation",
    path: "projects.update",
    input: (f) => ({ id: f.project, data: { budget: "250.00" } }),
    outcomes: { anonymous: 401, owner: "ok", admin: "ok" },
    verify: async (f, _a, ok) => {
      expect((await projectRow(f.project))?.budget).toBe(ok ? "250.00" : "100.00");
    },
  },
  {
    name: "projects.delete has no rule: admins only",
    kind: "mutation",
    path: "projects.delete",
    input: (f) => ({ id: f.project }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok) => {
      expect(await projectRow(f.project)).toEqual(ok ? undefined : expect.objectContaining({ id: f.project }));
    },
  },
  // webhooks: admins only, for every procedure; the delivery log is written by nobody through the API.
  {
    name: "webhooks.list: admins only, and never with the secret",
    kind: "query",
    path: "webhooks.list",
    input: () => ({ perPage: 100 }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok, data) => {
      if (!ok) return;
      expect(items(data).map((w) => w.id)).toContain(f.webhook);
      expect(JSON.stringify(data)).not.toContain("whsec_");
    },
  },
  {
    name: "webhooks.create: admins only",
    kind: "mutation",
    path: "webhooks.create",
    input: (_f, actor) => ({
      name: `Hook by ${actor}`,
      url: "https://93.184.215.14/created",
      resources: ["users"],
      events: ["create"],
    }),
    outcomes: adminsOnly,
    verify: async (_f, actor, ok) => {
      const rows = await t.db
        .select()
        .from(webhooks)
        .where(eq(webhooks.name, `Hook by ${actor}`));
      expect(rows).toHaveLength(ok ? 1 : 0);
      await t.db.delete(webhooks).where(eq(webhooks.name, `Hook by ${actor}`));
    },
  },
  {
    name: "webhooks.update: admins only",
    kind: "mutation",
    path: "webhooks.update",
    input: (f) => ({ id: f.webhook, data: { active: false } }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok) => {
      expect((await webhookRow(f.webhook))?.active).toBe(!ok);
    },
  },
  {
    name: "webhooks.delete: admins only",
    kind: "mutation",
    path: "webhooks.delete",
    input: (f) => ({ id: f.webhook }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok) => {
      expect(await webhookRow(f.webhook)).toEqual(ok ? undefined : expect.objectContaining({ id: f.webhook }));
    },
  },
  {
    name: "webhookAdmin.revealSecret: admins only, and only to them",
    kind: "mutation",
    path: "webhookAdmin.revealSecret",
    input: (f) => ({ id: f.webhook }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok, data) => {
      const row = await webhookRow(f.webhook);
      expect(row?.secretShownAt !== null).toBe(ok);
      if (ok) expect((data as { secret: string }).secret).toBe(row?.secret);
    },
  },
  {
    name: "webhookAdmin.rotateSecret: admins only",
    kind: "mutation",
    path: "webhookAdmin.rotateSecret",
    input: (f) => ({ id: f.webhook }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok) => {
      expect((await webhookRow(f.webhook))?.secret.startsWith("whsec_fixture_")).toBe(!ok);
    },
  },
  {
    name: "webhookAdmin.redeliver: admins only",
    kind: "mutation",
    path: "webhookAdmin.redeliver",
    input: (f) => ({ deliveryId: f.delivery }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok) => {
      const queued = await t.db.execute(
        sql`select 1 from pgboss.job where name = ${webhookDelivery.name} and data->>'eventId' = ${f.webhookEvent}`,
      );
      expect(Array.from(queued)).toHaveLength(ok ? 1 : 0);
    },
  },
  {
    name: "webhookDeliveries.list: admins only",
    kind: "query",
    path: "webhookDeliveries.list",
    input: (f) => ({ filter: { webhookId: { eq: f.webhook } } }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok, data) => {
      if (ok) expect(items(data).map((d) => d.id)).toEqual([f.delivery]);
    },
  },
  {
    name: "webhookDeliveries.delete: nobody, not even admins (the log is the job's)",
    kind: "mutation",
    path: "webhookDeliveries.delete",
    input: (f) => ({ id: f.delivery }),
    outcomes: { anonymous: 401 },
    verify: async (f) => {
      const rows = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, f.delivery));
      expect(rows).toHaveLength(1);
    },
  },
  {
    name: "files.token: any signed-in caller, for themselves (a read-only token too)",
    kind: "query",
    path: "files.token",
    input: () => undefined,
    outcomes: signedInRead,
    verify: async (_f, actor, ok, data) => {
      if (!ok) return;
      const { token } = data as { token: string };
      const payload = JSON.parse(Buffer.from(token.split(".")[0] as string, "base64url").toString()) as { u: string };
      expect(payload.u).toBe(actingUser(actor));
    },
  },
  // jobs: the admin's Jobs page (server/routers/jobs.ts); admins only, editors included in the refusal. A job id that
  // does not exist lets retry and cancel pass authorization and answer 404 without touching anything.
  {
    name: "jobs.queues: admins only",
    kind: "query",
    path: "jobs.queues",
    input: () => undefined,
    outcomes: adminsOnly,
    verify: async (_f, _a, ok, data) => {
      if (ok) expect((data as { name: string }[]).map((q) => q.name)).toContain("blog.weekly-digest");
    },
  },
  {
    name: "jobs.list: admins only",
    kind: "query",
    path: "jobs.list",
    input: () => ({ state: "failed" }),
    outcomes: adminsOnly,
    verify: async (_f, _a, ok, data) => {
      if (ok) expect(items(data)).toEqual([]);
    },
  },
  {
    name: "jobs.schedules: admins only",
    kind: "query",
    path: "jobs.schedules",
    input: () => undefined,
    outcomes: adminsOnly,
    verify: async (_f, _a, ok, data) => {
      if (ok) expect(Array.isArray(data)).toBe(true);
    },
  },
  {
    name: "jobs.get: admins only (an unknown job is NOT_FOUND)",
    kind: "query",
    path: "jobs.get",
    input: () => ({ id: MISSING_JOB }),
    outcomes: { anonymous: 401, admin: 404 },
    verify: async () => {},
  },
  {
    name: "jobs.retry: admins only, audited (an unknown job is NOT_FOUND and writes nothing)",
    kind: "mutation",
    path: "jobs.retry",
    input: () => ({ queue: "blog.weekly-digest", id: MISSING_JOB }),
    outcomes: { anonymous: 401, admin: 404 },
    verify: async () => {
      expect(await t.db.select().from(auditLog).where(eq(auditLog.recordId, MISSING_JOB))).toEqual([]);
    },
  },
  {
    name: "jobs.cancel: admins only, audited (an unknown job is NOT_FOUND and writes nothing)",
    kind: "mutation",
    path: "jobs.cancel",
    input: () => ({ queue: "blog.weekly-digest", id: MISSING_JOB }),
    outcomes: { anonymous: 401, admin: 404 },
    verify: async () => {
      expect(await t.db.select().from(auditLog).where(eq(auditLog.recordId, MISSING_JOB))).toEqual([]);
    },
  },
  // Operations records (issue 18): the request log and the backups are read by admins and written by the server alone.
  {
    name: "requestLogs.list: admins only",
    kind: "query",
    path: "requestLogs.list",
    input: (f) => ({ filter: { requestId: { eq: f.loggedRequest } } }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok, data) => {
      if (ok) expect(items(data).map((r) => r.id)).toEqual([f.logged]);
    },
  },
  {
    name: "requestLogs.delete: nobody, not even admins (the log is the server's)",
    kind: "mutation",
    path: "requestLogs.delete",
    input: (f) => ({ id: f.logged }),
    outcomes: { anonymous: 401 },
    verify: async (f) => {
      expect(await t.db.select().from(requestLog).where(eq(requestLog.id, f.logged))).toHaveLength(1);
    },
  },
  {
    name: "backups.get: admins only",
    kind: "query",
    path: "backups.get",
    input: (f) => ({ id: f.backup }),
    outcomes: adminsOnly,
    verify: async (f, _a, ok, data) => {
      if (ok) expect((data as { id: string }).id).toBe(f.backup);
    },
  },
  {
    name: "backups.update: nobody, not even admins (backups are written by the backup code)",
    kind: "mutation",
    path: "backups.update",
    input: (f) => ({ id: f.backup, data: { error: "rewritten" } }),
    outcomes: { anonymous: 401 },
    verify: async (f) => {
      const [row] = await t.db.select().from(backups).where(eq(backups.id, f.backup));
      expect(row?.error).toBe("a pretend backup of the matrix");
    },
  },
  // metrics: the dashboard's and the Logs page's charts, and a request's audit entries (server/ops/metrics/router.ts).
  {
    name: "metrics.dashboard: admins only",
    kind: "query",
    path: "metrics.dashboard",
    input: () => ({ range: "hour" }),
    outcomes: adminsOnly,
    verify: async (_f, _a, ok, data) => {
      if (ok) expect((data as { points: unknown[] }).points.length).toBeGreaterThanOrEqual(60);
    },
  },
  {
    name: "metrics.requestLog: admins only",
    kind: "query",
    path: "metrics.requestLog",
    input: () => ({ from: new Date(Date.now() - 3_600_000), to: new Date() }),
    outcomes: adminsOnly,
    verify: async (_f, _a, ok, data) => {
      if (ok) expect(data).toHaveProperty("totals");
    },
  },
  {
    name: "metrics.requestAudit: admins only",
    kind: "query",
    path: "metrics.requestAudit",
    input: () => ({ requestId: "no-such-request" }),
    outcomes: adminsOnly,
    verify: async (_f, _a, ok, data) => {
      if (ok) expect(data).toEqual({ items: [], totalItems: 0 });
    },
  },
];

export const STATUS: Record<Outcome, number> = { ok: 200, 401: 401, 403: 403, 404: 404 };

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  route = await import("./route");
  restRoute = await import("@/app/api/v1/[...path]/route");
  pocketBaseRoute = await import("@/app/api/collections/[[...path]]/route");
  // The delivery job's queue, as every app instance makes it at start (webhookAdmin.redeliver queues into it).
  const jobs = await startJobs({ url: t.url, db: t.db, jobs: [webhookDelivery], work: false, log: () => {} });
  await jobs.stop(0);
  const make = (name: string, role: "member" | "editor" | "admin", email: string) =>
    createUserWithPassword(t.db, { name, email, role }, PASSWORD);
  const owner = await make("Olive Owner", "member", "owner@matrix.test");
  const other = await make("Otto Other", "member", "other@matrix.test");
  const editor = await make("Eve Editor", "editor", "editor@matrix.test");
  const admin = await make("Adam Admin", "admin", "admin@matrix.test");
  const blocked = await make("Bea Blocked", "member", "blocked@matrix.test");
  const victim = await make("Vic Victim", "member", "victim@matrix.test");
  const unverified = await make("Una Unverified", "member", "unverified@matrix.test");
  await t.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, unverified.id));
  await make("Sam Staff", "editor", "staff@matrix.test");
  const pending = await make("Pia Pending", "member", "pending@matrix.test");
  const revoked = await make("Rex Revoked", "member", "revoked@matrix.test");
  Object.assign(userIdOf, {
    owner: owner.id,
    other: other.id,
    editor: editor.id,
    admin: admin.id,
    victim: victim.id,
    unverified: unverified.id,
  });

  const session = async (email: string) => ({ cookie: await signInCookie(t.db, email, PASSWORD) });
  headersOf.anonymous = {};
  headersOf.owner = await session("owner@matrix.test");
  headersOf.other = await session("other@matrix.test");
  headersOf.editor = await session("editor@matrix.test");
  headersOf.admin = await session("admin@matrix.test");
  // Signed in while allowed, blocked afterwards: the session must stop working on its next request.
  headersOf.blocked = await session("blocked@matrix.test");
  await t.db.update(users).set({ blocked: true }).where(eq(users.id, blocked.id));
  headersOf.unverified = await session("unverified@matrix.test");
  // Editors must use two-factor: the matrix's editor has it (as if enrolled), Sam does not.
  await t.db.update(users).set({ twoFactorEnabledAt: new Date() }).where(eq(users.id, editor.id));
  headersOf.staffWithout2fa = await session("staff@matrix.test");
  await t.db
    .update(accountSettings)
    .set({ requireTwoFactorRoles: ["editor"] })
    .where(eq(accountSettings.id, 1));
  // Two-factor on before signing in: the session waits for the code.
  await t.db.update(users).set({ twoFactorEnabledAt: new Date() }).where(eq(users.id, pending.id));
  headersOf.secondFactorPending = await session("pending@matrix.test");
  headersOf.revokedSession = await session("revoked@matrix.test");
  await revokeSession(
    t.db,
    revoked.id,
    await sessionIdOf(headersOf.revokedSession.cookie ?? ""),
    "revoked by the user",
  );
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  headersOf.readToken = bearer(await createApiToken(t.db, owner.id, { scope: "read" }));
  headersOf.expiredToken = bearer(
    await createApiToken(t.db, owner.id, { scope: "write", expiresAt: new Date(Date.now() - 60_000) }),
  );
});
afterAll(() => t.drop());

/** One API's answer to a case, in tRPC's terms; null when that API does not serve the case's procedure. */
export type MatrixCall = (
  actor: ActorName,
  c: Case,
  input: unknown,
) => Promise<{ status: number; data: unknown; error?: { message: string } | undefined } | null>;

/**
 * Registers the matrix's tests for one API: every case it serves, every actor, the expected status; a refusal carries
 * a message (no row data, no private title); then the case's own checks of the answer and the database.
 */
export function runMatrix(serves: (c: Case) => boolean, callCase: MatrixCall): void {
  for (const c of CASES) {
    if (!serves(c)) continue;
    const outcomes = expected(c.kind, c.outcomes);
    describe(c.name, () => {
      for (const actor of ACTORS) {
        const want = outcomes[actor];
        it(`${actor}: ${want}`, async () => {
          const f = await fixture();
          const res = await callCase(actor, c, c.input(f, actor));
          if (!res) throw new Error(`${c.path} is not served here`);
          expect(res.status, res.error?.message).toBe(STATUS[want]);
          if (want !== "ok") {
            expect(res.data).toBeUndefined();
            // A refusal names the rule (or the credential problem) and carries no row data.
            expect(res.error?.message).toBeTruthy();
            if (want === 403 || want === 401) expect(res.error?.message).not.toMatch(/Owner (draft|published)/);
          }
          await c.verify(f, actor, want === "ok", res.data);
        });
      }
    });
  }
}
