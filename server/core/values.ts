/**
 * What a column holds, as the engine sees it: its kind (`meta`'s `type`), and the limits its SQL type sets by itself
 * (an integer's range, varchar(n), numeric(p,s)). Every schema of a value (filters, ids, create and update, the
 * browser's forms) is built from these facts by field-schema.ts.
 */
import type { Column } from "drizzle-orm";
import { z } from "zod";
import { type FieldShape, isStorableDate, valueSchemaOf } from "./field-schema";
import type { FieldRules } from "./fields";

export { isStorableDate } from "./field-schema";

export type ValueKind =
  | "uuid"
  | "enum"
  | "text"
  | "integer"
  | "bigint"
  | "number"
  | "decimal"
  | "boolean"
  | "date"
  | "time"
  | "json"
  | "array"
  | "file";

/** The facts `meta` serves about a column's values, and the bounds its type implies. */
export interface ColumnFacts {
  kind: ValueKind;
  /** Arrays: the kind of each item. */
  items?: ValueKind;
  /** Enums, and arrays of an enum: the values allowed. */
  options?: string[];
  /** numeric(p, s), or a numeric array's items. */
  precision?: number;
  scale?: number;
  /** Bounds the SQL type sets by itself, as rules (an integer's range, varchar's length); for arrays, per item. */
  implied?: FieldRules;
  /** Drizzle's `mode: "string"` date and timestamp columns, which read and write text rather than Dates. */
  textDate?: "date" | "timestamp";
}

/** PostgreSQL's integer ranges, so a value outside its column's is a 400 naming the field, not a database error. */
const INTEGER_RANGES: Record<string, readonly [number, number]> = {
  PgSmallInt: [-32_768, 32_767],
  PgSmallSerial: [-32_768, 32_767],
  PgInteger: [-2_147_483_648, 2_147_483_647],
  PgSerial: [-2_147_483_648, 2_147_483_647],
};

/**
 * The largest `real` (float4) as PostgreSQL prints it: a double beyond it is "out of range" there. Not float4's
 * exact maximum (3.4028234663852886e38), which is below what PostgreSQL returns for it, so a value read back from
 * a real column could not be filtered by.
 */
const REAL_MAX = 3.4028235e38;

function scalarKind(column: Column): ValueKind {
  const type = column.columnType;
  if (type === "PgUUID") return "uuid";
  if (column.enumValues && column.enumValues.length > 0 && column.dataType === "string") return "enum";
  if (type === "PgNumeric") return "decimal";
  if (type === "PgTime") return "time";
  if (type === "PgDateString" || type === "PgTimestampString") return "date";
  if (type === "PgJson" || type === "PgJsonb") return "json";
  switch (column.dataType) {
    case "string":
      return "text";
    case "number":
      return /Int|Serial/.test(type) ? "integer" : "number";
    case "bigint":
      return "bigint";
    case "boolean":
      return "boolean";
    case "date":
      return "date";
    default:
      return "json";
  }
}

function scalarFacts(column: Column): ColumnFacts {
  const kind = scalarKind(column);
  const facts: ColumnFacts = { kind };
  const type = column.columnType;
  if (kind === "enum") facts.options = [...(column.enumValues ?? [])];
  if (kind === "decimal") {
    const { precision, scale } = column as Column & { precision?: number; scale?: number };
    if (typeof precision === "number") {
      facts.precision = precision;
      facts.scale = typeof scale === "number" ? scale : 0;
    }
  }
  if (kind === "integer") {
    const [min, max] = INTEGER_RANGES[type] ?? [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
    facts.implied = { min, max };
  }
  if (type === "PgReal") facts.implied = { min: -REAL_MAX, max: REAL_MAX };
  if (kind === "text") {
    const length = columnLength(column);
    if (length !== undefined) facts.implied = { maxLength: length };
  }
  if (type === "PgDateString") facts.textDate = "date";
  if (type === "PgTimestampString") facts.textDate = "timestamp";
  return facts;
}

export function columnFacts(column: Column): ColumnFacts {
  const base = (column as Column & { baseColumn?: Column }).baseColumn;
  // One-dimensional arrays; an array of arrays is left to the json kind (no widget or filter would fit it).
  if (column.columnType !== "PgArray" || !base) return scalarFacts(column);
  if (base.columnType === "PgArray") return { kind: "json" };
  const item = scalarFacts(base);
  if (item.kind === "json" || item.textDate) return { kind: "json" };
  return { ...item, kind: "array", items: item.kind };
}

/** A file field's facts: the definition's `file` makes its jsonb column hold files (decision 017). */
const FILE_FACTS: ColumnFacts = { kind: "file" };

/** A field's facts: its column's, unless the definition declares it a file field. */
export function fieldFacts(column: Column, config: { file?: unknown } | undefined): ColumnFacts {
  return config?.file ? FILE_FACTS : columnFacts(column);
}

export function valueKind(column: Column): ValueKind {
  return columnFacts(column).kind;
}

/** The declared length of a varchar(n) / char(n) column, if any. */
export function columnLength(column: Column): number | undefined {
  const length = (column as Column & { length?: unknown }).length;
  return typeof length === "number" && length > 0 ? length : undefined;
}

/** How long a text value in a filter may be: a search term, not a document. */
const FILTER_TEXT_MAX = 1000;

/** The shape of one value of this column, with the rules given (none: what its type allows); `label` names it. */
export function valueShape(column: Column, label: string, rules?: FieldRules): FieldShape {
  const facts = columnFacts(column);
  return {
    type: facts.kind,
    label,
    ...(facts.items ? { items: facts.items } : {}),
    ...(facts.options ? { options: facts.options } : {}),
    ...(facts.precision !== undefined ? { precision: facts.precision, scale: facts.scale } : {}),
    ...(rules ? { rules } : {}),
  };
}

/**
 * A value as the column takes it: the shape's schema, then whatever the driver needs that a browser does not
 * (`mode: "string"` dates go to PostgreSQL as ISO text; a float too small for `real` is refused, not rounded to 0).
 */
export function forColumn(column: Column, schema: z.ZodType, label: string): z.ZodType {
  const facts = columnFacts(column);
  if (facts.textDate === "date") return schema.transform((d) => (d as Date).toISOString().slice(0, 10));
  if (facts.textDate === "timestamp") return schema.transform((d) => (d as Date).toISOString());
  if (column.columnType === "PgReal") {
    return schema.refine((n) => typeof n !== "number" || n === 0 || Math.fround(n) !== 0, {
      message: `${label} is too close to zero to be stored (use 0)`,
    });
  }
  return schema;
}

/** The schema of one value of this column in a filter or as an id (never null; null is expressed with `isNull`). */
export function valueSchema(column: Column, label = "The value"): z.ZodType {
  const facts = columnFacts(column);
  const textual = facts.kind === "text" || facts.items === "text";
  const rules: FieldRules = { ...facts.implied, ...(textual ? { maxLength: FILTER_TEXT_MAX } : {}) };
  const shape = valueShape(column, label, rules);
  // A filter compares with any value of the type: numeric(p,s) limits what is stored, not what may be asked for.
  const { precision: _p, scale: _s, ...unbounded } = shape;
  return forColumn(column, valueSchemaOf(facts.kind === "decimal" ? unbounded : shape), label);
}

/** For inputs that are not field values (the audit log's date range): anything `new Date()` reads, in years 100-9999. */
export function dateSchema() {
  return z.coerce.date().refine(isStorableDate, "must be a date between the years 100 and 9999");
}
