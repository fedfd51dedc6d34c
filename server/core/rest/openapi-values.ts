/**
 * JSON Schema of field values as the REST API carries them (json-values.ts), from `meta`'s field descriptors.
 *
 * Our own mapping, not `z.toJSONSchema` of the engine's input schemas: those take Dates and BigInts (which JSON
 * Schema cannot represent), transform `mode: "string"` dates, and check decimals and bounds in refinements that
 * zod's converter drops. The descriptor already holds each of those facts (kind, options, precision, the effective
 * rules), so each kind maps to the schema of its JSON text directly.
 */
import { DECIMAL_PATTERN } from "../decimal";
import { TIME_PATTERN } from "../field-schema";
import type { FieldRules } from "../fields";
import type { FieldDescriptor } from "../meta";
import { itemRules } from "../rules";
import type { ValueKind } from "../values";
import type { FieldCodec } from "./json-codecs";

export type JsonSchema = { [key: string]: unknown };

/** Where the shared schemas are, by name (openapi.ts puts them in `components.schemas`). */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** The slug format of rules.ts, as a pattern JSON Schema validators apply. */
const SLUG = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
const BIGINT = "^[+-]?\\d+$";

/** What a value schema depends on: the descriptor's facts, and the column's date style. */
export interface ValueShape {
  type: ValueKind;
  options?: readonly string[];
  items?: ValueKind;
  precision?: number;
  scale?: number;
  rules?: FieldRules;
  dateOnly?: boolean;
  /** File fields: a list of at most this many files, else one. */
  multiple?: number;
}

export function shapeOf(field: FieldDescriptor, codec: FieldCodec | undefined): ValueShape {
  return {
    type: field.type,
    ...(field.options ? { options: field.options } : {}),
    ...(field.items ? { items: field.items } : {}),
    ...(field.precision !== undefined ? { precision: field.precision, scale: field.scale ?? 0 } : {}),
    ...(field.rules ? { rules: field.rules } : {}),
    ...(codec?.dateOnly ? { dateOnly: true } : {}),
    ...(field.file?.multiple !== undefined ? { multiple: field.file.multiple } : {}),
  };
}

function textSchema(rules: FieldRules | undefined): JsonSchema {
  const schema: JsonSchema = { type: "string" };
  if (rules?.minLength !== undefined) schema.minLength = rules.minLength;
  if (rules?.maxLength !== undefined) schema.maxLength = rules.maxLength;
  if (rules?.format === "email") schema.format = "email";
  if (rules?.format === "url") schema.format = "uri";
  // One pattern per schema: a rule's own pattern wins over the slug format (both are checked by the server).
  if (rules?.pattern) schema.pattern = rules.pattern.source;
  else if (rules?.format === "slug") schema.pattern = SLUG;
  return schema;
}

function numberSchema(type: "integer" | "number", rules: FieldRules | undefined): JsonSchema {
  return {
    type,
    ...(rules?.min !== undefined ? { minimum: rules.min } : {}),
    ...(rules?.max !== undefined ? { maximum: rules.max } : {}),
  };
}

function decimalSchema(shape: ValueShape): JsonSchema {
  const digits =
    shape.precision === undefined
      ? "any number of digits"
      : `at most ${shape.precision - (shape.scale ?? 0)} digits before the point and ${shape.scale ?? 0} after it`;
  const bounds = [
    shape.rules?.min !== undefined ? `at least ${shape.rules.min}` : undefined,
    shape.rules?.max !== undefined ? `at most ${shape.rules.max}` : undefined,
  ].filter(Boolean);
  return {
    type: "string",
    pattern: DECIMAL_PATTERN.source,
    description: `An exact decimal written as text, like "12.50": ${digits}${bounds.length ? `; ${bounds.join(", ")}` : ""}.`,
  };
}

/** The JSON Schema of one value of this kind as a record holds it (`file`: a stored file's descriptor). */
export function valueJsonSchema(shape: ValueShape, kind: ValueKind = shape.type): JsonSchema {
  const rules = shape.rules;
  switch (kind) {
    case "uuid":
      return { type: "string", format: "uuid" };
    case "enum":
      return { type: "string", enum: [...(shape.options ?? [])] };
    case "text":
      return textSchema(rules);
    case "integer":
      return numberSchema("integer", rules);
    case "number":
      return numberSchema("number", rules);
    case "bigint":
      return {
        type: "string",
        pattern: BIGINT,
        description: 'A 64-bit integer written as text in digits, like "9007199254740993".',
      };
    case "decimal":
      return decimalSchema(shape);
    case "boolean":
      return { type: "boolean" };
    case "date":
      return shape.dateOnly ? { type: "string", format: "date" } : { type: "string", format: "date-time" };
    case "time":
      return { type: "string", pattern: TIME_PATTERN.source, description: "A time of day, HH:MM or HH:MM:SS." };
    case "json":
      return { description: "Any JSON value." };
    case "file":
      return shape.multiple !== undefined
        ? { type: "array", items: ref("File"), maxItems: shape.multiple }
        : ref("File");
    case "array": {
      const each = { ...shape, rules: itemRules(rules) };
      return {
        type: "array",
        items: valueJsonSchema(each, shape.items ?? "json"),
        ...(rules?.minItems !== undefined ? { minItems: rules.minItems } : {}),
        ...(rules?.maxItems !== undefined ? { maxItems: rules.maxItems } : {}),
      };
    }
  }
}

/** A value as create and update take it: as read, but files by their id (or the descriptor a read gave). */
export function inputJsonSchema(shape: ValueShape): JsonSchema {
  if (shape.type !== "file") return valueJsonSchema(shape);
  const one = ref("FileRef");
  return shape.multiple !== undefined ? { type: "array", items: one, maxItems: shape.multiple } : one;
}

/** The schema that also takes null. */
export function nullable(schema: JsonSchema): JsonSchema {
  const type = schema.type;
  if (typeof type === "string" && !("$ref" in schema)) {
    const out: JsonSchema = { ...schema, type: [type, "null"] };
    if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
    return out;
  }
  if (type === undefined && !("$ref" in schema)) return schema; // any JSON already takes null
  return { anyOf: [schema, { type: "null" }] };
}

/** A value in a filter: the type's schema without the field's rules (a filter may compare with any value). */
export function filterValueSchema(shape: ValueShape, kind: ValueKind): JsonSchema {
  const { rules: _rules, ...bare } = shape;
  const schema = valueJsonSchema(bare, kind);
  return kind === "text" ? { ...schema, maxLength: 1000 } : schema;
}
