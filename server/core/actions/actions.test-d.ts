/**
 * Type tests of actions: what a definition's `actions` declares is typed in `run` (the record from the table, the
 * input from its zod object, `update` from the table's columns, `enqueue` from the job's input) and through tRPC to
 * the client (input and output of each procedure, `<name>Many` only for bulk actions), on the engine's test table.
 * The demo's own: server/resources/actions.test-d.ts. Checked by `tsc`.
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { sql } from "drizzle-orm";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { defineJob } from "../jobs/define";
import { defineResource } from "../resource";
import type { registryRouter } from "../router";
import { tickets, type ticketsResource } from "./actions.fixture";

type TicketsRouter = ReturnType<typeof registryRouter<{ tickets: typeof ticketsResource }>>;

describe("an action's procedures", () => {
  type TIn = inferRouterInputs<TicketsRouter>["tickets"];
  type TOut = inferRouterOutputs<TicketsRouter>["tickets"];

  it("take an id and the input under `input`, optional when no field is required", () => {
    expectTypeOf<TIn["close"]>().toEqualTypeOf<{
      id: string;
      input?: { note?: string | undefined; notify?: boolean | undefined };
    }>();
    expectTypeOf<TIn["explode"]>().toEqualTypeOf<{ id: string; input: { how: "error" | "database" } }>();
    expectTypeOf<TIn["archive"]>().toEqualTypeOf<{ id: string; input?: Record<never, never> }>();
    // A resource-wide action may be called with nothing at all: `trpc.tickets.countOpen.mutate()`.
    expectTypeOf<undefined>().toExtend<TIn["countOpen"]>();
    expectTypeOf<Extract<TIn["countOpen"], object>>().toEqualTypeOf<{ input?: { ownerId?: string | undefined } }>();
  });

  it("return what run returns (parsed by `output` when given); a bulk action has a batch form", () => {
    expectTypeOf<TOut["archive"]>().toEqualTypeOf<{ archived: boolean }>();
    expectTypeOf<TOut["peek"]>().toEqualTypeOf<{ title: string }>();
    expectTypeOf<TOut["countOpen"]>().toEqualTypeOf<{ open: number }>();
    expectTypeOf<TOut["closeMany"]>().toEqualTypeOf<TOut["close"][]>();
    expectTypeOf<TIn["closeMany"]>().toHaveProperty("ids").toEqualTypeOf<string[]>();
    expectTypeOf<TOut>().not.toHaveProperty("archiveMany");
    // The record as its reader gets it: the hidden column is not in it, the admin-only note optional.
    expectTypeOf<TOut["close"]>().not.toHaveProperty("secret");
    expectTypeOf<TOut["close"]["closedNote"]>().toEqualTypeOf<string | null | undefined>();
  });

  it("availableActions names the record actions", () => {
    expectTypeOf<TOut["availableActions"]>().toEqualTypeOf<
      ("close" | "archive" | "explode" | "peek" | "countOpen")[]
    >();
  });
});

describe("inside a definition", () => {
  const noted = defineJob("test.noted", { input: z.object({ ticketId: z.uuid() }), run: () => {} });

  it("types the record, the input, update, enqueue and the rule's check from the table and the schemas", () => {
    defineResource("tickets", {
      table: tickets,
      titleField: "title",
      fields: { secret: { hidden: true } },
      actions: (action) => ({
        close: action({
          record: true,
          bulk: true,
          input: z.object({ note: z.string().optional(), at: z.date().default(() => new Date()) }),
          access: {
            name: "anyone",
            allow: () => true,
            check: ({ record, input }) => {
              expectTypeOf(record.status).toEqualTypeOf<"open" | "closed">();
              expectTypeOf(input.at).toEqualTypeOf<Date>();
              return true;
            },
          },
          run: async ({ record, input, update, enqueue }) => {
            expectTypeOf(record.id).toEqualTypeOf<string>();
            expectTypeOf(record.secret).toEqualTypeOf<string | null>();
            expectTypeOf(input).toEqualTypeOf<{ note?: string | undefined; at: Date }>();
            await enqueue(noted, { ticketId: record.id });
            // @ts-expect-error the job's input has no `id`
            await enqueue(noted, { id: record.id });
            // @ts-expect-error `state` is no column of tickets
            await update({ state: "closed" });
            // @ts-expect-error status is "open" or "closed"
            await update({ status: "done" });
            const saved = await update({ status: "closed" });
            // What update returns is the record as its reader gets it: the hidden column is not in it.
            expectTypeOf(saved).not.toHaveProperty("secret");
            expectTypeOf(saved.status).toEqualTypeOf<"open" | "closed">();
            return saved;
          },
        }),
        count: action({
          access: { name: "admins", allow: ({ user }) => user?.role === "admin" },
          run: ({ input, ...context }) => {
            expectTypeOf(input).toEqualTypeOf<Record<never, never>>();
            expectTypeOf(context).not.toHaveProperty("record");
            return 1;
          },
        }),
        // @ts-expect-error a resource-wide action's rule answers true or false: there are no records to pick
        rows: action({ access: { name: "rows", allow: () => sql`true` }, run: () => 1 }),
      }),
    });
  });

  it("refuses an input that is no zod object", () => {
    defineResource("tickets", {
      table: tickets,
      titleField: "title",
      actions: (action) => ({
        // @ts-expect-error an action's input is a z.object
        wrong: action({ record: true, input: z.string(), run: () => {} }),
      }),
    });
  });
});
