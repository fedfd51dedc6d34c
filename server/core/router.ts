/**
 * Generates the tRPC router of a resource: meta, list, get, create, update, delete, createMany, updateMany,
 * deleteMany. Inputs are validated by schemas built from the table and definition; outputs are typed from the table.
 */
import type { z } from "zod";
import { publicProcedure, router } from "../trpc";
import { authorize, rowCondition } from "./access";
import type { Actor } from "./actor";
import type { Registry } from "./expand";
import { buildInputs } from "./inputs";
import { describeResource } from "./meta";
import { getRecord, type ListParams, type ListResult, listRecords } from "./read";
import type { RelationDef } from "./relations";
import type { AnyResource, CreateInput, ReadRecord, UpdateInput } from "./resource";
import type { ExpandPath, ListInput } from "./types";
import { createRecord, createRecords, deleteRecord, deleteRecords, updateRecord, updateRecords } from "./write";

type Id<Res extends AnyResource> = ReadRecord<Res> extends { id: infer I } ? I : string;
type Rec = Record<string, unknown>;

/** Input schemas carry the inferred types; the runtime schemas are built generically, so they are typed here once. */
function typed<In, Out = In>(schema: z.ZodType) {
  return schema as unknown as z.ZodType<Out, In>;
}

export function createResourceRouter<Res extends AnyResource>(resource: Res, registry: Registry) {
  const inputs = buildInputs(resource);
  const name = resource.name;
  type Item = ReadRecord<Res>;
  /** Rows an update or delete may touch: what `get` shows (else NOT_FOUND), within the operation's own rule. */
  const scope = (op: "update" | "delete", actor: Actor) => ({
    allowed: authorize(resource.access, op, actor, name),
    visible: rowCondition(resource.access, "get", actor),
  });

  return router({
    /** The field descriptor generated UIs render from. */
    meta: publicProcedure.query(() => describeResource(resource, registry)),

    list: publicProcedure
      .input(typed<ListInput<Res> | undefined, ListParams>(inputs.list))
      .query(async ({ ctx, input }) => {
        const rowFilter = authorize(resource.access, "list", ctx.actor, name);
        return (await listRecords(ctx.db, resource, input, registry, rowFilter, ctx.actor)) as ListResult<Item>;
      }),

    get: publicProcedure
      .input(typed<{ id: Id<Res>; expand?: ExpandPath<Res>[] }>(inputs.get))
      .query(async ({ ctx, input }) => {
        const rowFilter = authorize(resource.access, "get", ctx.actor, name);
        return (await getRecord(ctx.db, resource, input.id, input.expand, registry, rowFilter, ctx.actor)) as Item;
      }),

    create: publicProcedure.input(typed<CreateInput<Res>>(inputs.create)).mutation(async ({ ctx, input }) => {
      authorize(resource.access, "create", ctx.actor, name);
      return (await createRecord(ctx.db, resource, input as Rec, ctx.actor)) as Item;
    }),

    update: publicProcedure
      .input(typed<{ id: Id<Res>; data: UpdateInput<Res> }>(inputs.update))
      .mutation(async ({ ctx, input }) => {
        const rows = scope("update", ctx.actor);
        return (await updateRecord(ctx.db, resource, input.id, input.data as Rec, ctx.actor, rows)) as Item;
      }),

    delete: publicProcedure.input(typed<{ id: Id<Res> }>(inputs.delete)).mutation(async ({ ctx, input }) => {
      const rows = scope("delete", ctx.actor);
      return (await deleteRecord(ctx.db, resource, input.id, ctx.actor, rows)) as { id: Id<Res> };
    }),

    createMany: publicProcedure
      .input(typed<{ items: CreateInput<Res>[] }>(inputs.createMany))
      .mutation(async ({ ctx, input }) => {
        authorize(resource.access, "create", ctx.actor, name);
        return (await createRecords(ctx.db, resource, input.items as Rec[], ctx.actor)) as Item[];
      }),

    updateMany: publicProcedure
      .input(typed<{ ids: Id<Res>[]; data: UpdateInput<Res> }>(inputs.updateMany))
      .mutation(async ({ ctx, input }) => {
        const rows = scope("update", ctx.actor);
        return (await updateRecords(ctx.db, resource, input.ids, input.data as Rec, ctx.actor, rows)) as Item[];
      }),

    deleteMany: publicProcedure.input(typed<{ ids: Id<Res>[] }>(inputs.deleteMany)).mutation(async ({ ctx, input }) => {
      const rows = scope("delete", ctx.actor);
      return (await deleteRecords(ctx.db, resource, input.ids, ctx.actor, rows)) as { ids: Id<Res>[] };
    }),
  });
}

export type ResourceRouter<Res extends AnyResource> = ReturnType<typeof createResourceRouter<Res>>;

/** One router per registered resource, keyed by resource name. */
export function resourceRouters<const M extends Record<string, AnyResource>>(resources: M) {
  for (const [key, resource] of Object.entries(resources)) {
    if (key !== resource.name) throw new Error(`resource "${resource.name}" is registered under another key "${key}"`);
    for (const [relation, def] of Object.entries((resource.relations ?? {}) as Record<string, RelationDef>)) {
      if (!resources[def.target]) throw new Error(`${key}.relations.${relation}: no resource named "${def.target}"`);
    }
  }
  return Object.fromEntries(Object.entries(resources).map(([k, r]) => [k, createResourceRouter(r, resources)])) as {
    [K in keyof M]: ResourceRouter<M[K]>;
  };
}
