/**
 * The zod schema of one field's value, from a plain description of it (kind, options, precision, rules): the server
 * builds that description from the column (values.ts), the browser reads it from `meta`, and both get this schema,
 * so a value is accepted or refused alike on both sides, with the same message. Pure (zod only).
 */
import { z } from "zod";
import { DECIMAL_PATTERN, decimalDigits } from "./decimal";
import type { FieldRules } from "./fields";
import { applyRules, itemRules } from "./rules";
import type { ValueKind } from "./values";

/** What the schema of a value depends on: a subset of `meta`'s FieldDescriptor. */
export interface FieldShape {
  type: ValueKind;
  label: string;
  options?: readonly string[];
  items?: ValueKind;
  precision?: number;
  scale?: number;
  rules?: FieldRules;
  /** A foreign key: its value is picked, not typed. */
  relation?: unknown;
  /** File fields: a list of at most `multiple` files, else one. */
  file?: { multiple?: number };
}

const EARLIEST = Date.parse("0100-01-01T00:00:00.000Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

/**
 * Whether a Date is one the database round-trips: a valid time within years 100 to 9999. PostgreSQL holds more, but
 * postgres.js sends a Date as ISO text, and past 9999 that text has an expanded year (`+275760-09-13`) PostgreSQL
 * cannot read; before 100, a timestamp comes back as text ("0099-12-31 23:59:59+00") that Drizzle's `new Date()`
 * reads as 1999.
 */
export function isStorableDate(date: Date): boolean {
  const time = date.getTime();
  return time >= EARLIEST && time <= LATEST;
}

/** ISO 8601 dates and date-times, as plain-JSON clients send them (superjson clients send Dates). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** A time of day, as `<input type="time">` gives it and PostgreSQL returns it, with an optional zone offset. */
export const TIME_PATTERN =
  /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?(?:Z|[+-](?:0\d|1[0-5])(?::?[0-5]\d)?)?$/;

/** PostgreSQL's own limits for a numeric without (precision, scale). */
const NUMERIC_MAX_INTEGER_DIGITS = 131_072;
const NUMERIC_MAX_FRACTION_DIGITS = 16_383;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The message of a value of the wrong type: a missing or null value is "required" (zod's own would say "received
 * undefined"), anything else says what the field takes.
 */
function expecting(label: string, what: string) {
  return {
    error: (issue: { input?: unknown }) => (issue.input == null ? `${label} is required` : `${label} must be ${what}`),
  };
}

/** "2026-02-30" is no date, though `new Date()` reads it as March 2nd. */
function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dateValue(label: string) {
  const message = `${label} must be a date`;
  const text = z.string().regex(ISO_DATE, message).refine(isCalendarDate, message);
  return z
    .union([z.date(), text], expecting(label, "a date"))
    .pipe(z.coerce.date(message))
    .refine(isStorableDate, `${label} must be a date between the years 100 and 9999`);
}

/**
 * Exact decimals travel as text ("1234.50"), never as floats. numeric(p, s) holds at most s digits after the point
 * (PostgreSQL would round the rest away: refused instead) and p - s before it (it would overflow).
 */
function decimalValue(label: string, precision: number | undefined, scale: number | undefined) {
  const maxFraction = precision === undefined ? NUMERIC_MAX_FRACTION_DIGITS : (scale ?? 0);
  const maxInteger = precision === undefined ? NUMERIC_MAX_INTEGER_DIGITS : precision - (scale ?? 0);
  const digits = (v: string) => decimalDigits(v) ?? { integer: 0, fraction: 0 };
  const fractionMessage =
    maxFraction === 0
      ? `${label} must be a whole number`
      : `${label} must have at most ${maxFraction} ${maxFraction === 1 ? "digit" : "digits"} after the point`;
  const integerMessage =
    maxInteger === 0
      ? `${label} must be less than 1 and more than -1`
      : `${label} must have at most ${maxInteger} ${maxInteger === 1 ? "digit" : "digits"} before the point`;
  return z
    .string(expecting(label, 'a number written as text, like "12.50"'))
    .regex(DECIMAL_PATTERN, `${label} must be a number`)
    .refine((v) => digits(v).fraction <= maxFraction, fractionMessage)
    .refine((v) => digits(v).integer <= maxInteger, integerMessage);
}

/** Values JSON can hold, and nothing else superjson can carry (bigint, Map, Set, Date, undefined, NaN). */
function jsonValue(label: string): z.ZodType {
  const message = expecting(label, "JSON: text, numbers, true or false, null, lists and objects");
  const value: z.ZodType = z.lazy(() =>
    z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(value), z.record(z.string(), value)], message),
  );
  return value;
}

function baseSchema(kind: ValueKind, shape: FieldShape, label: string): z.ZodType {
  switch (kind) {
    case "uuid":
      return shape.relation
        ? z.guid({ error: (issue) => (issue.input == null ? `${label} is required` : `${label} must be chosen`) })
        : z.guid(expecting(label, "a UUID"));
    case "enum": {
      const options = (shape.options ?? []) as [string, ...string[]];
      return z.enum(options, expecting(label, `one of: ${options.join(", ")}`));
    }
    case "text":
      return z.string(expecting(label, "text"));
    case "integer":
      // The whole-number check is added after the bounds (valueSchemaOf), which stop first: 2^53 is "at most …".
      return z.number(expecting(label, "a number"));
    case "bigint":
      return z
        .bigint(expecting(label, "a whole number"))
        .min(INT64_MIN, `${label} must be at least ${INT64_MIN}`)
        .max(INT64_MAX, `${label} must be at most ${INT64_MAX}`);
    case "number":
      return z.number(expecting(label, "a number"));
    case "decimal":
      return decimalValue(label, shape.precision, shape.scale);
    case "boolean":
      return z.boolean(expecting(label, "true or false"));
    case "date":
      return dateValue(label);
    case "time":
      return z.string(expecting(label, "a time")).regex(TIME_PATTERN, `${label} must be a time like 14:30`);
    case "json":
      return jsonValue(label);
    case "file":
      return fileValue(label, shape.file?.multiple);
    case "array": {
      const itemLabel = `Each item of ${label}`;
      const itemKind = shape.items ?? "json";
      const ruled = applyRules(baseSchema(itemKind, shape, itemLabel), itemRules(shape.rules), itemLabel, itemKind);
      const item = itemKind === "integer" ? wholeNumber(ruled as z.ZodNumber, itemLabel) : ruled;
      return z.array(item, expecting(label, "a list"));
    }
  }
}

/**
 * A file field's value on the way in: the file's id, or its descriptor as a read returned it (so a form can send
 * back what it shows); either becomes the id, and the engine takes everything else from the `files` ledger.
 */
function fileValue(label: string, multiple: number | undefined): z.ZodType {
  const ref = z.union([z.guid(), z.looseObject({ id: z.guid() }).transform((f) => f.id)], {
    error: (issue) => (issue.input == null ? `${label} is required` : `${label} must be an uploaded file`),
  });
  if (multiple === undefined) return ref;
  return z
    .array(ref, expecting(label, "a list of uploaded files"))
    .max(multiple, `${label} takes at most ${multiple} file${multiple === 1 ? "" : "s"}`);
}

/** One value of the field (never null: nullability and whether it may be left out are the caller's). */
export function valueSchemaOf(shape: FieldShape): z.ZodType {
  const base = baseSchema(shape.type, shape, shape.label);
  // An array's item rules went into its items; the list itself takes only minItems/maxItems.
  const ruled = applyRules(
    base,
    shape.type === "array" ? listRules(shape.rules) : shape.rules,
    shape.label,
    shape.type,
  );
  return shape.type === "integer" ? wholeNumber(ruled as z.ZodNumber, shape.label) : ruled;
}

function wholeNumber(schema: z.ZodNumber, label: string): z.ZodNumber {
  return schema.int(`${label} must be a whole number`);
}

function listRules(rules: FieldRules | undefined): FieldRules | undefined {
  if (rules?.minItems === undefined && rules?.maxItems === undefined) return undefined;
  return { minItems: rules.minItems, maxItems: rules.maxItems };
}
