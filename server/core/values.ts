/** How a column's values are validated when they arrive in a filter, an id or a form. */
import type { Column } from "drizzle-orm";
import { z } from "zod";

export type ValueKind = "uuid" | "enum" | "text" | "integer" | "number" | "boolean" | "date" | "json";

export function valueKind(column: Column): ValueKind {
  if (column.columnType === "PgUUID") return "uuid";
  if (column.enumValues && column.enumValues.length > 0 && column.dataType === "string") return "enum";
  switch (column.dataType) {
    case "string":
      return "text";
    case "number":
      return /Int|Serial/.test(column.columnType) ? "integer" : "number";
    case "bigint":
      return "integer";
    case "boolean":
      return "boolean";
    case "date":
      return "date";
    default:
      return "json";
  }
}

/** The schema of one value of this column (never null; null is expressed with `isNull`). */
export function valueSchema(column: Column): z.ZodType {
  switch (valueKind(column)) {
    case "uuid":
      // guid: any 8-4-4-4-12 hex string, as PostgreSQL accepts; RFC variant bits are not our business here.
      return z.guid();
    case "enum":
      return z.enum(column.enumValues as [string, ...string[]]);
    case "text":
      return z.string().max(1000);
    case "integer":
      return integerSchema(column);
    case "number":
      return z.number();
    case "boolean":
      return z.boolean();
    case "date":
      return dateSchema();
    default:
      return z.unknown();
  }
}

/** PostgreSQL's integer ranges: a value outside its column's is a 400 here, not the database's error at run time. */
const INTEGER_RANGES: Record<string, readonly [number, number]> = {
  PgSmallInt: [-32_768, 32_767],
  PgSmallSerial: [-32_768, 32_767],
  PgInteger: [-2_147_483_648, 2_147_483_647],
  PgSerial: [-2_147_483_648, 2_147_483_647],
};

export function integerSchema(column: Column): z.ZodNumber {
  const [min, max] = INTEGER_RANGES[column.columnType] ?? [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  return z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
}

/**
 * Years 1 to 9999. PostgreSQL holds more (4713 BC to 294276 AD), but postgres.js sends a Date as ISO text, and
 * outside these years that text has an expanded year (`+275760-09-13`, `-000016-12-31`) PostgreSQL cannot read.
 */
const EARLIEST = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

/** Whether a Date is one the database round-trips: a valid time within years 1 to 9999. */
export function isStorableDate(date: Date): boolean {
  const time = date.getTime();
  return time >= EARLIEST && time <= LATEST;
}

/** superjson clients send Dates; plain-JSON clients send ISO strings. Either way, one PostgreSQL can store. */
export function dateSchema() {
  return z.coerce.date().refine(isStorableDate, "must be a date between the years 1 and 9999");
}

/** The declared length of a varchar(n) / char(n) column, if any. */
export function columnLength(column: Column): number | undefined {
  const length = (column as Column & { length?: unknown }).length;
  return typeof length === "number" && length > 0 ? length : undefined;
}
