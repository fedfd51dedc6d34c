/**
 * The pool's circuit breaker against a real PostgreSQL behind a TCP proxy the test cuts (refused connections) or
 * freezes (a partition: nothing answers, nothing is reset). And the postgres.js patch (patches/): a query on a reserved
 * connection whose backend died fails like any closed connection's, instead of throwing uncaught from a setImmediate,
 * and a connection reset during its first type lookup leaves no unhandled rejection.
 */
import net from "node:net";
import { sql as raw } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CuttableProxy, startProxy } from "@/e2e/support/proxy";
import { DatabaseAvailability } from "./availability";
import { createDatabase } from "./client";
import { createTestDatabase, type TestDatabase } from "./testing/test-db";
import { DatabaseUnavailableError } from "./unavailable";

let t: TestDatabase;
let proxy: CuttableProxy;
let pool: ReturnType<typeof createDatabase>;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

const POOL_MAX = 4;

beforeAll(async () => {
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
  t = await createTestDatabase();
  const url = new URL(t.url);
  proxy = await startProxy(Number(url.port));
  url.port = String(proxy.port);
  pool = createDatabase(url.toString(), { max: POOL_MAX, connectTimeoutSeconds: 1 });
});

afterEach(async () => {
  proxy.up();
  await until(async () => !pool.availability.isDown && (await pool.availability.check()));
  // Taken, so one stray error fails one test (and its retry, below, starts clean) instead of every test after it.
  const seen = uncaught.splice(0);
  expect(seen.map((error) => (error instanceof Error ? error.stack : String(error)))).toEqual([]);
});

afterAll(async () => {
  await pool.close();
  await proxy.close();
  await t.drop();
  process.off("uncaughtException", onUncaught);
  process.off("unhandledRejection", onUncaught);
});

async function until(condition: () => boolean | Promise<boolean>, ms = 5_000): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - started;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a failure"),
    (error: unknown) => error,
  );

/** The pool's own sessions, as PostgreSQL sees them. */
async function poolSessions(): Promise<number> {
  const [row] = await t.sql<{ n: number }[]>`
    select count(*)::int as n from pg_stat_activity where datname = ${t.name} and application_name = 'atrium'
      and pid <> pg_backend_pid()`;
  return row?.n ?? 0;
}

/**
 * One retry: under full-suite CPU load (about one run in two on 2 cores, reproduced alone with 4 busy loops beside it
 * in 1 of 14 runs) a stray `read ECONNRESET` from a socket read (TCP.onStreamRead, no more stack) reaches
 * uncaughtException while a test cuts the proxy; a retry starts clean. A regression of the patch this file pins
 * (a throw from postgres.js's setImmediate) is deterministic and fails the retry too. That is also the exact signature
 * of a connection reset during its first type lookup without the patch (the test below), a likely cause; the retry
 * stays until the full suite has run clean without it.
 */
const FLAKE_RETRY = { retry: 1 };

describe("the database's circuit breaker", FLAKE_RETRY, () => {
  it("does not call one terminated backend an outage", async () => {
    await pool.db.execute(raw`select 1`);
    await t.sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = ${t.name} and application_name = 'atrium' and pid <> pg_backend_pid()`;
    // Usually a query meets a terminated connection and fails; when the pool has already seen the connections close
    // (a busy machine gives it time to), every query reconnects and succeeds. Either way the breaker stays up.
    const burst = Promise.all(Array.from({ length: POOL_MAX }, () => pool.sql`select pg_sleep(0.05)`));
    const error = await burst.then(
      () => null,
      (e: unknown) => e,
    );
    if (error !== null) pool.availability.report(error);
    expect(await pool.availability.check()).toBe(true);
    expect(pool.availability.isDown).toBe(false);
    await pool.db.execute(raw`select 1`);
  });

  it("goes down on a refused database, refuses at once while down, and is back with a full pool soon after", async () => {
    proxy.down();
    const error = await failure(pool.db.execute(raw`select 1`));
    pool.availability.report(error);
    await until(() => pool.availability.isDown);
    expect(() => pool.availability.assertUp()).toThrow(DatabaseUnavailableError);
    await expect(pool.availability.bound(() => pool.db.execute(raw`select 1`))).rejects.toBeInstanceOf(
      DatabaseUnavailableError,
    );
    proxy.up();
    // Probes run every 250 ms; a closed connection retries after at most 250 ms.
    const back = await until(() => !pool.availability.isDown, 2_000);
    expect(back).toBeLessThan(2_000);
    // The pool refills itself: every connection is open again without a request having to pay for it.
    await until(async () => (await poolSessions()) === POOL_MAX, 3_000);
    await pool.db.execute(raw`select 1`);
  });

  it("answers a request stuck on a silent database (a partition) within about twice the timeout", async () => {
    await pool.db.execute(raw`select 1`);
    proxy.freeze();
    const started = performance.now();
    const error = await failure(pool.availability.bound(() => pool.db.execute(raw`select 1`)));
    const waited = performance.now() - started;
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    // connectTimeoutSeconds 1: one second before the request asks for a probe, one for the probe to time out.
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(3_500);
    expect(pool.availability.isDown).toBe(true);
  });

  it("counts an answer that came while the process was stalled past the timeout: the database is up", async () => {
    // The probe's round trip is a loopback socket this test answers itself, not PostgreSQL: what is under test is the
    // order in which Node runs a due timer and a socket read after a stall, and the answer must surely be in the
    // socket when the stall ends. PostgreSQL on a loaded machine may answer after the stall (CI: it did), which
    // would prove nothing.
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const accepted = new Promise<net.Socket>((resolve) => server.once("connection", resolve));
    const client = net.connect((server.address() as net.AddressInfo).port, "127.0.0.1");
    const peer = await accepted;
    const availability = new DatabaseAvailability({
      probe: () => new Promise((resolve) => client.once("data", resolve)),
      refill: async () => {},
      timeoutMs: 200,
    });
    try {
      const probed = availability.check();
      // Over loopback a small write is in the other end's buffer when `write` returns.
      peer.write("pong");
      // A stall past the probe's timeout (CI's busy machine, a long synchronous task): nothing runs, nothing is read.
      const until = performance.now() + 500;
      while (performance.now() < until) {
        // busy
      }
      expect(await probed).toBe(true);
      expect(availability.isDown).toBe(false);
    } finally {
      availability.close();
      client.destroy();
      peer.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("leaves a slow query on a healthy database alone", async () => {
    const rows = await pool.availability.bound(() => pool.sql`select pg_sleep(1.5), 1 as one`);
    expect(rows[0]?.one).toBe(1);
    expect(pool.availability.isDown).toBe(false);
  });
});

describe("postgres.js, patched", FLAKE_RETRY, () => {
  it("fails a query on a reserved connection whose backend died instead of throwing it uncaught", async () => {
    const sql = postgres(t.url, { max: 2, onnotice: () => {} });
    try {
      const reserved = await sql.reserve();
      const [me] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await t.sql`select pg_terminate_backend(${me?.pid ?? 0})`;
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Small (a deferred write) and large (written at once) queries alike.
      for (const query of [reserved`select 1`, reserved`select ${"x".repeat(2_000)} as big`]) {
        expect(((await failure(query)) as { code?: string }).code).toBe("CONNECTION_CLOSED");
      }
      reserved.release();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
      // Released, the dead connection is not handed out again as open: every query on the pool succeeds.
      const ones = await Promise.all(Array.from({ length: 6 }, () => sql`select 1 as one`));
      expect(ones.map((rows) => rows[0]?.one)).toEqual([1, 1, 1, 1, 1, 1]);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it("a connection that dies during its first type lookup fails its query, leaving nothing unhandled", async () => {
    // A new connection first asks PostgreSQL for its array types. This proxy resets the connection the first time the
    // client sends that lookup (as a restarting server or a dropped database would), and passes everything else.
    const target = Number(new URL(t.url).port);
    let resets = 0;
    const server = net.createServer((client) => {
      const upstream = net.connect(target, "127.0.0.1");
      client.on("data", (chunk: Buffer) => {
        if (resets === 0 && chunk.includes("pg_catalog.pg_type")) {
          resets++;
          client.resetAndDestroy();
          upstream.destroy();
          return;
        }
        upstream.write(chunk);
      });
      upstream.pipe(client);
      for (const socket of [client, upstream]) {
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = new URL(t.url);
    url.port = String((server.address() as net.AddressInfo).port);
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      const first = await sql`select 1 as one`.then(
        (rows) => rows[0]?.one,
        (error: { code?: string }) => error.code,
      );
      expect(resets).toBe(1);
      // The query the connection was opened for fails as a connection's queries do (or is retried on a new one).
      expect([1, "ECONNRESET", "CONNECTION_CLOSED"]).toContain(first);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
      const [again] = await sql<{ one: number }[]>`select 1 as one`;
      expect(again?.one).toBe(1);
    } finally {
      await sql.end({ timeout: 1 });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("fails the rest of a transaction whose backend died, and the pool keeps its connections", async () => {
    const sql = postgres(t.url, { max: 2, onnotice: () => {} });
    try {
      const outcome = await failure(
        sql.begin(async (tx) => {
          const [me] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
          await t.sql`select pg_terminate_backend(${me?.pid ?? 0})`;
          await new Promise((resolve) => setTimeout(resolve, 100));
          await tx`select 1`;
          await tx`select ${"y".repeat(2_000)} as big`;
        }),
      );
      expect((outcome as { code?: string }).code).toMatch(/^(CONNECTION_CLOSED|57P01)$/);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
      const ones = await Promise.all(Array.from({ length: 6 }, () => sql`select 1 as one`));
      expect(ones.map((rows) => rows[0]?.one)).toEqual([1, 1, 1, 1, 1, 1]);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});
