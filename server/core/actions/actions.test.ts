/**
 * Actions on a real PostgreSQL, through the tRPC caller: the rule's semantics (NOT_FOUND for what `get` hides,
 * FORBIDDEN naming the rule, UNAUTHORIZED for anonymous callers, the check), one transaction with an audit entry for
 * the run and one for each change, live events and announcements only after COMMIT, jobs iff it commits, batches
 * all or nothing, input refusals naming the field, and `meta` and `availableActions` describing them.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, liveEvents, liveEventsQueue } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { settleLiveEvents } from "@/server/core/realtime/sequencer";
import { rejection } from "../../testing";
import type { User } from "../actor";
import { type Change, onCommitted, onRecorded } from "../changes";
import { DefinitionError } from "../definition-checks";
import { type JobsRuntime, startJobs } from "../jobs/runtime";
import { defineResource } from "../resource";
import { TICKETS_DDL, ticketCallers, ticketClosed, tickets } from "./actions.fixture";

let t: TestDatabase;
let api: ReturnType<typeof ticketCallers>;
let jobs: JobsRuntime;

const person = (role: "member" | "admin", name: string): User => ({
  id: randomUUID(),
  name,
  email: `${name.toLowerCase()}@tickets.test`,
  role,
  emailVerifiedAt: null,
});
const owner = person("member", "Olive");
const other = person("member", "Otto");
const admin = person("admin", "Ada");

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.execute(sql.raw(TICKETS_DDL));
  api = ticketCallers(t);
  // Makes the job's queue (enqueue refuses a job whose queue does not exist); nothing runs it here.
  jobs = await startJobs({ url: t.url, db: t.db, jobs: [ticketClosed], work: false, log: () => {} });
});
afterAll(async () => {
  await jobs.stop(1_000);
  await t.drop();
});
beforeEach(async () => {
  await t.db.delete(tickets);
  await t.db.delete(auditLog);
  await t.db.delete(liveEvents);
  await t.db.delete(liveEventsQueue);
  await t.db.execute(sql`delete from pgboss.job where name = ${ticketClosed.name}`);
});

async function aTicket(values: Partial<typeof tickets.$inferInsert> = {}) {
  const [row] = await t.db
    .insert(tickets)
    .values({ title: "Printer on fire", ownerId: owner.id, secret: "s3cret", ...values })
    .returning();
  return row as typeof tickets.$inferSelect;
}

const ticketRow = async (id: string) => (await t.db.select().from(tickets).where(eq(tickets.id, id)))[0];
const entries = async (id: string) =>
  t.db
    .select({
      operation: auditLog.operation,
      before: auditLog.before,
      after: auditLog.after,
      actorId: auditLog.actorId,
    })
    .from(auditLog)
    .where(and(eq(auditLog.resource, "tickets"), eq(auditLog.recordId, id)))
    .orderBy(asc(auditLog.id));
const queued = async () =>
  Array.from(
    await t.db.execute<{ data: string }>(
      sql`select data::text as data from pgboss.job where name = ${ticketClosed.name} order by created_on`,
    ),
  ).map((row) => ({ data: JSON.parse(row.data) as unknown }));
/** A record's live events, once numbered (the sequencer moves them out of the queue just after COMMIT). */
const events = async (id: string) => {
  await settleLiveEvents(t.db);
  return t.db.select({ operation: liveEvents.operation }).from(liveEvents).where(eq(liveEvents.recordId, id));
};

/** Everything an action could have touched, to compare before and after a refusal. */
async function state() {
  // Earlier writes' events are numbered just after their COMMIT: settled first, so numbering is not a change.
  await settleLiveEvents(t.db);
  return {
    tickets: await t.db.select().from(tickets).orderBy(asc(tickets.id)),
    audit: await t.db.select().from(auditLog).orderBy(asc(auditLog.id)),
    live: await t.db.select().from(liveEvents),
    jobs: await queued(),
  };
}

describe("a record action", () => {
  it("runs in one transaction: the change and the run are audited, live, and its job queued", async () => {
    const ticket = await aTicket();
    const closed = await api.as(owner).tickets.close({ id: ticket.id, input: { note: "Put out." } });
    // The record as the owner reads it: the hidden column and the admin-only note are not in it.
    expect(closed).toMatchObject({ id: ticket.id, status: "closed" });
    expect(closed).not.toHaveProperty("secret");
    expect(closed).not.toHaveProperty("closedNote");
    expect(await ticketRow(ticket.id)).toMatchObject({ status: "closed", closedNote: "Put out." });
    expect(await entries(ticket.id)).toEqual([
      {
        operation: "action",
        before: null,
        after: { action: "close", input: { note: "Put out.", notify: true } },
        actorId: owner.id,
      },
      {
        operation: "update",
        before: { status: "open", closedNote: null },
        after: { status: "closed", closedNote: "Put out." },
        actorId: owner.id,
      },
    ]);
    expect(await events(ticket.id)).toEqual([{ operation: "update" }]);
    expect((await queued()).map((j) => j.data)).toEqual([{ ticketId: ticket.id }]);
  });

  it("is NOT_FOUND for a record `get` hides, FORBIDDEN by name outside its rule, UNAUTHORIZED anonymously", async () => {
    const ticket = await aTicket();
    const closed = await aTicket({ status: "closed" });
    const before = await state();
    const hidden = await rejection(api.as(other).tickets.close({ id: ticket.id }));
    expect(hidden.code).toBe("NOT_FOUND");
    const refused = await rejection(api.as(owner).tickets.close({ id: closed.id }));
    expect(refused).toMatchObject({
      code: "FORBIDDEN",
      message: 'tickets.close refused by rule "open tickets, by their owner or admins"',
    });
    const anonymous = await rejection(api.anonymous.tickets.close({ id: ticket.id }));
    expect(anonymous.code).toBe("UNAUTHORIZED");
    const missing = await rejection(api.as(admin).tickets.close({ id: randomUUID() }));
    expect(missing.code).toBe("NOT_FOUND");
    // Without a rule an action is for admins only.
    const countOpen = await rejection(api.as(owner).tickets.countOpen());
    expect(countOpen.message).toContain("admins only");
    expect(await state()).toEqual(before);
  });

  it("asks the rule's check with the locked record and the input", async () => {
    const ticket = await aTicket();
    const before = await state();
    const refused = await rejection(api.as(owner).tickets.close({ id: ticket.id, input: { note: "not allowed" } }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(await state()).toEqual(before);
    // The system caller (jobs, scripts) passes every rule.
    await api.system.tickets.close({ id: ticket.id, input: { note: "not allowed" } });
    expect((await ticketRow(ticket.id))?.status).toBe("closed");
  });

  it("refuses bad input with the field named, writing nothing", async () => {
    const ticket = await aTicket();
    const before = await state();
    const short = await rejection(api.as(owner).tickets.close({ id: ticket.id, input: { note: "x" } }));
    expect(short).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { note: [expect.stringMatching(/3/)] } });
    const unknown = await rejection(
      api.as(owner).tickets.close({ id: ticket.id, input: { note: "fine", extra: 1 } as never }),
    );
    expect(unknown.fieldErrors).toEqual({ extra: ["extra cannot be set here"] });
    const badId = await rejection(api.as(owner).tickets.close({ id: "not-a-uuid" }));
    expect(Object.keys(badId.fieldErrors)).toEqual(["id"]);
    const required = await rejection(api.as(owner).tickets.explode({ id: ticket.id } as never));
    expect(required.fieldErrors).toEqual({ how: ["How is required"] });
    expect(await state()).toEqual(before);
  });

  it("rolls everything back when `run` fails: its writes, their audit and live events, the run's entry, the job", async () => {
    const ticket = await aTicket();
    const before = await state();
    const failed = await rejection(api.as(owner).tickets.explode({ id: ticket.id, input: { how: "error" } }));
    expect(failed.code).toBe("INTERNAL_SERVER_ERROR");
    expect(await state()).toEqual(before);
    // A value the database refuses is the caller's 400 naming the field, never a 500.
    const refused = await rejection(api.as(owner).tickets.explode({ id: ticket.id, input: { how: "database" } }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(await state()).toEqual(before);
  });

  it("announces its changes only after COMMIT, and observers in the transaction see the run", async () => {
    const ticket = await aTicket();
    const committed: Change[] = [];
    const recorded: Change[] = [];
    const stopCommitted = onCommitted((change) => {
      committed.push(change);
    });
    const stopRecorded = onRecorded(async (_tx, change) => {
      recorded.push(change);
    });
    try {
      await rejection(api.as(owner).tickets.explode({ id: ticket.id, input: { how: "error" } }));
      expect(committed).toEqual([]);
      await api.as(owner).tickets.close({ id: ticket.id });
      expect(committed.map((c) => c.operation)).toEqual(["update"]);
      expect(recorded.map((c) => [c.operation, c.action])).toEqual([
        // The failed run was observed inside its transaction, then rolled back with it.
        ["action", "explode"],
        ["update", undefined],
        ["action", "close"],
        ["update", undefined],
      ]);
    } finally {
      stopCommitted();
      stopRecorded();
    }
  });

  it("deletes through the engine (to the bin), and parses its output with its schema", async () => {
    const ticket = await aTicket();
    expect(await api.as(owner).tickets.peek({ id: ticket.id })).toEqual({ title: "Printer on fire" });
    expect(await api.as(owner).tickets.archive({ id: ticket.id })).toEqual({ archived: true });
    expect((await ticketRow(ticket.id))?.deletedAt).toBeInstanceOf(Date);
    expect((await entries(ticket.id)).map((e) => e.operation)).toEqual(["action", "action", "delete"]);
    // In the bin, it is not there for actions any more.
    expect((await rejection(api.as(owner).tickets.peek({ id: ticket.id }))).code).toBe("NOT_FOUND");
  });
});

describe("a batch", () => {
  it("runs on every record, in order, in one transaction", async () => {
    const [a, b] = [await aTicket({ title: "A" }), await aTicket({ title: "B" })];
    const results = await api.as(owner).tickets.closeMany({ ids: [b.id, a.id], input: { notify: false } });
    expect(results.map((r) => r.title)).toEqual(["B", "A"]);
    expect((await ticketRow(a.id))?.status).toBe("closed");
    expect(await queued()).toEqual([]);
  });

  it("changes nothing when one record is refused, hidden or named twice", async () => {
    const [open, closed] = [await aTicket(), await aTicket({ status: "closed" })];
    const hidden = await aTicket({ ownerId: other.id });
    const before = await state();
    expect((await rejection(api.as(owner).tickets.closeMany({ ids: [open.id, closed.id] }))).code).toBe("FORBIDDEN");
    expect((await rejection(api.as(owner).tickets.closeMany({ ids: [open.id, hidden.id] }))).code).toBe("NOT_FOUND");
    const twice = await rejection(api.as(owner).tickets.closeMany({ ids: [open.id, open.id] }));
    expect(twice.fieldErrors).toEqual({ ids: ["Each record may be named once"] });
    const none = await rejection(api.as(owner).tickets.closeMany({ ids: [] }));
    expect(Object.keys(none.fieldErrors)).toEqual(["ids"]);
    expect(await state()).toEqual(before);
  });
});

describe("a resource-wide action", () => {
  it("runs for admins with its input, audited on no record", async () => {
    await aTicket();
    expect(await api.as(admin).tickets.countOpen()).toEqual({ open: 1 });
    expect(await api.as(admin).tickets.countOpen({ input: { ownerId: other.id } })).toEqual({ open: 0 });
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.operation, "action"));
    expect(rows.map((r) => [r.recordId, r.after])).toEqual([
      ["", { action: "countOpen", input: {} }],
      ["", { action: "countOpen", input: { ownerId: other.id } }],
    ]);
  });
});

describe("meta and availableActions", () => {
  it("describe each action, its input form and whether this caller may run it", async () => {
    const meta = await api.as(owner).tickets.meta();
    const close = meta.actions?.find((a) => a.name === "close");
    expect(close).toMatchObject({
      label: "Close",
      help: "Closes the ticket.",
      target: "record",
      bulk: true,
      confirm: { description: "The owner is told.", destructive: false },
      successMessage: "Close: done",
      can: true,
    });
    expect(close?.fields.map((f) => [f.name, f.label, f.type, f.widget, f.required, f.rules])).toEqual([
      ["note", "Note", "text", "text", false, { minLength: 3, maxLength: 100 }],
      ["notify", "Notify", "boolean", "switch", false, undefined],
    ]);
    expect(meta.actions?.find((a) => a.name === "countOpen")).toMatchObject({ target: "resource", can: false });
    expect((await api.anonymous.tickets.meta()).actions?.every((a) => !a.can)).toBe(true);
  });

  it("lists the record actions this caller may run on one record now", async () => {
    const open = await aTicket();
    const closed = await aTicket({ status: "closed" });
    expect(await api.as(owner).tickets.availableActions({ id: open.id })).toEqual([
      "close",
      "archive",
      "explode",
      "peek",
    ]);
    expect(await api.as(owner).tickets.availableActions({ id: closed.id })).toEqual(["archive", "explode", "peek"]);
    expect((await rejection(api.as(other).tickets.availableActions({ id: open.id }))).code).toBe("NOT_FOUND");
  });
});

describe("hostile input", () => {
  /** Valid inputs from the schema, and the same corrupted: wrong types, sizes, unknown keys, anything at all. */
  const valid = fc.record(
    { note: fc.string({ minLength: 3, maxLength: 100 }), notify: fc.boolean() },
    { requiredKeys: [] },
  );
  const corrupt = fc.oneof(
    valid.map((v) => ({ ...v, note: `${v.note ?? ""}`.slice(0, 2) })),
    valid.map((v) => ({ ...v, note: "x".repeat(101) })),
    valid.chain((v) => fc.anything().map((notify) => ({ ...v, notify }))),
    valid.chain((v) => fc.string({ minLength: 1, maxLength: 20 }).map((key) => ({ ...v, [key]: 1 }))),
    fc.anything(),
  );

  it("is accepted or refused with a 4xx naming a field, never a 500; a refusal writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(valid, corrupt), fc.oneof(fc.constant(null), fc.anything()), async (input, badId) => {
        const ticket = await aTicket();
        const before = await state();
        const id = badId === null ? ticket.id : badId;
        try {
          await api.as(owner).tickets.close({ id, input } as never);
        } catch (error) {
          const refusal = await rejection(Promise.reject(error));
          expect(["BAD_REQUEST", "NOT_FOUND"]).toContain(refusal.code);
          if (refusal.code === "BAD_REQUEST") expect(Object.keys(refusal.fieldErrors).length).toBeGreaterThan(0);
          expect(await state()).toEqual(before);
          return;
        }
        expect((await ticketRow(ticket.id))?.status).toBe("closed");
      }),
      { numRuns: 80 },
    );
  });
});

describe("definitions fail loudly", () => {
  it("names an action whose procedure would clash, or whose input is no object", () => {
    const problems = (make: () => unknown) => {
      try {
        make();
        return [];
      } catch (error) {
        return error instanceof DefinitionError ? error.problems : [String(error)];
      }
    };
    expect(
      problems(() =>
        defineResource("tickets", {
          table: tickets,
          titleField: "title",
          actions: (action) => ({
            list: action({ record: true, run: () => {} }),
            close: action({ record: true, bulk: true, run: () => {} }),
            closeMany: action({ record: true, run: () => {} }),
            "bad name": action({ run: () => {} }),
          }),
        }),
      ),
    ).toEqual([
      'resource "tickets": actions.list: the procedure tickets.list would clash with the list procedure',
      'resource "tickets": actions.closeMany: the procedure tickets.closeMany would clash with actions.close',
      `resource "tickets": actions.bad name: an action's name is a lower camelCase identifier (it names a procedure)`,
    ]);
  });
});
