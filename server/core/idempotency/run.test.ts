/**
 * runOnce and the key store on a real PostgreSQL, below tRPC: the wait for a request still holding the key is bounded
 * (409), a holder that rolls back hands the key on, pruning is bounded and leaves live and busy keys alone, and the
 * work runs on the transaction that holds the key.
 */
import { count, eq, lt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idempotencyKeys, tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { type IdempotencyOptions, runOnce } from "./run";
import { type KeyedRequest, pruneExpiredKeys } from "./store";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const options: IdempotencyOptions = { ttlSeconds: 3_600, waitMs: 300, secret: "a test secret for sealing answers" };
let serial = 0;
const requestFor = (key = `key-${++serial}`): KeyedRequest => ({
  scope: "user:test",
  path: "tags.create",
  key,
  inputHash: "hash-of-the-input",
});

/** Holds `request`'s key in an open transaction on another connection until `release` is called. */
async function holdKey(request: KeyedRequest, outcome: "commit" | "rollback") {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = () => {};
  const isHeld = new Promise<void>((resolve) => {
    held = resolve;
  });
  const done = t.sql
    .begin(async (sql) => {
      await sql`insert into idempotency_keys (scope, path, key, input_hash, response, expires_at)
        values (${request.scope}, ${request.path}, ${request.key}, ${request.inputHash}, null, now() + interval '1 hour')`;
      held();
      await released;
      if (outcome === "rollback") throw new Error("rolled back on purpose");
    })
    .catch(() => {});
  await isHeld;
  return { release, done };
}

describe("runOnce", () => {
  it("runs the work on the transaction that holds the key: a rollback of the work's write drops both", async () => {
    const request = requestFor();
    const outcome = await runOnce(t.db, request, options, async (db) => {
      await db.insert(tags).values({ name: "Rolled back", slug: "rolled-back" });
      return { ok: false };
    });
    expect(outcome).toEqual({ ran: { ok: false } });
    expect(await t.db.select().from(tags).where(eq(tags.slug, "rolled-back"))).toEqual([]);
    expect(await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, request.key))).toEqual([]);
  });

  it("tells a duplicate 409 'in progress' once the first has held the key past the wait, and writes nothing", async () => {
    const request = requestFor();
    const holder = await holdKey(request, "commit");
    let ran = false;
    const started = performance.now();
    const refused = await runOnce(t.db, request, options, async () => {
      ran = true;
      return { ok: true, data: 1 };
    }).catch((error: unknown) => error as { code: string; message: string });
    const waited = performance.now() - started;
    holder.release();
    await holder.done;
    expect(refused).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("still in progress") });
    expect(ran).toBe(false);
    expect(waited).toBeGreaterThanOrEqual(options.waitMs - 50);
    expect(waited).toBeLessThan(5_000);
  });

  it("runs the duplicate once the first rolls back (the key was never taken)", async () => {
    const request = requestFor();
    const holder = await holdKey(request, "rollback");
    const waiting = runOnce(t.db, request, { ...options, waitMs: 5_000 }, async () => ({ ok: true, data: "ran" }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    holder.release();
    expect(await waiting).toEqual({ ran: { ok: true, data: "ran" } });
  });

  it("runs a keyed mutation again when its session ended under it: it writes once, and answers", async () => {
    const request = requestFor();
    const slug = `once-${request.key}`;
    let runs = 0;
    const outcome = await runOnce(t.db, request, options, async (db) => {
      runs++;
      await db.insert(tags).values({ name: `Once ${request.key}`, slug });
      // Its own backend terminated mid-transaction, as after a failover or pg_terminate_backend of every session.
      if (runs === 1) await db.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
      return { ok: true, data: "written" };
    });
    expect(outcome).toEqual({ ran: { ok: true, data: "written" } });
    expect(runs).toBe(2);
    expect(await t.db.select({ n: count() }).from(tags).where(eq(tags.slug, slug))).toEqual([{ n: 1 }]);
    const [key] = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, request.key));
    expect(key?.response).not.toBeNull();
  });

  it("runs it again too when the run reports the ended session as its failure (tRPC's results), not other failures", async () => {
    const ended = requestFor();
    let runs = 0;
    const outcome = await runOnce(t.db, ended, options, async (db) => {
      runs++;
      if (runs > 1) return { ok: true, data: runs };
      const error = await db.execute(sql`select pg_terminate_backend(pg_backend_pid())`).then(
        () => undefined,
        (e: unknown) => e,
      );
      return { ok: false, error: { cause: error } };
    });
    expect(outcome).toEqual({ ran: { ok: true, data: 2 } });

    let refusedRuns = 0;
    const refused = await runOnce(t.db, requestFor(), options, async () => {
      refusedRuns++;
      return { ok: false, error: new Error("refused by a rule") };
    });
    expect(refused).toMatchObject({ ran: { ok: false } });
    expect(refusedRuns).toBe(1);
  });

  it("puts the lock timeout back before the work runs: the work's own waits are not cut short", async () => {
    const outcome = await runOnce(t.db, requestFor(), options, async (db) => {
      const [row] = await db.execute<{ lock_timeout: string }>("show lock_timeout");
      return { ok: true, data: row?.lock_timeout };
    });
    expect(outcome).toEqual({ ran: { ok: true, data: "0" } });
  });
});

describe("pruneExpiredKeys", () => {
  it("deletes expired keys only, at most `limit` per call, skipping one a request is taking over", async () => {
    await t.db.delete(idempotencyKeys);
    const rows = (n: number, prefix: string, expired: boolean) =>
      Array.from({ length: n }, (_, i) => ({
        ...requestFor(`${prefix}-${i}`),
        response: "v1.x",
        expiresAt: new Date(Date.now() + (expired ? -60_000 : 3_600_000)),
      }));
    await t.db.insert(idempotencyKeys).values([...rows(5, "expired", true), ...rows(2, "live", false)]);
    const busy = await t.sql.reserve();
    try {
      await busy`begin`;
      await busy`select 1 from idempotency_keys where key = 'expired-0' for update`;
      expect(await pruneExpiredKeys(t.db, 3)).toBe(3);
      expect(await pruneExpiredKeys(t.db, 3)).toBe(1);
      expect(await pruneExpiredKeys(t.db, 3)).toBe(0);
      await busy`rollback`;
    } finally {
      busy.release();
    }
    const left = await t.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).orderBy(idempotencyKeys.key);
    expect(left.map((r) => r.key)).toEqual(["expired-0", "live-0", "live-1"]);
    expect(await pruneExpiredKeys(t.db)).toBe(1);
    const [expired] = await t.db
      .select({ n: count() })
      .from(idempotencyKeys)
      .where(lt(idempotencyKeys.expiresAt, new Date()));
    expect(expired?.n).toBe(0);
  });
});
