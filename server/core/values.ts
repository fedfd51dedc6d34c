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
      return z.number().int();
    case "number":
      return z.number();
    case "boolean":
      return z.boolean();
    case "date":
      // superjson clients send Dates; plain-JSON clients send ISO strings.
      return z.coerce.date();
    default:
      return z.unknown();
  }
}
