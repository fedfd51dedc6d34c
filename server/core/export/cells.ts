/**
 * One value as a CSV cell, in a form the import reads back (server/core/import/cells.ts): dates as ISO 8601, lists
 * and JSON as JSON, bigints and decimals as their digits, NULL as an empty cell.
 *
 * Formula injection: a spreadsheet runs a cell starting with = + - @ (or a tab or carriage return before one) as a
 * formula. Text cells (text and enum fields) starting with one of those, or with an apostrophe, get one leading
 * apostrophe, which spreadsheets show as "this is text" and the import takes off again, so every value survives the
 * round trip. Numbers, dates and JSON cannot start a formula (a negative number is a number) and are left alone.
 */
import type { PgColumn } from "drizzle-orm/pg-core";
import { columnFacts, type ValueKind } from "../values";

/** The first characters a spreadsheet reads as a formula, and the apostrophe that escapes them. */
export const FORMULA_START = /^[=+\-@\t\r']/;

export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** How the cells of a column are written. */
export interface CellFormat {
  kind: ValueKind;
  /** A calendar date (a `date` column): written YYYY-MM-DD, not as an instant. */
  day: boolean;
}

export function cellFormat(column: PgColumn, file: boolean): CellFormat {
  const kind = file ? "file" : columnFacts(column).kind;
  return { kind, day: column.columnType === "PgDate" || column.columnType === "PgDateString" };
}

function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

export function toCell(value: unknown, format: CellFormat): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return format.day ? value.toISOString().slice(0, 10) : value.toISOString();
  switch (typeof value) {
    case "string":
      return format.kind === "text" || format.kind === "enum" ? escapeFormula(value) : value;
    case "bigint":
    case "number":
    case "boolean":
      return String(value);
    default:
      return json(value);
  }
}
