/**
 * Custom actions (docs/actions.md) in plain JSON: the JSON Schema of an action's input and output for the OpenAPI
 * document, and the input's Dates and BigInts read from their text for the action's own zod schema.
 *
 * Schemas come from `z.toJSONSchema` (through input-fields.ts, which the admin's forms read too), since an action's
 * input is any zod object the app wrote; only what it cannot say in plain JSON is mapped by hand: `z.date()` is
 * ISO text and `z.bigint()` digits, as the records' values are.
 */
import { z } from "zod";
import type { AnyAction } from "../actions/define";
import { describeActionInput, inputJsonSchema as zodInputSchema } from "../actions/input-fields";
import type { AnyResource } from "../resource";
import { decodeScalar } from "./json-codecs";
import type { JsonSchema } from "./openapi-values";

const DATE_MARK = "x-atrium-date";

/** Rewrites zod's JSON Schema for JSON clients; undefined when it needs definitions of its own ($defs, $ref). */
function forJson(node: unknown, depth = 0): unknown {
  if (depth > 64) return undefined;
  if (Array.isArray(node)) {
    const items = node.map((item) => forJson(item, depth + 1));
    return items.includes(undefined) ? undefined : items;
  }
  if (node === null || typeof node !== "object") return node;
  const schema = node as JsonSchema;
  // References point into the schema's own root, which is not the document's: no way to keep them.
  if ("$defs" in schema || "$ref" in schema || "definitions" in schema) return undefined;
  if (schema[DATE_MARK] === true) {
    const { [DATE_MARK]: _mark, ...rest } = schema;
    return { ...rest, type: "string", format: "date-time" };
  }
  if (schema.type === "integer" && schema.format === "int64") {
    const { minimum: _min, maximum: _max, format: _f, ...rest } = schema;
    return { ...rest, type: "string", pattern: "^[+-]?\\d+$" };
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$schema") continue;
    const converted = forJson(value, depth + 1);
    if (converted === undefined) return undefined;
    out[key] = converted;
  }
  return out;
}

const ANY: JsonSchema = { description: "Any JSON value." };

function strictObject(schema: JsonSchema, input: z.ZodType): JsonSchema {
  // The engine refuses keys an action's object does not name, unless it is a z.looseObject (actions/procedures.ts).
  const catchall = (input as unknown as { _zod: { def: { catchall?: unknown } } })._zod.def.catchall;
  return catchall === undefined && schema.type === "object" ? { ...schema, additionalProperties: false } : schema;
}

/** Converted once per action: definitions are fixed at start, and the document is built per request. */
const inputs = new WeakMap<AnyAction, JsonSchema>();
const outputs = new WeakMap<AnyAction, JsonSchema>();

/** The JSON Schema of what the action takes. */
export function actionInputSchema(action: AnyAction): JsonSchema {
  const schema = inputs.get(action) ?? convertInput(action);
  inputs.set(action, schema);
  // A copy: whoever gets the document may change it (validators dereference in place).
  return structuredClone(schema);
}

function convertInput(action: AnyAction): JsonSchema {
  let converted: unknown;
  try {
    converted = forJson(zodInputSchema(action.input));
  } catch {
    converted = undefined;
  }
  return converted ? strictObject(converted as JsonSchema, action.input) : ANY;
}

/** Whether the action's input has a field it cannot run without. */
export function actionInputRequired(action: AnyAction): boolean {
  const required = actionInputSchema(action).required;
  return Array.isArray(required) && required.length > 0;
}

/** The JSON Schema of what the action answers: its `output` schema when it declares one, else any JSON. */
export function actionOutputSchema(action: AnyAction): JsonSchema {
  const schema = outputs.get(action) ?? convertOutput(action);
  outputs.set(action, schema);
  return structuredClone(schema);
}

function convertOutput(action: AnyAction): JsonSchema {
  if (!action.output) return ANY;
  try {
    const schema = z.toJSONSchema(action.output, {
      io: "output",
      unrepresentable: "any",
      override: (ctx) => {
        const type = (ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type;
        if (type === "date") Object.assign(ctx.jsonSchema, { type: "string", format: "date-time" });
        if (type === "bigint") Object.assign(ctx.jsonSchema, { type: "integer", format: "int64" });
      },
    });
    return (forJson(schema) as JsonSchema | undefined) ?? ANY;
  } catch {
    return ANY;
  }
}

/** ISO dates and date-times, as the engine's own date fields read them (field-schema.ts). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** A Date from ISO text, only when the text names a real day ("2026-02-30" stays text, for the schema to refuse). */
function decodeDate(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const match = ISO_DATE.exec(value);
  if (!match) return value;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date;
}

/**
 * An action's input from JSON: its `z.date()` fields from ISO text, its `z.bigint()` fields (and lists of them) from
 * digits; everything else as it came, for the action's schema to judge.
 */
export function decodeActionInput(action: AnyAction, registry: Record<string, AnyResource>, json: unknown): unknown {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return json;
  const out: Record<string, unknown> = {};
  const fields = new Map(describeActionInput(action.input, registry).map((f) => [f.name, f]));
  for (const key of Object.keys(json)) {
    const value = (json as Record<string, unknown>)[key];
    const field = Object.hasOwn(json, key) ? fields.get(key) : undefined;
    let decoded = value;
    if (field?.type === "date") decoded = decodeDate(value);
    else if (field?.type === "bigint") decoded = decodeScalar("bigint", value);
    else if (field?.type === "array" && field.items === "bigint" && Array.isArray(value)) {
      decoded = value.map((item) => decodeScalar("bigint", item));
    }
    Object.defineProperty(out, key, { value: decoded, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
