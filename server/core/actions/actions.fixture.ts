/**
 * Test-only: a `tickets` table (created by the SQL below in each test database, in no migration) with actions of
 * every shape: a bulk record action with input, confirmation, a check and a job; one that deletes; one that throws
 * after writing; one with an output schema; and a resource-wide one. Its owners see their tickets, admins all.
 */
import { count, eq, sql } from "drizzle-orm";
import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { TestDatabase } from "@/db/testing/test-db";
import { createCallerFactory, createContext } from "../../trpc";
import { rule } from "../access";
import type { Actor, User } from "../actor";
import { defineJob } from "../jobs/define";
import { defineResource } from "../resource";
import { registryRouter } from "../router";

export const tickets = pgTable("action_tickets", {
  id: uuid("id").primaryKey().defaultRandom(),
  title: text("title").notNull(),
  status: text("status", { enum: ["open", "closed"] })
    .notNull()
    .default("open"),
  ownerId: uuid("owner_id").notNull(),
  secret: text("secret"),
  closedNote: text("closed_note"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp("deleted_at", { withTimezone: true }),
});

export const TICKETS_DDL = `
  create table action_tickets (
    id uuid primary key default gen_random_uuid(),
    title text not null check (title <> 'forbidden title'),
    status text not null default 'open',
    owner_id uuid not null,
    secret text,
    closed_note text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    deleted_at timestamptz
  )`;

/** The job `close` queues; the test makes its queue (see `startJobs`). */
export const ticketClosed = defineJob("test.ticket-closed", {
  input: z.object({ ticketId: z.uuid() }),
  run: () => {},
});

const isAdmin = (user: User | null) => user?.role === "admin";
const admins = rule("admins", ({ user }) => isAdmin(user));
const ownOrAdmin = rule("own tickets, or admins", ({ user }) =>
  isAdmin(user) ? true : user ? eq(tickets.ownerId, user.id) : false,
);

export const ticketsResource = defineResource("tickets", {
  table: tickets,
  titleField: "title",
  softDelete: "deletedAt",
  fields: {
    title: { label: "Title" },
    secret: { hidden: true },
    closedNote: { label: "Closing note", access: { read: admins } },
  },
  access: { list: ownOrAdmin, get: ownOrAdmin, create: { name: "anyone signed in", allow: ({ user }) => !!user } },
  actions: (action) => ({
    close: action({
      record: true,
      bulk: true,
      help: "Closes the ticket.",
      confirm: "The owner is told.",
      input: z.object({
        note: z.string().min(3).max(100).meta({ title: "Note", description: "Why it is closed." }).optional(),
        notify: z.boolean().default(true),
      }),
      access: {
        name: "open tickets, by their owner or admins",
        allow: ({ user }) =>
          user
            ? isAdmin(user)
              ? sql`${tickets.status} = 'open'`
              : sql`${tickets.status} = 'open' and ${tickets.ownerId} = ${user.id}`
            : false,
        check: ({ input }) => input.note !== "not allowed",
      },
      run: async ({ record, input, update, enqueue }) => {
        if (input.notify) await enqueue(ticketClosed, { ticketId: record.id });
        return update({ status: "closed", closedNote: input.note ?? null });
      },
    }),
    archive: action({
      record: true,
      access: ownOrAdmin,
      run: async ({ delete: remove }) => {
        await remove();
        return { archived: true };
      },
    }),
    /** Writes, then fails: nothing of it may remain. */
    explode: action({
      record: true,
      access: ownOrAdmin,
      input: z.object({ how: z.enum(["error", "database"]) }),
      run: async ({ input, update, enqueue, record }) => {
        await update({ title: "changed before the failure" });
        await enqueue(ticketClosed, { ticketId: record.id });
        if (input.how === "database") await update({ title: "forbidden title" });
        throw new Error("exploded");
      },
    }),
    /** Returns more than its output schema lets through. */
    peek: action({
      record: true,
      access: ownOrAdmin,
      output: z.object({ title: z.string() }),
      run: ({ record }) => ({ title: record.title, secret: record.secret ?? "" }),
    }),
    /** A resource-wide action: admins only (no rule). */
    countOpen: action({
      input: z.object({ ownerId: z.uuid().optional() }),
      run: async ({ tx, input }) => {
        const [row] = await tx
          .select({ n: count() })
          .from(tickets)
          .where(input.ownerId ? eq(tickets.ownerId, input.ownerId) : sql`${tickets.status} = 'open'`);
        return { open: row?.n ?? 0 };
      },
    }),
  }),
});

/** Callers of the tickets router as anyone. */
export function ticketCallers(t: TestDatabase) {
  const routerOf = registryRouter({ tickets: ticketsResource });
  const make = (actor: Actor) => createCallerFactory(routerOf)(createContext({ db: t.db, actor }));
  return {
    as: (user: User) => make({ kind: "user", user, via: "session" }),
    anonymous: make({ kind: "anonymous" }),
    system: make({ kind: "system", reason: "test" }),
  };
}
