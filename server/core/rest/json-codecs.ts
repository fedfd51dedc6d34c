/**
 * How each field's values travel as plain JSON (json-values.ts): what superjson carries as a Date or a BigInt goes
 * as text, decided per field from its column (values.ts). Encoding is total: anything becomes JSON. Decoding turns
 * into engine values only what it reads exactly (digits into a BigInt) and leaves the rest as it came, so the
 * engine's own schema refuses it with its usual message. Neither throws, whatever it is given.
 */
import type { Column } from "drizzle-orm";
import type { FieldConfig } from "../fields";
import { isoString } from "../iso-date";
import type { AnyResource } from "../resource";
import { type ColumnFacts, fieldFacts, type ValueKind } from "../values";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Rec = Record<string, unknown>;

/** How one field's values travel: its kind, its items' kind, and its dates' style. */
export interface FieldCodec {
  kind: ValueKind;
  items?: ValueKind;
  /** `date` columns (no time of day): "YYYY-MM-DD" rather than a full timestamp. */
  dateOnly: boolean;
  /**
   * Drizzle's `mode: "string"` dates and timestamps, which the engine reads and writes as text (timestamps in
   * PostgreSQL's own format, "2026-01-02 10:00:00+00", answered here as ISO text).
   */
  textDate?: "date" | "timestamp";
}

const codecs = new WeakMap<AnyResource, ReadonlyMap<string, FieldCodec>>();

function codecOf(column: Column, facts: ColumnFacts): FieldCodec {
  const base = (column as Column & { baseColumn?: Column }).baseColumn ?? column;
  return {
    kind: facts.kind,
    ...(facts.items ? { items: facts.items } : {}),
    dateOnly: base.columnType === "PgDate" || base.columnType === "PgDateString",
    ...(facts.textDate ? { textDate: facts.textDate } : {}),
  };
}

/** Every column's codec, by key; built once per resource (a definition is fixed at start). */
export function fieldCodecs(resource: AnyResource): ReadonlyMap<string, FieldCodec> {
  const known = codecs.get(resource);
  if (known) return known;
  const configs = (resource.fields ?? {}) as Record<string, FieldConfig | undefined>;
  const map = new Map<string, FieldCodec>();
  for (const [key, column] of Object.entries(resource.info.columns)) {
    map.set(key, codecOf(column, fieldFacts(column, configs[key])));
  }
  codecs.set(resource, map);
  return map;
}

/** The codec of a resource's own column `key`, never of an inherited name such as "constructor". */
export function codecAt(resource: AnyResource, key: string): FieldCodec | undefined {
  return Object.hasOwn(resource.info.columns, key) ? fieldCodecs(resource).get(key) : undefined;
}

/** The codec of one item of an array field (the field's own for any other). */
export function itemCodec(codec: FieldCodec): FieldCodec {
  return codec.kind === "array" ? { ...codec, kind: codec.items ?? "json" } : codec;
}

export function isPlainObject(value: unknown): value is Rec {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Sets a key as an own property, so a "__proto__" from the caller stays a key the schema refuses by name. Only that
 * key needs defineProperty (Object.prototype's one setter); any other assignment to a plain object makes the same
 * own property, and defineProperty for every key was a few percent of a REST list's CPU.
 */
export function put(out: Rec, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

// ---------------------------------------------------------------------------------------------------------------
// Engine values -> JSON

/** Deeper than any record with its expansions (3 levels) or any audit entry; past it, a value is cut to null. */
export const MAX_ENCODE_DEPTH = 64;

/** "2026-01-02 10:00:00.5+00" (PostgreSQL's text) -> "2026-01-02T10:00:00.5+00:00" (ISO 8601). */
const PG_TIMESTAMP = /^(\d{4,}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:([+-]\d{2})(?::?(\d{2}))?)?$/;

function isoTimestampText(text: string): string {
  const match = PG_TIMESTAMP.exec(text);
  if (!match) return text;
  const [, day, time, hours, minutes] = match;
  return `${day}T${time}${hours ? `${hours}:${minutes ?? "00"}` : ""}`;
}

function encodeDate(date: Date, dateOnly: boolean): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const iso = isoString(date);
  return dateOnly ? iso.slice(0, 10) : iso;
}

/**
 * Any value as JSON, with no field to go by (history entries, action results, json columns): Dates as ISO text,
 * BigInts as digits, Maps and Sets as lists, what JSON cannot hold (undefined, functions, symbols) left out.
 */
export function plainJson(value: unknown, depth = 0): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      // NaN and the infinities (a double precision column may hold them, written by SQL) become null, as in JSON;
      // -0 is 0, as JSON text writes it.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
    case "bigint":
      return value.toString();
    case "object":
      break;
    default:
      return null;
  }
  if (depth >= MAX_ENCODE_DEPTH) return null;
  if (value instanceof Date) return encodeDate(value, false);
  if (Array.isArray(value)) return value.map((item) => plainJson(item, depth + 1));
  if (value instanceof Map || value instanceof Set) return [...value].map((item) => plainJson(item, depth + 1));
  const entries: [string, JsonValue][] = [];
  for (const key of Object.keys(value)) {
    const item = (value as Rec)[key];
    if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
    entries.push([key, plainJson(item, depth + 1)]);
  }
  // fromEntries defines properties, so a "__proto__" key of a stored json value stays a key, not a prototype.
  return Object.fromEntries(entries);
}

/** One field's value as JSON. */
export function encodeValue(codec: FieldCodec, value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return encodeDate(value, codec.dateOnly);
  if (typeof value === "string" && codec.textDate === "timestamp") return isoTimestampText(value);
  if (Array.isArray(value) && codec.kind === "array") {
    return value.map((item) => (item instanceof Date ? encodeDate(item, codec.dateOnly) : plainJson(item, 1)));
  }
  return plainJson(value);
}

// ---------------------------------------------------------------------------------------------------------------
// JSON -> engine values

/** A whole number written in digits; longer text is no int64 anyway, and is left for the schema to refuse. */
const DIGITS = /^[+-]?\d{1,40}$/;

/** One value of this kind from JSON: a bigint from its digits (or a safe integer); anything else as it came. */
export function decodeScalar(kind: ValueKind | undefined, value: unknown): unknown {
  if (kind !== "bigint") return value;
  if (typeof value === "string" && DIGITS.test(value)) return BigInt(value);
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  return value;
}

/**
 * One field's value from JSON, as create, update and filters take it: lists item by item, the rest by its kind.
 * Date text is left as it is: the engine's date schema reads ISO text itself (field-schema.ts), with its messages.
 */
export function decodeValue(codec: FieldCodec, value: unknown): unknown {
  if (codec.kind === "array")
    return Array.isArray(value) ? value.map((item) => decodeScalar(codec.items, item)) : value;
  return decodeScalar(codec.kind, value);
}

function readScalar(codec: FieldCodec, value: unknown): unknown {
  if (codec.kind === "date" && !codec.textDate && typeof value === "string") {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  return decodeScalar(codec.kind, value);
}

/** One field's value from JSON as a read gives it: Dates for date-mode columns too (a client's view of a record). */
export function readValue(codec: FieldCodec, value: unknown): unknown {
  if (codec.kind === "array" && Array.isArray(value)) return value.map((item) => readScalar(itemCodec(codec), item));
  return readScalar(codec, value);
}
