/**
 * Generates the tRPC router of a resource: meta, list, get, create, update, delete, their batch forms, restore and
 * purge for soft-deleted rows, history and revert from the audit trail, the live `onChange` subscription, and the
 * resource's custom actions (actions/procedures.ts) with `availableActions`.
 * Inputs are validated by schemas built from the table and definition; outputs are typed from the table.
 */
import type { TrackedEnvelope } from "@trpc/server";
import { and } from "drizzle-orm";
import type { z } from "zod";
import { type Context, publicProcedure, router } from "../trpc";
import { authorize, type Operation, rowCondition } from "./access";
import { availableActions } from "./actions/available";
import { actionProcedures } from "./actions/procedures";
import { checkRegistry } from "./definition-checks";
import type { Registry } from "./expand";
import { type HistoryEntry, recordHistory, versionPatch } from "./history";
import { fieldLabels, wordedInput } from "./input-errors";
import { buildInputs } from "./inputs";
import { describeResource } from "./meta";
import { assertQueryableFields } from "./query-access";
import { type DeletedMode, getRecord, type ListParams, type ListResult, listRecords } from "./read";
import { liveInputSchema } from "./realtime/input";
import { type LiveParams, liveChanges } from "./realtime/subscribe";
import type { LiveInput, LiveMessage } from "./realtime/types";
import type { AnyResource, CreateInput, ReadRecord, ResourceProcedure, UpdateInput } from "./resource";
import type { ExpandPath, ListInput } from "./types";
import {
  createRecord,
  createRecords,
  deleteRecord,
  deleteRecords,
  purgeRecord,
  restoreRecords,
  revertRecord,
  updateRecord,
  updateRecords,
  type Writer,
} from "./write";

type Id<Res extends AnyResource> = ReadRecord<Res> extends { id: infer I } ? I : string;
type Rec = Record<string, unknown>;

export function createResourceRouter<Res extends AnyResource>(resource: Res, registry: Registry) {
  const inputs = buildInputs(resource, registry);
  const liveInput = liveInputSchema(resource);
  const name = resource.name;
  type Item = ReadRecord<Res>;
  type IdInput = { id: Id<Res> };
  type IdsInput = { ids: Id<Res>[] };
  const labels = fieldLabels(resource);
  // Input schemas carry the inferred types (the runtime schemas are built generically, so they are typed here once)
  // and refuse in this resource's words: fields at the top of the input, or under update's `data`.
  const fields = <In, Out = In>(schema: z.ZodType) => wordedInput<In, Out>(schema, labels, false);
  const enveloped = <In, Out = In>(schema: z.ZodType) => wordedInput<In, Out>(schema, labels, true);
  const writer = (ctx: Context): Writer => ({ db: ctx.db, actor: ctx.actor, requestId: ctx.requestId, registry });

  /** Rows a write may touch: what `get` shows (else NOT_FOUND), within the operation's own rule (else FORBIDDEN). */
  const scope = (op: Operation, ctx: Context) => ({
    allowed: authorize(resource.access, op, ctx.actor, name),
    visible: rowCondition(resource.access, "get", ctx.actor),
  });
  /**
   * The row filter of a read: the operation's rule, and when soft-deleted rows are asked for, the `readDeleted`
   * rule too (its refusal is an error; its condition joins the filter).
   */
  const readFilter = (op: "list" | "get", mode: DeletedMode | undefined, ctx: Context) =>
    and(
      authorize(resource.access, op, ctx.actor, name),
      mode && mode !== "exclude" ? authorize(resource.access, "readDeleted", ctx.actor, name) : undefined,
    );

  const crud = {
    /** The field descriptor generated UIs render from, and the resource's own rate limits (HTTP applies them). */
    meta: publicProcedure.query(({ ctx }) => ({
      ...describeResource(resource, registry, ctx.actor),
      rateLimit: resource.rateLimit ?? {},
    })),

    list: publicProcedure
      .input(fields<ListInput<Res> | undefined, ListParams>(inputs.list))
      .query(async ({ ctx, input }) => {
        assertQueryableFields(resource, ctx.actor, input);
        const filter = readFilter("list", input.deleted, ctx);
        return (await listRecords(ctx.db, resource, input, registry, filter, ctx.actor)) as ListResult<Item>;
      }),

    get: publicProcedure
      .input(fields<{ id: Id<Res>; expand?: ExpandPath<Res>[]; withDeleted?: boolean }>(inputs.get))
      .query(async ({ ctx, input }) => {
        const mode: DeletedMode = input.withDeleted ? "include" : "exclude";
        const filter = readFilter("get", mode, ctx);
        return (await getRecord(ctx.db, resource, input.id, input.expand, registry, filter, ctx.actor, mode)) as Item;
      }),

    create: publicProcedure.input(fields<CreateInput<Res>>(inputs.create)).mutation(async ({ ctx, input }) => {
      authorize(resource.access, "create", ctx.actor, name);
      return (await createRecord(writer(ctx), resource, input as Rec)) as Item;
    }),

    update: publicProcedure
      .input(enveloped<{ id: Id<Res>; data: UpdateInput<Res> }>(inputs.update))
      .mutation(async ({ ctx, input }) => {
        return (await updateRecord(writer(ctx), resource, input.id, input.data as Rec, scope("update", ctx))) as Item;
      }),

    delete: publicProcedure.input(fields<IdInput>(inputs.delete)).mutation(async ({ ctx, input }) => {
      return (await deleteRecord(writer(ctx), resource, input.id, scope("delete", ctx))) as IdInput;
    }),

    createMany: publicProcedure
      .input(fields<{ items: CreateInput<Res>[] }>(inputs.createMany))
      .mutation(async ({ ctx, input }) => {
        authorize(resource.access, "create", ctx.actor, name);
        return (await createRecords(writer(ctx), resource, input.items as Rec[])) as Item[];
      }),

    updateMany: publicProcedure
      .input(enveloped<{ ids: Id<Res>[]; data: UpdateInput<Res> }>(inputs.updateMany))
      .mutation(async ({ ctx, input }) => {
        const rows = scope("update", ctx);
        return (await updateRecords(writer(ctx), resource, input.ids, input.data as Rec, rows)) as Item[];
      }),

    deleteMany: publicProcedure.input(fields<IdsInput>(inputs.deleteMany)).mutation(async ({ ctx, input }) => {
      return (await deleteRecords(writer(ctx), resource, input.ids, scope("delete", ctx))) as IdsInput;
    }),

    /** Brings soft-deleted rows back (the `restore` rule; admins only without one). */
    restore: publicProcedure.input(fields<IdInput>(inputs.delete)).mutation(async ({ ctx, input }) => {
      const [restored] = await restoreRecords(writer(ctx), resource, [input.id], scope("restore", ctx));
      return restored as Item;
    }),

    restoreMany: publicProcedure.input(fields<IdsInput>(inputs.restoreMany)).mutation(async ({ ctx, input }) => {
      return (await restoreRecords(writer(ctx), resource, input.ids, scope("restore", ctx))) as Item[];
    }),

    /** Removes a (soft-deleted) row for good (the `purge` rule; admins only without one). */
    purge: publicProcedure.input(fields<IdInput>(inputs.delete)).mutation(async ({ ctx, input }) => {
      return (await purgeRecord(writer(ctx), resource, input.id, scope("purge", ctx))) as IdInput;
    }),

    /** The record's audit trail, newest first, with only the fields this caller may read of it. */
    history: publicProcedure
      .input(fields<{ id: Id<Res>; page?: number; perPage?: number; withDeleted?: boolean }>(inputs.history))
      .query(async ({ ctx, input }) => {
        const mode: DeletedMode = input.withDeleted ? "include" : "exclude";
        const visible = readFilter("get", mode, ctx);
        const { page = 1, perPage = 20 } = input;
        return (await recordHistory(ctx.db, resource, input.id, ctx.actor, {
          page,
          perPage,
          visible,
          deleted: mode,
          registry,
        })) as ListResult<HistoryEntry>;
      }),

    /**
     * Sets the record back to how it was right after history entry `entryId`, or with `to: "before"` right before it
     * (the `revert` rule; admins only).
     */
    revert: publicProcedure
      .input(fields<{ id: Id<Res>; entryId: number; to?: "after" | "before" }>(inputs.revert))
      .mutation(async ({ ctx, input }) => {
        return (await revertRecord(writer(ctx), resource, input.id, scope("revert", ctx), (tx, current) =>
          versionPatch(tx, resource, current, input.entryId, input.to),
        )) as Item;
      }),

    /**
     * Live changes to what `list` (with this filter) or one record shows this caller, over SSE: every message is
     * tracked by its event id; see server/core/realtime/types.ts and README "Live updates".
     */
    onChange: publicProcedure
      .input(fields<LiveInput<Res, Id<Res>> | undefined, LiveParams>(liveInput))
      .subscription(({ ctx, input, signal }): AsyncGenerator<TrackedEnvelope<LiveMessage<Item, Id<Res>>>> => {
        // Refused outright like `list` (anonymous callers of a signed-in-only resource get UNAUTHORIZED).
        authorize(resource.access, "list", ctx.actor, name);
        assertQueryableFields(resource, ctx.actor, { filter: input?.filter });
        return liveChanges<Item, Id<Res>>({ db: ctx.db, resource, actor: ctx.actor, input, signal });
      }),

    /**
     * The record actions (docs/actions.md) this caller may run on this record now, by their rules; NOT_FOUND for a
     * record `get` would not show them. The admin shows a button for each.
     */
    availableActions: publicProcedure.input(fields<IdInput>(inputs.delete)).query(async ({ ctx, input }) => {
      return (await availableActions(ctx.db, resource, input.id, ctx.actor)) as (keyof Res["actionDefinitions"] &
        string)[];
    }),
    // Per-procedure rate limits are keyed by these names (resource.ts): a procedure added here must be named there.
  } satisfies Record<ResourceProcedure, unknown>;
  // The custom actions sit beside the CRUD; defineResource refused any whose name a procedure above has.
  return router({ ...crud, ...actionProcedures(resource, registry) });
}

export type ResourceRouter<Res extends AnyResource> = ReturnType<typeof createResourceRouter<Res>>;

/** One router per registered resource, keyed by resource name; a registry whose resources disagree throws. */
export function resourceRouters<const M extends Record<string, AnyResource>>(resources: M) {
  checkRegistry(resources);
  return Object.fromEntries(Object.entries(resources).map(([k, r]) => [k, createResourceRouter(r, resources)])) as {
    [K in keyof M]: ResourceRouter<M[K]>;
  };
}

/**
 * The router of a registry of its own: what `appRouter` spreads, standing alone. Tests serve tables of their own
 * through exactly the procedures (schemas, middleware, error formatting) the app serves.
 */
export function registryRouter<const M extends Record<string, AnyResource>>(resources: M) {
  return router(resourceRouters(resources));
}
