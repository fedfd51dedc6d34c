/**
 * One-statement creates (one-statement-create.ts) against the transaction path they stand in for: the same input
 * gives the same audit entry (every column type, generated values), the same live event and the same answer; a
 * refused insert leaves nothing behind; and the creates that need a transaction still get one.
 */
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/db/client";
import { auditLog, liveEvents } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { onRecorded } from "./changes";
import { validRecord } from "./field-types.arbitraries";
import {
  createSamplesTable,
  OVERRIDES,
  sampleRegistry,
  samplesClient,
  samplesResource,
  typeSamples,
} from "./field-types.fixture";
import type { ResourceDescriptor } from "./meta";
import { oneStatementCreates } from "./one-statement-create";
import { settleLiveEvents } from "./realtime/sequencer";
import { createRecord, type Writer } from "./write";

type Rec = Record<string, unknown>;

let t: TestDatabase;
let call: ReturnType<typeof samplesClient>;
let meta: ResourceDescriptor;

beforeAll(async () => {
  t = await createTestDatabase();
  await createSamplesTable(t);
  call = samplesClient(t);
  meta = (await call("query", "samples.meta", undefined)).data as ResourceDescriptor;
});
afterAll(() => t.drop());

/** Creates `input` one way or the other; returns the answer, the audit entry and the live event it left. */
async function createWith(oneStatement: boolean, input: Rec) {
  oneStatementCreates.enabled = oneStatement;
  try {
    const answer = await call("mutation", "samples.create", input);
    expect(answer.status, JSON.stringify(answer.error)).toBe(200);
    const id = String((answer.data as Rec).id);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.recordId, id));
    await settleLiveEvents(t.db); // out of the queue, numbered
    const [event] = await t.db.select().from(liveEvents).where(eq(liveEvents.recordId, id));
    // Hard-deleted so the other path can store the same unique code.
    await t.sql`delete from type_samples where id = ${id}`;
    return { id, answer: answer.data as Rec, entry: entry as typeof auditLog.$inferSelect, event };
  } finally {
    oneStatementCreates.enabled = true;
  }
}

/** What two creates of the same input must share: all but the id and the creation time, which differ by nature. */
function comparable(values: Rec | null) {
  const { id: _id, createdAt, updatedAt: _updatedAt, ...rest } = values ?? {};
  const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
  return { ...rest, createdAt: createdAt instanceof Date || (typeof createdAt === "string" && iso.test(createdAt)) };
}

describe("the same create, one statement or a transaction", () => {
  it("records the same audit entry and live event, and answers the same, for any valid record of every type", async () => {
    const writable = meta.fields.filter((f) => f.canCreate);
    await fc.assert(
      fc.asyncProperty(validRecord(writable, OVERRIDES), async (input) => {
        const one = await createWith(true, input);
        const two = await createWith(false, input);
        expect(comparable(one.entry.after)).toEqual(comparable(two.entry.after));
        expect(one.entry.before).toBeNull();
        // Each request has its own id: both name theirs.
        const rest = (entry: Rec) => ({
          ...entry,
          id: 0,
          at: 0,
          recordId: 0,
          after: 0,
          requestId: typeof entry.requestId,
        });
        expect(rest(one.entry)).toEqual(rest(two.entry));
        expect(rest(one.entry).requestId).toBe("string");
        expect(one.entry.after?.id).toBe(one.id);
        expect(one.event).toMatchObject({ resource: "samples", recordId: one.id, operation: "create", before: null });
        expect(two.event).toMatchObject({ resource: "samples", recordId: two.id, operation: "create", before: null });
        expect(comparable(one.answer)).toEqual(comparable(two.answer));
      }),
      { numRuns: Number(process.env.ONE_STATEMENT_RUNS) || 40 },
    );
  }, 120_000);

  it("sends one statement, where the transaction path sends the insert and then its recorded rows", async () => {
    const sent: string[] = [];
    const handle = createDatabase(t.url, { max: 2, onQuery: (q) => sent.push(q) });
    try {
      const w: Writer = { db: handle.db, actor: { kind: "system", reason: "test" }, registry: sampleRegistry };
      await createRecord(w, samplesResource, { title: "One" });
      // (The sequencer's own statement, woken by the first create, may come in between.)
      const engine = () => sent.filter((q) => !q.includes("live_events_sequence"));
      expect(engine()).toHaveLength(1);
      expect(engine()[0]).toMatch(/^with c as \(insert into "type_samples"/);
      sent.length = 0;
      oneStatementCreates.enabled = false;
      await createRecord(w, samplesResource, { title: "Two" });
      expect(engine().map((q) => q.split(" ")[0])).toEqual(["insert", "with"]);
    } finally {
      oneStatementCreates.enabled = true;
      await handle.close();
    }
  });
});

describe("the create's statement, prepared", () => {
  /** `create` on the transaction path: an in-transaction observer that wants the change puts it there (write.ts). */
  const inTransaction = <T>(create: () => Promise<T>) => {
    const stop = onRecorded(
      async () => {},
      (resource) => resource === "samples",
    );
    return create().finally(stop);
  };

  it("is parsed once per connection and reused by the creates after it, with their own values", async () => {
    // One connection, so the pool's session is the one pg_prepared_statements shows.
    const handle = createDatabase(t.url, { max: 1 });
    try {
      const w: Writer = { db: handle.db, actor: { kind: "system", reason: "test" }, registry: sampleRegistry };
      const created = [];
      for (const title of ["Prepared one", "Prepared two", "Prepared three"]) {
        created.push(await createRecord(w, samplesResource, { title }));
      }
      expect(created.map((r) => (r as Rec).title)).toEqual(["Prepared one", "Prepared two", "Prepared three"]);
      const statements = await handle.sql<{ statement: string; calls: number }[]>`
        select statement, (generic_plans + custom_plans)::int as calls from pg_prepared_statements
        where statement like 'with c as (insert into "type_samples"%'`;
      expect(statements).toHaveLength(1);
      expect(statements[0]?.calls).toBe(3);
      const entries = await handle.db
        .select({ after: auditLog.after })
        .from(auditLog)
        .where(
          sql`${auditLog.recordId} in (${sql.join(
            created.map((r) => sql`${String((r as Rec).id)}`),
            sql`, `,
          )})`,
        );
      expect(entries.map((e) => (e.after as Rec).title).sort()).toEqual([
        "Prepared one",
        "Prepared three",
        "Prepared two",
      ]);
      // A migration adds a column while the app runs: the prepared statement is planned again, inside a transaction
      // (where a statement that failed could not be retried) and on the pool alike, and creates go on. Then it goes.
      for (const migration of [
        sql`alter table type_samples add column added_while_running text`,
        sql`alter table type_samples drop column added_while_running`,
      ]) {
        await t.db.execute(migration);
        const inTx = await inTransaction(() => createRecord(w, samplesResource, { title: "In a transaction" }));
        const onPool = await createRecord(w, samplesResource, { title: "On the pool" });
        expect([(inTx as Rec).title, (onPool as Rec).title]).toEqual(["In a transaction", "On the pool"]);
      }
    } finally {
      await handle.close();
    }
  });

  it("goes on when a migration or a restore drops an enum it writes and creates it again (a new type OID)", async () => {
    const handle = createDatabase(t.url, { max: 1 });
    try {
      const w: Writer = { db: handle.db, actor: { kind: "system", reason: "test" }, registry: sampleRegistry };
      const create = (title: string) =>
        createRecord(w, samplesResource, { title, mood: "happy", moods: ["sad", "happy"] }) as Promise<Rec>;
      await create("Before");
      const [{ n: before } = { n: -1 }] = await handle.sql<{ n: number }[]>`
        select count(*)::int as n from pg_prepared_statements where statement like 'with c as (insert into "type_samples"%'`;
      expect(before).toBe(1);
      // The samples' own enum (a column and an array of it), and the audit trail's actor kind, as a restore does.
      await t.sql.unsafe(`
        alter table type_samples alter column mood drop default, alter column mood type text,
          alter column moods type text[];
        drop type type_sample_mood;
        create type type_sample_mood as enum ('sad', 'ok', 'happy');
        alter table type_samples alter column mood type type_sample_mood using mood::type_sample_mood,
          alter column mood set default 'ok', alter column moods type type_sample_mood[] using moods::type_sample_mood[];
        alter table audit_log alter column actor_kind type text;
        drop type audit_actor_kind;
        create type audit_actor_kind as enum ('user', 'token', 'system', 'anonymous');
        alter table audit_log alter column actor_kind type audit_actor_kind using actor_kind::audit_actor_kind;`);
      const inTx = await inTransaction(() => create("In a transaction"));
      const onPool = await create("On the pool");
      for (const created of [inTx, onPool]) {
        expect([created.mood, created.moods]).toEqual(["happy", ["sad", "happy"]]);
      }
      const [entry] = await t.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.recordId, String(onPool.id)));
      expect([entry?.actorKind, (entry?.after as Rec | undefined)?.mood]).toEqual(["system", "happy"]);
    } finally {
      await handle.close();
    }
  });

  it("after a migration changes a column's type, refuses at most one create per connection in a transaction, as a conflict to retry", async () => {
    const handle = createDatabase(t.url, { max: 1 });
    try {
      const w: Writer = { db: handle.db, actor: { kind: "system", reason: "test" }, registry: sampleRegistry };
      const create = (title: string) => createRecord(w, samplesResource, { title, count: 7 }) as Promise<Rec>;
      await inTransaction(() => create("Before"));
      await t.sql`alter table type_samples alter column count type bigint`;
      const first = await inTransaction(() => create("Changed")).catch((error: unknown) => error);
      expect(first).toMatchObject({ code: "CONFLICT" });
      expect((await inTransaction(() => create("After"))).count).toBe(7);
      await t.sql`alter table type_samples alter column count type integer`;
      // On the pool postgres.js prepares it again and retries, once.
      expect((await create("On the pool")).count).toBe(7);
    } finally {
      await handle.close();
    }
  });

  it("is not prepared on a pool whose URL says prepare=false (transaction-mode poolers), and creates all the same", async () => {
    const url = new URL(t.url);
    url.searchParams.set("prepare", "false");
    const handle = createDatabase(url.toString(), { max: 1 });
    try {
      const w: Writer = { db: handle.db, actor: { kind: "system", reason: "test" }, registry: sampleRegistry };
      const created = await createRecord(w, samplesResource, { title: "Unprepared" });
      expect((created as Rec).title).toBe("Unprepared");
      const [{ n } = { n: -1 }] = await handle.sql<
        { n: number }[]
      >`select count(*)::int as n from pg_prepared_statements`;
      expect(n).toBe(0);
    } finally {
      await handle.close();
    }
  });
});

const system: Writer = {
  get db() {
    return t.db;
  },
  actor: { kind: "system", reason: "test" },
  registry: sampleRegistry,
};

describe("a refused one-statement create", () => {
  it("leaves no row, audit entry or live event, and names the field", async () => {
    await createRecord(system, samplesResource, { title: "Taken", code: "taken" });
    const count = async () => {
      const [row] = await t.sql<{ n: string }[]>`
        select (select count(*) from type_samples) + (select count(*) from audit_log)
          + (select count(*) from live_events) + (select count(*) from live_events_queue) as n`;
      return row?.n;
    };
    const before = await count();
    const refused = await createRecord(system, samplesResource, { title: "Again", code: "taken" }).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: "CONFLICT" });
    expect(JSON.stringify((refused as { cause?: unknown }).cause)).toContain("code");
    expect(await count()).toBe(before);
    expect(await t.db.select().from(typeSamples).where(sql`${typeSamples.title} = 'Again'`)).toHaveLength(0);
  });
});

describe("creates that need a transaction still get one", () => {
  it("an in-transaction observer that wants the change sees it inside the write's transaction", async () => {
    const seen: string[] = [];
    const stop = onRecorded(
      async (tx, change) => {
        // The insert has given the transaction an id; a statement of its own would run in a new one, with none yet.
        const [row] = await tx.execute<{ open: boolean }>(
          sql`select pg_current_xact_id_if_assigned() is not null as open`,
        );
        seen.push(`${change.resource}:${row?.open ? "in a transaction" : "autocommit"}`);
      },
      (resource) => resource === "samples",
    );
    try {
      await createRecord(system, samplesResource, { title: "Watched" });
      expect(seen).toEqual(["samples:in a transaction"]);
    } finally {
      stop();
    }
  });
});
