/**
 * What a table's filter controls offer per kind of field, and how their text becomes the typed value the list API
 * takes: an exact decimal string, a BigInt, a whole number, a time of day, a day or a minute, one item of an array. Every operator
 * offered is one the engine takes for that kind (server/core/filter-operators.ts), and every value is read with the
 * form's parsers and checked with the engine's own schema, so a chip never builds a filter the server refuses. Pure.
 */
import { canonicalDecimal } from "@/components/form/decimal";
import type { FieldDescriptor, ValueKind } from "@/components/form/field-kinds";
import { checkValue, inputToTime, parseItem, parseNumberText } from "@/components/form/value-parsers";
import type { FilterOp } from "./url-state";

/** What the filter of a field needs to know of it (a subset of its descriptor). */
export interface FilterField {
  type: ValueKind;
  items?: ValueKind | undefined;
  options?: string[] | undefined;
  /**
   * A date field that holds instants (a timestamp), not calendar days: its range ends may name a minute
   * ("2026-11-29T14:05") as well as a whole day.
   */
  instant?: boolean | undefined;
}

/**
 * Whether a date field holds calendar days (a PostgreSQL `date`) rather than instants: meta gives such a column the
 * date widget and a timestamp the date-and-time one (server/core/meta.ts), and the table's `dayFields` are these.
 */
export function isCalendarDate(field: Pick<FieldDescriptor, "type" | "widget">): boolean {
  return field.type === "date" && field.widget === "date";
}

/**
 * The operators a field's filter control edits: a word in text, options of an enum, yes or no, a record, a range
 * ("between") of numbers, dates and times, one item of an array. JSON has none (only "is empty", which a chip does
 * not offer).
 */
export function controlOps(type: ValueKind): FilterOp[] {
  switch (type) {
    case "text":
      return ["contains"];
    case "enum":
      return ["in"];
    case "boolean":
    case "uuid":
      return ["eq"];
    case "integer":
    case "bigint":
    case "number":
    case "decimal":
    case "date":
    case "time":
      return ["gte", "lte"];
    case "array":
      return ["has"];
    default:
      return [];
  }
}

/** Kinds whose filter is a range of numbers. */
export const NUMBER_KINDS: ReadonlySet<ValueKind> = new Set(["integer", "bigint", "number", "decimal"]);

const MAX_TEXT = 200;
const MAX_IN = 100;
const WHOLE = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** One minute of a day, as a `datetime-local` input writes it at its default step. */
const MINUTE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

/**
 * Whether a number is too close to zero for a `real` (float4): the engine refuses it for a real column, even in a
 * filter. `meta` does not say real from double precision, so filters leave such numbers out for both.
 */
function belowReal(n: number): boolean {
  return n !== 0 && Math.fround(n) === 0;
}

function isDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  // The engine stores years 100 to 9999 only (earlier ones come back from Drizzle as 19xx).
  return y >= 100 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A real minute "YYYY-MM-DDTHH:MM" of a day the engine stores (no 24:00, no 2026-02-30). */
function isMinute(text: string): boolean {
  const match = MINUTE.exec(text);
  return match !== null && isDay(match[1] as string) && Number(match[2]) < 24 && Number(match[3]) < 60;
}

/**
 * A range end of a timestamp filter: a minute "YYYY-MM-DDTHH:MM", or a day "YYYY-MM-DD" that means the whole day
 * (links written before filters took times, or typed); null for anything else, which is never applied.
 */
export function instantFilterText(raw: string): string | null {
  const text = raw.trim();
  return isDay(text) || isMinute(text) ? text : null;
}

/** A timestamp filter's end as its `datetime-local` input shows it: a whole day starts at 00:00 and ends at 23:59. */
export function minuteInputText(text: string | undefined, end: boolean): string {
  if (text === undefined) return "";
  return isDay(text) ? `${text}T${end ? "23:59" : "00:00"}` : text;
}

/** The canonical text of one value of a kind in a filter, or null when it is none (the URL is anyone's to edit). */
export function scalarFilterText(kind: ValueKind | undefined, raw: string, options?: string[]): string | null {
  const text = raw.trim();
  if (text === "" || text.length > MAX_TEXT) return null;
  switch (kind) {
    case "boolean":
      return text === "true" || text === "false" ? text : null;
    case "uuid":
      return UUID.test(text) ? text.toLowerCase() : null;
    case "date":
      return isDay(text) ? text : null;
    case "time":
      return inputToTime(text) ?? null;
    case "enum":
      return options?.includes(text) ? text : null;
    case "decimal":
      return canonicalDecimal(text) ?? null;
    case "bigint": {
      if (!WHOLE.test(text)) return null;
      const value = BigInt(text);
      return value >= INT8_MIN && value <= INT8_MAX ? String(value) : null;
    }
    case "integer":
      return WHOLE.test(text) && Number.isSafeInteger(Number(text)) ? String(Number(text)) : null;
    case "number":
      return FLOAT.test(text) && Number.isFinite(Number(text)) && !belowReal(Number(text))
        ? String(Number(text))
        : null;
    default:
      return text;
  }
}

/** The canonical text of a filter value from the URL, or null when it does not fit the field and operator. */
export function cleanFilterText(field: FilterField, op: FilterOp, raw: string): string | string[] | null {
  const text = raw.trim();
  switch (op) {
    case "in": {
      const options = field.options ?? [];
      const picked = [...new Set(text.split(","))].filter((v) => options.includes(v)).slice(0, MAX_IN);
      return picked.length > 0 ? picked : null;
    }
    case "contains":
      return text && text.length <= MAX_TEXT ? text : null;
    case "has":
      return scalarFilterText(field.items ?? "text", text, field.options);
    default:
      return field.type === "date" && field.instant
        ? instantFilterText(text)
        : scalarFilterText(field.type, text, field.options);
  }
}

/** A filter value's text as the typed value the API takes (dates are list-input.ts's: they depend on the zone). */
export function apiScalar(kind: ValueKind | undefined, text: string): unknown {
  switch (kind) {
    case "bigint":
      return BigInt(text);
    case "integer":
    case "number":
      return Number(text);
    case "boolean":
      return text === "true";
    default:
      // Decimals stay text (exact), times stay "HH:MM", enums, ids and words are text.
      return text;
  }
}

/** What a filter control's input means: the canonical text to put in the filter, or why it cannot. */
export type FilterInput = { ok: true; text: string } | { ok: false; error: string };

type ControlField = Pick<FieldDescriptor, "type" | "label" | "items" | "options" | "rules" | "precision" | "scale">;

/**
 * A range end or an array item typed into a filter control, read as the form reads the field and checked with the
 * engine's schema of the kind (its bounds, not its precision: "at least 10.555" is a fair question of a numeric(8,2)).
 * Empty text is "no condition": ok with "".
 */
export function parseFilterInput(field: ControlField, raw: string): FilterInput {
  const text = raw.trim();
  if (text === "") return { ok: true, text: "" };
  if (field.type === "array") {
    const item = parseItem({ ...field, label: field.label }, text);
    if (!item.ok) return item;
    const clean = scalarFilterText(field.items ?? "text", item.text, field.options);
    return clean === null
      ? { ok: false, error: `${field.label} cannot be searched for “${text}”` }
      : { ok: true, text: clean };
  }
  if (field.type === "time") {
    const time = inputToTime(text);
    return time ? { ok: true, text: time } : { ok: false, error: `${field.label} must be a time like 14:30` };
  }
  const parsed = parseNumberText({ type: field.type }, field.label, text);
  if (!parsed.ok) return parsed;
  if (typeof parsed.value === "number" && belowReal(parsed.value)) {
    return { ok: false, error: `${field.label} is too close to zero to compare (use 0)` };
  }
  const bounds = { min: field.rules?.min, max: field.rules?.max };
  const problem = checkValue({ type: field.type, label: field.label, rules: bounds }, parsed.value);
  if (problem) return { ok: false, error: problem };
  const clean = scalarFilterText(field.type, String(parsed.value));
  return clean === null ? { ok: false, error: `${field.label} must be a number` } : { ok: true, text: clean };
}
