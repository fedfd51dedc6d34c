/**
 * A CSV cell back into a field value, the inverse of server/core/export/cells.ts: text as it is (less the export's
 * formula apostrophe), numbers, booleans, lists and JSON read from their text. What does not read as its kind is
 * passed on as the text it is, so the resource's own create schema refuses it with its own message ("Views must be a
 * number"); only JSON that does not parse is refused here, since no schema could say why.
 *
 * An empty cell is no value: NULL for a nullable column, else the field is left out (its default applies, or the
 * schema says it is required). CSV cannot tell an empty text from no text.
 */
import type { PgColumn } from "drizzle-orm/pg-core";
import { FORMULA_START } from "../export/cells";
import { columnFacts, type ValueKind } from "../values";

export type CellValue = { value: unknown } | { omit: true } | { error: string };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d{1,30}$/;
const TRUE = new Set(["true", "t", "yes", "y", "1"]);
const FALSE = new Set(["false", "f", "no", "n", "0"]);

/** Takes off the apostrophe the export puts before text a spreadsheet would run as a formula (or an apostrophe). */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

function scalar(kind: ValueKind | undefined, text: string): unknown {
  switch (kind) {
    case "text":
    case "enum":
      return unescapeFormula(text);
    case "integer":
    case "number":
      return NUMBER.test(text.trim()) ? Number(text.trim()) : text;
    case "bigint":
      return INTEGER.test(text.trim()) ? BigInt(text.trim()) : text;
    case "boolean": {
      const word = text.trim().toLowerCase();
      return TRUE.has(word) ? true : FALSE.has(word) ? false : text;
    }
    case "decimal":
    case "uuid":
    case "date":
    case "time":
      return text.trim();
    default:
      return text;
  }
}

export function fromCell(column: PgColumn, label: string, text: string): CellValue {
  if (text === "") return column.notNull ? { omit: true } : { value: null };
  const facts = columnFacts(column);
  if (facts.kind !== "json" && facts.kind !== "array") return { value: scalar(facts.kind, text) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      error:
        facts.kind === "array"
          ? `${label} must be a JSON list, like ["a","b"]`
          : `${label} must be JSON (text in double quotes, numbers, true, false, null, [lists] or {objects})`,
    };
  }
  // JSON has no bigint: a bigint list's digits become BigInts, as a bigint cell's do.
  if (facts.kind === "array" && facts.items === "bigint" && Array.isArray(parsed)) {
    return {
      value: parsed.map((item) =>
        typeof item === "number" || typeof item === "string" ? scalar("bigint", String(item)) : item,
      ),
    };
  }
  return { value: parsed };
}
