/**
 * Text a person typed, read as the value its field's kind holds: an exact decimal string, a BigInt, a whole number, a
 * time of day, one element of an array. The value is then checked by the engine's own schema of the field
 * (server/core/field-schema.ts), so range, scale and item rules are refused with the server's words. Shared by the
 * form (form-values.ts) and the table's filters. Pure.
 */
import { z } from "zod";
import { type FieldShape, valueSchemaOf } from "@/server/core/field-schema";
import { canonicalDecimal } from "./decimal";
import type { FieldDescriptor, ValueKind } from "./field-kinds";

/** What a draft means: a value to send (undefined: leave the field out), or why it is not one. */
export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

export const ok = (value: unknown): Parsed => ({ ok: true, value });
export const fail = (error: string): Parsed => ({ ok: false, error });

const WHOLE = /^[+-]?\d+$/;
/** A JavaScript number as people write one: no hex, no "Infinity", an exponent allowed. */
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A number of the kind `type` from trimmed, non-empty text: a decimal as its canonical text (padded to `scale`), a
 * bigint as a BigInt (exact past 2^53), an integer as a whole JavaScript number. Ranges are the schema's business.
 */
export function parseNumberText(
  field: { type?: ValueKind | undefined; scale?: number | undefined } | undefined,
  label: string,
  text: string,
): Parsed {
  switch (field?.type) {
    case "decimal": {
      const value = canonicalDecimal(text, field.scale);
      return value === undefined ? fail(`${label} must be a number, like 1234.50`) : ok(value);
    }
    case "bigint":
      return WHOLE.test(text) ? ok(BigInt(text)) : fail(`${label} must be a whole number`);
    case "integer":
      return WHOLE.test(text) ? ok(Number(text)) : fail(`${label} must be a whole number`);
    default: {
      const value = Number(text);
      return FLOAT.test(text) && Number.isFinite(value) ? ok(value) : fail(`${label} must be a number`);
    }
  }
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d+)?)?$/;

/**
 * A `time` value as `<input type="time">` shows it: "14:05" when the seconds are zero, else "14:05:30" (milliseconds
 * at most, what the input edits).
 */
export function timeToInput(value: string): string {
  const match = TIME.exec(value.trim());
  if (!match) return value;
  const [, h, m, s = "00", fraction = ""] = match;
  const ms = fraction.slice(1, 4).replace(/0+$/, "");
  if (s === "00" && ms === "") return `${h}:${m}`;
  return ms ? `${h}:${m}:${s}.${ms}` : `${h}:${m}:${s}`;
}

/** A time of day as the API takes it ("HH:MM" or "HH:MM:SS"), or undefined when the text is none. */
export function inputToTime(text: string): string | undefined {
  return TIME.test(text.trim()) ? text.trim() : undefined;
}

/** The first message of a failed zod check. */
function firstIssue(result: { success: boolean; error?: z.ZodError }): string | undefined {
  return result.success ? undefined : (result.error?.issues[0]?.message ?? "is not a valid value");
}

type ItemField = Pick<FieldDescriptor, "items" | "options" | "precision" | "scale" | "rules"> & { label: string };

/** The engine's schema of one element of an array field: its kind, precision and the per-item rules. */
function itemSchema(field: ItemField): z.ZodType {
  const list = valueSchemaOf({ ...field, type: "array", items: field.items ?? "text" } as FieldShape);
  return list instanceof z.ZodArray ? (list.element as z.ZodType) : z.unknown();
}

/** One element from its text, before the schema looks at it. */
function itemValue(field: ItemField, text: string, label: string): Parsed {
  switch (field.items) {
    case "integer":
    case "bigint":
    case "number":
    case "decimal":
      return parseNumberText({ type: field.items, scale: field.scale }, label, text);
    case "uuid":
      return ok(text.toLowerCase());
    case "boolean":
      return text === "true" || text === "false" ? ok(text === "true") : fail(`${label} must be true or false`);
    default:
      return ok(text);
  }
}

/**
 * One element of an array field from its text: the value sent, and the text its chip shows (canonical, so "007" and
 * "7" are one entry), or the reason it cannot be one, in the server's words ("Each item of Scores must be…").
 */
export function parseItem(
  field: ItemField,
  raw: string,
): { ok: true; value: unknown; text: string } | { ok: false; error: string } {
  const label = `Each item of ${field.label}`;
  const text = raw.trim();
  if (text === "") return { ok: false, error: `${label} must not be empty` };
  const parsed = itemValue(field, text, label);
  if (!parsed.ok) return parsed;
  const problem = firstIssue(itemSchema(field).safeParse(parsed.value));
  return problem ? { ok: false, error: problem } : { ok: true, value: parsed.value, text: itemText(parsed.value) };
}

/** An element as its chip shows it (and as the draft holds it). */
export function itemText(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}

/** A single value checked by the engine's schema of its kind (for filters: no definition rules beyond `rules`). */
export function checkValue(shape: FieldShape, value: unknown): string | undefined {
  return firstIssue(valueSchemaOf(shape).safeParse(value));
}
