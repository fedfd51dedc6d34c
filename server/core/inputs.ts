/**
 * The zod schemas of every generated procedure's input, built once per resource from its table and definition.
 * The same schemas validate in the browser (generated forms import them through `meta`) and on the server.
 */
import { createInsertSchema, createUpdateSchema } from "drizzle-zod";
import { z } from "zod";
import { valueSchemaOf } from "./field-schema";
import { type FieldConfig, fieldLabel } from "./fields";
import { filterSchema } from "./filter";
import type { RelationDef } from "./relations";
import type { AnyResource } from "./resource";
import { effectiveRules } from "./rules";
import { sortValues } from "./sort";
import { TOTALS_MODES } from "./totals";
import { checkFieldTypes } from "./type-checks";
import { fieldFacts, forColumn, valueSchema, valueShape } from "./values";

/**
 * Each column's schema, handed to drizzle-zod (which adds nullability and optionality): the value as its type and
 * the definition's rules allow it (field-schema.ts, as the browser builds it from `meta`), then the escape-hatch
 * `validate`. drizzle-zod's own schemas are not used: they read numeric as any text and bigint without messages.
 */
function refinements(resource: AnyResource) {
  const fields = (resource.fields ?? {}) as Record<string, FieldConfig | undefined>;
  const foreignKeys = new Set(
    Object.values((resource.relations ?? {}) as Record<string, RelationDef>).flatMap((r) =>
      r.kind === "belongsTo" ? [r.field] : [],
    ),
  );
  const out: Record<string, () => z.ZodType> = {};
  for (const [key, column] of Object.entries(resource.info.columns)) {
    const config = fields[key];
    const label = fieldLabel(key, config);
    const facts = fieldFacts(column, config);
    const rules = effectiveRules(config?.rules, facts.kind, facts.items, facts.implied);
    const shape = config?.file
      ? { type: "file" as const, label, file: { multiple: config.file.multiple } }
      : { ...valueShape(column, label, rules), ...(foreignKeys.has(key) ? { relation: true } : {}) };
    out[key] = () => {
      const schema = forColumn(column, valueSchemaOf(shape), label);
      return config?.validate ? config.validate(schema) : schema;
    };
  }
  return out;
}

function pickKeys(keys: string[]): Record<string, true> {
  return Object.fromEntries(keys.map((k) => [k, true]));
}

export function buildInputs(resource: AnyResource, registry: Record<string, AnyResource>) {
  const { info } = resource;
  checkFieldTypes(resource);
  const refine = refinements(resource);
  // biome-ignore lint/suspicious/noExplicitAny: drizzle-zod's refinement map is typed per table; ours is generic.
  const insert = createInsertSchema(resource.table, refine as any) as unknown as z.ZodObject;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  const update = createUpdateSchema(resource.table, refine as any) as unknown as z.ZodObject;
  // Writable many-to-many relations take a list of target ids (replacing the links), e.g. `tags: [id, id]`.
  const links = Object.fromEntries(
    info.linkKeys.map((name) => {
      const rel = resource.relations?.[name];
      const target = rel ? registry[rel.target] : undefined;
      const targetId = target ? valueSchema(target.info.columns[target.info.idKey] as never, name) : z.string();
      return [name, z.array(targetId).max(info.maxBatch).optional()];
    }),
  );
  // Server-set fields (a `defaultValue`) may be left out; the engine fills them in before the hooks run.
  const create = insert
    .pick(pickKeys(info.createKeys))
    .partial(pickKeys(info.defaultKeys.filter((k) => info.createKeys.includes(k))))
    .extend(links)
    .strict();
  const patch = update.pick(pickKeys(info.updateKeys)).extend(links).strict();
  const id = valueSchema(info.columns[info.idKey] as never, "id");
  const expand = z.array(z.string().max(100)).max(20).optional();
  const ids = z.array(id).min(1).max(info.maxBatch);
  const sorts = sortValues(resource);

  const list = z
    .object({
      page: z.number().int().min(1).default(1),
      perPage: z
        .number()
        .int()
        .min(1)
        .max(info.maxPerPage, `perPage must be at most ${info.maxPerPage}`)
        .default(info.defaultPerPage),
      sort: (sorts.length
        ? z.array(z.enum(sorts as [string, ...string[]])).max(5)
        : z.array(z.never()).max(0)
      ).optional(),
      filter: filterSchema(resource).optional(),
      search: z.string().trim().max(200).optional(),
      expand,
      skipTotal: z.boolean().default(false),
      totals: z.enum(TOTALS_MODES, { error: 'totals must be "exact", "estimate" or "none"' }).optional(),
      deleted: z.enum(["exclude", "include", "only"]).optional(),
    })
    .strict()
    .refine((input) => !input.skipTotal || input.totals === undefined || input.totals === "none", {
      path: ["totals"],
      message: 'totals contradicts skipTotal: true (which means totals: "none")',
    })
    .default({ page: 1, perPage: info.defaultPerPage, skipTotal: false });

  return {
    list,
    get: z.object({ id, expand, withDeleted: z.boolean().optional() }).strict(),
    create,
    update: z.object({ id, data: patch }).strict(),
    delete: z.object({ id }).strict(),
    createMany: z.object({ items: z.array(create).min(1).max(info.maxBatch) }).strict(),
    updateMany: z.object({ ids, data: patch }).strict(),
    deleteMany: z.object({ ids }).strict(),
    restoreMany: z.object({ ids }).strict(),
    history: z
      .object({
        id,
        page: z.number().int().min(1).default(1),
        perPage: z.number().int().min(1).max(100).default(20),
        withDeleted: z.boolean().optional(),
      })
      .strict(),
    revert: z.object({ id, entryId: z.number().int().positive(), to: z.enum(["after", "before"]).optional() }).strict(),
  };
}

export type ResourceInputs = ReturnType<typeof buildInputs>;
