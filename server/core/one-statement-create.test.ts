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
