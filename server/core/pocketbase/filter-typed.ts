/**
 * A filter's value as its field takes it: numbers for number kinds (bigint as BigInt, decimals as their exact
 * digits), Dates for dates, booleans, and text where text is meant. A value of the wrong sort is an error naming
 * the field, so `count = '5'` or `title = 5` says what to write instead of matching nothing. Ranges and lengths
 * are left to the engine's filter schema, which checks them for every transport alike.
 */
import { TIME_PATTERN } from "../field-schema";
import type { ValueKind } from "../values";
import { PocketBaseFilterError, quoteForMessage } from "./filter-error";
import type { FilterField } from "./filter-fields";
import { readDate } from "./filter-values";

interface At {
  kind: "value";
  position: number;
}
export type Literal =
  | (At & { type: "text"; value: string })
  /** As written: each number kind reads it its own way. */
  | (At & { type: "number"; value: string })
  | (At & { type: "boolean"; value: boolean })
  | (At & { type: "null" })
  /** Macros: `written` is the macro's name. */
  | (At & { type: "date"; value: Date; written: string })
  | (At & { type: "integer"; value: number; written: string });

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function shown(value: Literal): string {
  switch (value.type) {
    case "text":
      return quoteForMessage(value.value);
    case "number":
      return value.value;
    case "boolean":
      return String(value.value);
    case "null":
      return "null";
    default:
      return value.written;
  }
}

/**
 * @param kind the kind the value must have (an array's item kind for its items)
 * @param label how the message names the field ("'count'", "each item of 'tags'")
 */
export function typedValue(kind: ValueKind, field: FilterField, label: string, value: Literal): unknown {
  const wrong = (what: string): never => {
    throw new PocketBaseFilterError(`${label} takes ${what}, not ${shown(value)}`, value.position);
  };
  switch (kind) {
    case "text":
      return value.type === "text" ? value.value : wrong("quoted text");
    case "integer":
    case "number": {
      if (value.type === "integer") return value.value;
      if (value.type !== "number") return wrong("a number");
      const n = Number(value.value);
      if (!Number.isFinite(n)) return wrong("a smaller number");
      return kind === "integer" && !Number.isInteger(n) ? wrong("a whole number") : n;
    }
    case "bigint":
      if (value.type === "integer") return BigInt(value.value);
      return value.type === "number" && /^-?\d+$/.test(value.value) ? BigInt(value.value) : wrong("a whole number");
    case "decimal":
      if (value.type === "integer") return String(value.value);
      return value.type === "number" ? value.value : wrong("a number");
    case "boolean":
      return value.type === "boolean" ? value.value : wrong("true or false");
    case "date": {
      if (value.type === "date") return value.value;
      const date = value.type === "text" ? readDate(value.value) : undefined;
      return date ?? wrong("a date such as '2024-01-31 10:00:00.000Z' (years 100-9999)");
    }
    case "time":
      return value.type === "text" && TIME_PATTERN.test(value.value) ? value.value : wrong("a time such as '14:30'");
    case "enum": {
      const options = field.options ?? [];
      if (value.type === "text" && options.includes(value.value)) return value.value;
      return wrong(`one of ${options.map((o) => `'${o}'`).join(", ")}`);
    }
    case "uuid":
      return value.type === "text" && UUID.test(value.value) ? value.value : wrong("a quoted UUID");
    case "json":
    case "file":
    case "array":
      return wrong("no value (it cannot be compared)");
  }
}
