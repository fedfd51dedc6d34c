/**
 * What the postgres.js patch (patches/README.md) changes in how statements go over the wire, against a real
 * PostgreSQL: the app's pool sends a parameterized statement in one write (one round trip, decision 031) with the
 * server typing its parameters; a statement that cannot be built fails alone; an error the old backend sent
 * before it was terminated does not fail the first query of the connection that replaces it; and nothing sent on a
 * socket that was reset waits on the connection's next one.
 */
import net from "node:net";
import { sql as raw } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "./client";
import { createTestDatabase, type TestDatabase } from "./testing/test-db";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t.drop();
});

interface Message {
  from: "client" | "server";
  type: string;
  body: Buffer;
}

/** Splits one direction's bytes into protocol messages (type byte, int32 length); the client's first is untyped. */
function messageReader(from: Message["from"], log: Message[]) {
  let pending = Buffer.alloc(0);
  let untyped = from === "client";
  return (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const offset = untyped ? 0 : 1;
      if (pending.length < offset + 4) return;
      const length = pending.readUInt32BE(offset);
      if (pending.length < offset + length) return;
      log.push({
        from,
        type: untyped ? "startup" : String.fromCharCode(pending[0] ?? 0),
        body: pending.subarray(offset + 4, offset + length),
      });
      pending = pending.subarray(offset + length);
      untyped = false;
    }
  };
}

interface Proxy {
  url: string;
  close: () => Promise<void>;
}

/**
 * A loopback proxy in front of the test database: `pipe` wires each client connection to its own upstream one, and
 * either side's end (or error) ends both.
 */
async function proxyTo(pipe: (client: net.Socket, upstream: net.Socket) => void): Promise<Proxy> {
  const target = Number(new URL(t.url).port);
  const server = net.createServer((client) => {
    const upstream = net.connect(target, "127.0.0.1");
    pipe(client, upstream);
    for (const socket of [client, upstream]) {
      for (const event of ["error", "close"]) {
        socket.on(event, () => {
          client.destroy();
          upstream.destroy();
        });
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(t.url);
  url.port = String((server.address() as net.AddressInfo).port);
  return { url: url.toString(), close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A loopback proxy that logs every message both ways, in the order the proxy saw them. */
async function loggingProxy(): Promise<Proxy & { log: Message[] }> {
  const log: Message[] = [];
  const proxy = await proxyTo((client, upstream) => {
    const fromClient = messageReader("client", log);
    const fromServer = messageReader("server", log);
    client.on("data", (chunk: Buffer) => {
      fromClient(chunk);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      fromServer(chunk);
      client.write(chunk);
    });
  });
  return { ...proxy, log };
}

/**
 * A loopback proxy that resets the client's connection (a TCP RST: the client reads ECONNRESET, and its socket closes
 * a turn of the event loop later) instead of forwarding a write that contains `marker`.
 */
function resettingProxy(marker: string): Promise<Proxy> {
  return proxyTo((client, upstream) => {
    client.on("data", (chunk: Buffer) => {
      if (!chunk.includes(marker)) return void upstream.write(chunk);
      client.resetAndDestroy();
      upstream.destroy();
    });
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
  });
}

/** The messages from the client's Parse of the statement marked `marker` to its Sync. */
function exchange(log: Message[], marker: string): string[] {
  const start = log.findIndex((m) => m.from === "client" && m.type === "P" && m.body.includes(marker));
  expect(start).toBeGreaterThan(-1);
  const end = log.findIndex((m, i) => i > start && m.from === "client" && m.type === "S");
  return log.slice(start, end + 1).map((m) => `${m.from === "client" ? ">" : "<"}${m.type}`);
}

/** The messages from the client's Parse of the statement marked `first` up to the Parse of the one marked `second`. */
function between(log: Message[], first: string, second: string): string[] {
  const parse = (marker: string) =>
    log.findIndex((m) => m.from === "client" && m.type === "P" && m.body.includes(marker));
  expect(parse(first)).toBeGreaterThan(-1);
  return log.slice(parse(first), parse(second)).map((m) => `${m.from === "client" ? ">" : "<"}${m.type}`);
}

describe("postgres.js, patched: statements on the wire", () => {
  it("the app's pool sends a parameterized statement in one write; a plain client still describes first", async () => {
    const proxy = await loggingProxy();
    const pool = createDatabase(proxy.url, { max: 1 });
    const plain = postgres(proxy.url, { max: 1, onnotice: () => {} });
    try {
      const rows = await pool.db.execute(raw`select /*one-trip*/ ${2}::int + ${3} as n, ${"x"} as s, ${true} as b`);
      expect(rows[0]).toEqual({ n: 5, s: "x", b: true });
      // Parse, Describe, Bind, Execute, Sync leave together: nothing from the server comes between them.
      expect(exchange(proxy.log, "/*one-trip*/")).toEqual([">P", ">D", ">B", ">E", ">S"]);

      // In a transaction, statements sent without waiting go out back to back (the engine's recorded rows and the
      // COMMIT, decision 027); on the pool, the second waits for the first's connection, never queued behind it.
      await pool.db.transaction(async (tx) => {
        await Promise.all([
          tx.execute(raw`select /*in-tx-a*/ ${1} as a`),
          tx.execute(raw`select /*in-tx-b*/ ${2} as b`),
        ]);
      });
      expect(between(proxy.log, "/*in-tx-a*/", "/*in-tx-b*/")).toEqual([">P", ">D", ">B", ">E", ">S"]);
      await Promise.all([
        pool.db.execute(raw`select /*pool-a*/ ${1} as a`),
        pool.db.execute(raw`select /*pool-b*/ ${2} as b`),
      ]);
      expect(between(proxy.log, "/*pool-a*/", "/*pool-b*/")).toEqual([
        ">P",
        ">D",
        ">B",
        ">E",
        ">S",
        "<1",
        "<t",
        "<T",
        "<2",
        "<D",
        "<C",
        "<Z",
      ]);

      await plain.unsafe("select /*two-trips*/ $1::int + $2 as n", [2, 3], { prepare: false });
      // Without the option, postgres.js asks the server for the parameters' types and waits for the answer.
      expect(exchange(proxy.log, "/*two-trips*/")).toEqual([">P", ">D", ">H", "<1", "<t", "<T", ">B", ">E", ">S"]);
    } finally {
      await pool.close();
      await plain.end({ timeout: 1 });
      await proxy.close();
    }
  });

  it("the server types what the pool sends as text, as a described statement would have been", async () => {
    const pool = createDatabase(t.url, { max: 1 });
    try {
      await pool.db.execute(raw`create temporary table typed (
        i int, n numeric, f double precision, b boolean, j jsonb, at timestamptz, d date, u uuid, big bigint, t text[])`);
      // "true" for a boolean: a described statement sent it as false (postgres.js's boolean serializer takes any string
      // for false), the server reads the text right.
      await pool.db.execute(raw`insert into typed values (${7}, ${"12.50"}, ${0.1}, ${"true"}, ${'{"a":[1,"2"]}'},
        ${"2026-01-02T03:04:05.678Z"}, ${"2026-01-02"}, ${"7f1b2c3d-0000-4000-8000-000000000001"}, ${12345678901234567n},
        ${'{x,"y z"}'})`);
      await pool.db.execute(raw`insert into typed (i, b) values (${null}, ${false})`);
      const rows =
        await pool.db.execute(raw`select i, n::text, f, b, j::text, at = ${"2026-01-02T03:04:05.678Z"} as at_equal,
        d::text, u::text, big::text, t from typed order by i nulls last`);
      expect(rows).toEqual([
        {
          i: 7,
          n: "12.50",
          f: 0.1,
          b: true,
          j: '{"a": [1, "2"]}',
          at_equal: true,
          d: "2026-01-02",
          u: "7f1b2c3d-0000-4000-8000-000000000001",
          big: "12345678901234567",
          t: ["x", "y z"],
        },
        { i: null, n: null, f: null, b: false, j: null, at_equal: null, d: null, u: null, big: null, t: null },
      ]);
      // A value the column's type refuses fails that statement only, and the connection goes on.
      const refused = await pool.db
        .execute(raw`insert into typed (i) values (${"seven"})`)
        .catch((error: unknown) => error);
      expect((refused as { cause?: { code?: string } }).cause?.code ?? (refused as { code?: string }).code).toBe(
        "22P02",
      );
      const [after] = await pool.db.execute(raw`select count(*)::int as n from typed where b = ${true}`);
      expect(after).toEqual({ n: 1 });
    } finally {
      await pool.close();
    }
  });

  it("a statement that cannot be built fails alone, not the one running before it on its connection", async () => {
    const sql = postgres(t.url, { max: 1, onnotice: () => {} });
    try {
      await sql`select 1`;
      // A statement without parameters may be pipelined: the next one is queued on the same connection while it runs.
      const running = sql`select 1 as one from pg_sleep(0.2)`;
      const unbuildable = sql.unsafe("select $1 as nothing", [undefined as unknown as string]);
      const [outcomeRunning, outcomeUnbuildable] = await Promise.allSettled([running, unbuildable]);
      expect(outcomeRunning.status === "fulfilled" && outcomeRunning.value[0]).toEqual({ one: 1 });
      expect(outcomeUnbuildable.status === "rejected" && (outcomeUnbuildable.reason as { code?: string }).code).toBe(
        "UNDEFINED_VALUE",
      );
      // And the connection goes on answering.
      const [next] = await sql<{ two: number }[]>`select 2 as two`;
      expect(next).toEqual({ two: 2 });
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it("a transaction whose backend was terminated sends nothing more, not into the transaction its connection runs next", async () => {
    const sql = postgres(t.url, { max: 1, onnotice: () => {}, backoff: () => 0.01 });
    try {
      const [first] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
      let late: Promise<unknown> | undefined;
      const killed = sql
        .begin(async (tx) => {
          await tx`select pg_sleep(5)`.catch(() => {
            // What a caller's code may still send after its statement failed (a cleanup, a retry, its own ROLLBACK).
            late = new Promise((resolve) => setTimeout(resolve, 300)).then(() => tx`select pg_backend_pid() as pid`);
            late.catch(() => {});
          });
          await new Promise((resolve) => setTimeout(resolve, 600));
        })
        .catch((error: { code?: string }) => error.code);
      // The next transaction waits for the pool's one connection, which reconnects for it.
      const next = sql.begin(async (tx) => {
        const [mine] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
        await new Promise((resolve) => setTimeout(resolve, 600));
        const [status] = await tx<{ open: boolean }[]>`select now() = statement_timestamp() as open`;
        return { pid: mine?.pid, open: status?.open };
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await t.sql`select pg_terminate_backend(${first?.pid ?? 0})`;
      expect(await killed).toMatch(/^(CONNECTION_CLOSED|57P01)$/);
      const answer = await next;
      expect(answer.pid).not.toBe(first?.pid);
      // The late statement is refused: it belongs to a transaction that is gone.
      const outcome = await Promise.allSettled([late]);
      expect(outcome[0]?.status === "rejected" && (outcome[0].reason as { code?: string }).code).toBe(
        "CONNECTION_CLOSED",
      );
      // And the next transaction was its own: not ended in between (now() stayed its start).
      expect(answer.open).toBe(false);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it("the next transaction on a connection reset under the previous one is answered (its ROLLBACK no longer took the answer)", async () => {
    // A reset is seen in two steps: the socket's error (ECONNRESET), which fails the statement under way, then its close,
    // a turn later. The failed transaction sends its ROLLBACK in between. That ROLLBACK stayed queued on the connection
    // into its next socket, never sent there, and took the ReadyForQuery of the next transaction's first statement,
    // which then waited for good on a healthy server (CI: a keyed posts.create unanswered after a pg_terminate_backend).
    const proxy = await resettingProxy("/*reset here*/");
    const pool = createDatabase(proxy.url, { max: 1, connectTimeoutSeconds: 5 });
    try {
      const failed = pool.sql
        .begin(async (tx) => {
          await tx`select 1`;
          await tx`select /*reset here*/ 2`;
        })
        .catch((error: { code?: string }) => error.code);
      expect(await failed).toMatch(/^(ECONNRESET|CONNECTION_CLOSED)$/);
      const next = pool.sql.begin(async (tx) => {
        const [row] = await tx<{ v: string }[]>`select ${"answered"}::text as v`;
        return row?.v;
      });
      const late = new Promise((resolve) => setTimeout(resolve, 5_000, "no answer within 5 s"));
      expect(await Promise.race([next, late])).toBe("answered");
    } finally {
      await pool.close();
      await proxy.close();
    }
  });

  it("the first query after a backend was terminated mid-statement succeeds on the new connection", async () => {
    const sql = postgres(t.url, { max: 1, onnotice: () => {}, backoff: () => 0.01 });
    try {
      const [me] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const sleeping = sql`select pg_sleep(5)`.catch((error: { code?: string }) => error.code);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await t.sql`select pg_terminate_backend(${me?.pid ?? 0})`;
      expect(await sleeping).toMatch(/^(CONNECTION_CLOSED|57P01)$/);
      // PostgreSQL's "terminating connection" error came in before the close: it belongs to the old backend.
      const [again] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
      expect(again?.pid).not.toBe(me?.pid);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});
