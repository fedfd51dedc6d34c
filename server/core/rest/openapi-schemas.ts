/**
 * One resource's schemas in the OpenAPI document, as one caller sees it through `meta` (meta.ts): the record as they
 * read it, what they may create and update, the list page, the filter tree over what they may filter by.
 */
import type { Actor } from "../actor";
import type { FieldConfig } from "../fields";
import { operatorsFor } from "../filter-operators";
import type { FieldDescriptor, ResourceDescriptor } from "../meta";
import type { AnyResource } from "../resource";
import type { ValueKind } from "../values";
import { fieldVisibility } from "./field-visibility";
import { encodeValue, fieldCodecs } from "./json-codecs";
import {
  filterValueSchema,
  inputJsonSchema,
  type JsonSchema,
  nullable,
  ref,
  shapeOf,
  valueJsonSchema,
} from "./openapi-values";

/** Names of the shared schemas: a resource whose name would take one gets a suffix (see schemaNames). */
export const SHARED_SCHEMAS = ["Error", "FieldErrors", "File", "FileRef", "HistoryEntry", "HistoryPage"] as const;

/** "taskRuns" -> "TaskRuns": component names in the PascalCase generators turn into type names. */
function pascal(name: string): string {
  return name
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))
    .replace(/^./, (c) => c.toUpperCase());
}

export interface SchemaNames {
  record: string;
  create: string;
  update: string;
  list: string;
  filter: string;
}

export function schemaNames(resourceName: string): SchemaNames {
  let base = pascal(resourceName) || "Resource";
  if ((SHARED_SCHEMAS as readonly string[]).includes(base)) base = `${base}Record`;
  return {
    record: base,
    create: `${base}Create`,
    update: `${base}Update`,
    list: `${base}List`,
    filter: `${base}Filter`,
  };
}

function described(field: FieldDescriptor, schema: JsonSchema): JsonSchema {
  return { ...schema, title: field.label, ...(field.help ? { description: field.help } : {}) };
}

function readRuleName(resource: AnyResource, key: string): string | undefined {
  return ((resource.fields ?? {}) as Record<string, FieldConfig | undefined>)[key]?.access?.read?.name;
}

/** The record as this caller reads it, with the relations they may expand (to resources in the document). */
export function recordSchema(
  resource: AnyResource,
  meta: ResourceDescriptor,
  actor: Actor,
  names: (resource: string) => SchemaNames | undefined,
): JsonSchema {
  const codecs = fieldCodecs(resource);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of meta.fields) {
    // A field no record shows this caller is not named to them at all.
    const visibility = field.readable ? fieldVisibility(resource, field.name, actor) : "never";
    if (visibility === "never") continue;
    // Without the field's rules: they bind what is written, and a record written before a rule changed still reads.
    const { rules: _rules, ...shape } = shapeOf(field, codecs.get(field.name));
    const value = valueJsonSchema(shape);
    const schema = described(field, field.nullable ? nullable(value) : value);
    if (visibility === "always") required.push(field.name);
    else {
      const rule = readRuleName(resource, field.name);
      schema.description = `Present only on records whose read rule lets this caller see it${rule ? ` ("${rule}")` : ""}.`;
    }
    properties[field.name] = schema;
  }
  const expand = expandSchema(meta, names);
  if (expand) properties.expand = expand;
  return { type: "object", properties, required };
}

function expandSchema(meta: ResourceDescriptor, names: (resource: string) => SchemaNames | undefined) {
  const properties: Record<string, JsonSchema> = {};
  for (const rel of meta.relations) {
    const target = names(rel.target);
    if (!target) continue;
    if (rel.kind === "hasCount") properties[rel.name] = { type: "integer", minimum: 0 };
    else if (rel.kind === "belongsTo") properties[rel.name] = nullable(ref(target.record));
    else properties[rel.name] = { type: "array", items: ref(target.record) };
  }
  if (Object.keys(properties).length === 0) return undefined;
  return {
    type: "object",
    description: "The relations named in `expand`, each as its own resource's records (as this caller may read them).",
    properties,
  };
}

/** Writable many-to-many relations: a list of the target's ids, replacing the links. */
function linkProperties(resource: AnyResource, meta: ResourceDescriptor, registry: Record<string, AnyResource>) {
  const properties: Record<string, JsonSchema> = {};
  for (const rel of meta.relations) {
    const target = rel.writable && Object.hasOwn(registry, rel.target) ? registry[rel.target] : undefined;
    if (!target) continue;
    const id = fieldCodecs(target).get(target.info.idKey);
    properties[rel.name] = {
      type: "array",
      items: valueJsonSchema({ type: id?.kind ?? "uuid" }),
      maxItems: resource.info.maxBatch,
      description: `The ${rel.target} linked to the record (replaces the links).`,
    };
  }
  return properties;
}

/** What create (mode "create") or update takes from this caller: the fields they may set, and the links. */
export function writeSchema(
  resource: AnyResource,
  meta: ResourceDescriptor,
  registry: Record<string, AnyResource>,
  mode: "create" | "update",
): JsonSchema {
  const codecs = fieldCodecs(resource);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of meta.fields) {
    if (!(mode === "create" ? field.canCreate : field.canUpdate)) continue;
    const codec = codecs.get(field.name);
    const value = inputJsonSchema(shapeOf(field, codec));
    const schema = described(field, field.nullable ? nullable(value) : value);
    if (mode === "create" && field.default !== undefined && codec) schema.default = encodeValue(codec, field.default);
    if (mode === "create" && field.required) required.push(field.name);
    properties[field.name] = schema;
  }
  Object.assign(properties, linkProperties(resource, meta, registry));
  return { type: "object", properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

export function listSchema(names: SchemaNames): JsonSchema {
  const count = { type: "integer", minimum: -1 };
  return {
    type: "object",
    properties: {
      items: { type: "array", items: ref(names.record) },
      page: { type: "integer", minimum: 1 },
      perPage: { type: "integer", minimum: 1 },
      totalItems: {
        ...count,
        description: "-1 when no total was asked for (totals=none or skipTotal); an estimate when totalEstimated.",
      },
      totalPages: { ...count, description: "-1 when no total was asked for; from the estimate when totalEstimated." },
      totalEstimated: {
        type: "boolean",
        const: true,
        description: "Present when totalItems is PostgreSQL's estimate for the query rather than a count.",
      },
    },
    required: ["items", "page", "perPage", "totalItems", "totalPages"],
  };
}

const LIST_OPERATORS = new Set(["in", "notIn", "hasAll", "hasAny"]);

function operatorSchema(op: string, item: JsonSchema): JsonSchema {
  if (LIST_OPERATORS.has(op)) return { type: "array", items: item, minItems: 1, maxItems: 100 };
  if (op === "isNull") return { type: "boolean" };
  if (op === "contains" || op === "startsWith") return { type: "string", minLength: 1, maxLength: 200 };
  return item;
}

/** The filter tree (server/core/filter.ts) over the fields this caller may filter by; undefined when there are none. */
export function filterSchema(resource: AnyResource, meta: ResourceDescriptor, names: SchemaNames) {
  const codecs = fieldCodecs(resource);
  const properties: Record<string, JsonSchema> = {};
  for (const field of meta.fields) {
    const ops = operatorsFor(field.type);
    if (!field.filterable || ops.length === 0) continue;
    const shape = shapeOf(field, codecs.get(field.name));
    const itemKind: ValueKind = field.type === "array" ? (field.items ?? "json") : field.type;
    const item = filterValueSchema(shape, itemKind);
    properties[field.name] = {
      type: "object",
      properties: Object.fromEntries(ops.map((op) => [op, operatorSchema(op, item)])),
      minProperties: 1,
      additionalProperties: false,
    };
  }
  if (Object.keys(properties).length === 0) return undefined;
  const self = ref(names.filter);
  return {
    type: "object",
    description: "Every condition must hold; `and`, `or` and `not` nest (at most 6 levels).",
    properties: {
      ...properties,
      and: { type: "array", items: self, minItems: 1, maxItems: 20 },
      or: { type: "array", items: self, minItems: 1, maxItems: 20 },
      not: self,
    },
    additionalProperties: false,
  };
}
