/**
 * The admin's side of backups, through the real HTTP route handlers (tRPC and the download route) with real Auth.js
 * sessions and API tokens, and real job workers: an admin backs up, verifies, dry-runs, downloads and restores, each
 * outcome on the row; everyone else is refused on every path (the actions, the list, the download), and nothing runs.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, backups, tags, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createApiToken, createUserWithPassword, signInCookie } from "@/server/auth/testing";
import { type JobsRuntime, startJobs } from "@/server/core/jobs/runtime";
import { jobs } from "@/server/jobs";

const ACTORS = ["anonymous", "member", "editor", "admin", "blocked", "adminReadToken", "memberToken"] as const;
type ActorName = (typeof ACTORS)[number];

let t: TestDatabase;
let dir: string;
let runtime: JobsRuntime;
let trpc: typeof import("@/app/api/trpc/[trpc]/route");
let download: typeof import("@/app/api/backups/[id]/download/route");
const headersOf = {} as Record<ActorName, Record<string, string>>;
const PASSWORD = "correct horse battery staple";

async function call(actor: ActorName, kind: "query" | "mutation", procedure: string, input: unknown) {
  const body = JSON.stringify(superjson.serialize(input));
  const req =
    kind === "query"
      ? new Request(`http://localhost/api/trpc/${procedure}?input=${encodeURIComponent(body)}`, {
          headers: headersOf[actor],
        })
      : new Request(`http://localhost/api/trpc/${procedure}`, {
          method: "POST",
          headers: { ...headersOf[actor], "content-type": "application/json" },
          body,
        });
  const res = await trpc[kind === "query" ? "GET" : "POST"](req);
  const envelope = (await res.json()) as {
    result?: { data: Parameters<typeof superjson.deserialize>[0] };
    error?: { json: { message: string; data: { fieldErrors: Record<string, string[]> | null } } };
  };
  return {
    status: res.status,
    data: envelope.result ? superjson.deserialize(envelope.result.data) : undefined,
    error: envelope.error?.json,
  };
}

function get(actor: ActorName, id: string) {
  const req = new Request(`http://localhost/api/backups/${id}/download`, { headers: headersOf[actor] });
  return download.GET(req, { params: Promise.resolve({ id }) });
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const rowOf = async (id: string) => (await t.db.select().from(backups).where(eq(backups.id, id)))[0];
const checkOf = async (id: string, status: string) => {
  const check = (await rowOf(id))?.lastCheck as { status?: string; message?: string } | null;
  return check?.status === status ? check : undefined;
};

let ready: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "atrium-backups-admin-"));
  process.env.BACKUP_DIR = dir;
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  trpc = await import("@/app/api/trpc/[trpc]/route");
  download = await import("@/app/api/backups/[id]/download/route");
  runtime = await startJobs({ url: t.url, db: t.db, jobs, work: true, pollingIntervalSeconds: 0.5, log: () => {} });
  const make = (name: string, role: "member" | "editor" | "admin", email: string) =>
    createUserWithPassword(t.db, { name, email, role }, PASSWORD);
  const member = await make("Mia Member", "member", "member@backups.test");
  await make("Ed Editor", "editor", "editor@backups.test");
  const admin = await make("Ada Admin", "admin", "admin@backups.test");
  const blocked = await make("Bo Blocked", "member", "blocked@backups.test");
  const session = async (email: string) => ({ cookie: await signInCookie(t.db, email, PASSWORD) });
  headersOf.anonymous = {};
  headersOf.member = await session("member@backups.test");
  headersOf.editor = await session("editor@backups.test");
  headersOf.admin = await session("admin@backups.test");
  headersOf.blocked = await session("blocked@backups.test");
  await t.db.update(users).set({ blocked: true }).where(eq(users.id, blocked.id));
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  headersOf.adminReadToken = bearer(await createApiToken(t.db, admin.id, { scope: "read" }));
  headersOf.memberToken = bearer(await createApiToken(t.db, member.id, { scope: "write" }));

  const started = await call("admin", "mutation", "backups.backUp", {});
  expect(started.status, started.error?.message).toBe(200);
  ready = (started.data as { backupId: string }).backupId;
  await until(async () => ((await rowOf(ready))?.status === "ready" ? true : undefined), "the backup");
});

afterAll(async () => {
  await runtime.stop(1_000);
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("an admin", () => {
  it("backs up: the row goes ready with the archive's figures, the file in BACKUP_DIR", async () => {
    const row = await rowOf(ready);
    expect(row).toMatchObject({ status: "ready", kind: "manual", error: null });
    expect(row?.file).toMatch(/^atrium-.*\.tar\.gz$/);
    const bytes = await readFile(path.join(dir, row?.file as string));
    expect(bytes.length).toBe(row?.sizeBytes);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(row?.checksum);
    expect(row?.tableCount).toBeGreaterThan(10);
  });

  it("downloads the archive, streamed as an attachment, and the download is audited", async () => {
    const res = await get("admin", ready);
    expect(res.status).toBe(200);
    const row = await rowOf(ready);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${row?.file}"`);
    expect(res.headers.get("content-type")).toBe("application/gzip");
    const body = Buffer.from(await res.arrayBuffer());
    expect(createHash("sha256").update(body).digest("hex")).toBe(row?.checksum);
    const entries = await t.db
      .select({ after: auditLog.after, actorLabel: auditLog.actorLabel })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.resource, "backups"),
          eq(auditLog.recordId, ready),
          sql`${auditLog.after}->>'action' = 'download'`,
        ),
      );
    expect(entries).toEqual([{ after: { action: "download", file: row?.file }, actorLabel: "Ada Admin" }]);
  });

  it("verifies and dry-runs: each outcome lands on the row", async () => {
    expect((await call("admin", "mutation", "backups.verify", { id: ready })).status).toBe(200);
    const verified = await until(() => checkOf(ready, "passed"), "the verification");
    expect(verified.message).toMatch(/The archive is intact/);
    expect((await call("admin", "mutation", "backups.dryRun", { id: ready })).status).toBe(200);
    const dry = await until(async () => {
      const check = await checkOf(ready, "passed");
      return check && (check as { mode?: string }).mode === "dry-run" ? check : undefined;
    }, "the dry run");
    expect(dry.message).toMatch(
      /^Would restore \d+ tables, \d+ rows at 0\d+_\w+; foreign keys, row counts, checksums, audit trail checked\.$/,
    );
  });

  it("restores only with the typed confirmation; the restore replaces later changes and is audited", async () => {
    const refused = await call("admin", "mutation", "backups.restoreBackup", {
      id: ready,
      input: { confirmation: "yes" },
    });
    expect(refused.status).toBe(400);
    expect(refused.error?.data.fieldErrors).toEqual({ confirmation: ["Type RESTORE in capitals to confirm"] });

    await t.db.insert(tags).values({ name: "After the backup", slug: "after-the-backup" });
    const ran = await call("admin", "mutation", "backups.restoreBackup", {
      id: ready,
      input: { confirmation: "RESTORE" },
    });
    expect(ran.status, ran.error?.message).toBe(200);
    const done = await until(async () => {
      const check = await checkOf(ready, "passed");
      return check && (check as { mode?: string }).mode === "restore" ? check : undefined;
    }, "the restore");
    expect(done.message).toMatch(/^Restored \d+ tables/);
    expect(await t.db.select().from(tags).where(eq(tags.slug, "after-the-backup"))).toEqual([]);
    const audit = await t.db
      .select({ actorLabel: auditLog.actorLabel })
      .from(auditLog)
      .where(and(eq(auditLog.recordId, ready), sql`${auditLog.after}->>'action' = 'restore'`));
    // The restore's own entry, by the admin; the action's entry from before the restore went with the old trail.
    expect(audit).toEqual([{ actorLabel: "Ada Admin" }]);
    // The backup row itself was kept through the restore.
    expect((await rowOf(ready))?.status).toBe("ready");
  });
});

describe("everyone else", () => {
  const refusedStatus: Record<Exclude<ActorName, "admin">, number> = {
    anonymous: 401,
    member: 403,
    editor: 403,
    blocked: 401,
    adminReadToken: 403,
    memberToken: 403,
  };

  for (const [actor, status] of Object.entries(refusedStatus) as [Exclude<ActorName, "admin">, number][]) {
    it(`${actor}: may not back up (${status}), and no row is made`, async () => {
      const before = await t.db.select({ id: backups.id }).from(backups);
      const res = await call(actor, "mutation", "backups.backUp", {});
      expect(res.status).toBe(status);
      expect(await t.db.select({ id: backups.id }).from(backups)).toHaveLength(before.length);
    });

    it(`${actor}: may not verify, dry-run or restore`, async () => {
      for (const [procedure, input] of [
        ["backups.verify", undefined],
        ["backups.dryRun", undefined],
        ["backups.restoreBackup", { confirmation: "RESTORE" }],
      ] as const) {
        const res = await call(actor, "mutation", procedure, { id: ready, ...(input ? { input } : {}) });
        // A record the caller may not see is not found, so existence does not leak.
        expect([401, 403, 404]).toContain(res.status);
        if (actor === "anonymous" || actor === "blocked") expect(res.status).toBe(401);
      }
      const pending = await t.db.execute<{ n: number }>(
        sql`select count(*)::int as n from pgboss.job where name = 'backups.check' and state in ('created', 'retry', 'active')`,
      );
      expect(pending[0]?.n).toBe(0);
    });
  }

  for (const actor of ["anonymous", "member", "editor", "blocked", "memberToken"] as const) {
    it(`${actor}: may not list backups or download one`, async () => {
      expect([401, 403]).toContain((await call(actor, "query", "backups.list", {})).status);
      const res = await get(actor, ready);
      expect(res.status).toBe(actor === "anonymous" || actor === "blocked" ? 401 : 403);
      expect(res.headers.get("content-disposition")).toBeNull();
    });
  }

  it("an admin's read-only token may download (a read, audited) but not run actions", async () => {
    expect((await get("adminReadToken", ready)).status).toBe(200);
  });

  it("a bad or unknown id is a 4xx naming it, never a 500", async () => {
    expect((await get("admin", "not-a-uuid")).status).toBe(400);
    expect(await (await get("admin", "../../etc/passwd")).json()).toEqual({
      error: { message: "The backup id in the path (id) must be a UUID." },
    });
    expect((await get("admin", "00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});
