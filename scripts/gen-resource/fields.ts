/**
 * The `--fields` language of `npm run gen:resource`: space-separated `name:type`, `?` after the type for a nullable
 * column, `:unique` after it for a unique one.
 *
 *   name:text:unique  description:text?  status:enum(draft,active)  budget:numeric(12,2)  dueDate:date  owner:users
 *
 * Pure: it knows nothing of the project; references to other resources are checked by the caller.
 */

export type ScalarType =
  | { kind: "text" }
  | { kind: "varchar"; length: number }
  | { kind: "integer" }
  | { kind: "bigint" }
  | { kind: "smallint" }
  | { kind: "real" }
  | { kind: "double" }
  | { kind: "numeric"; precision?: number; scale?: number }
  | { kind: "boolean" }
  | { kind: "date" }
  | { kind: "timestamp" }
  | { kind: "time" }
  | { kind: "uuid" }
  | { kind: "json" }
  | { kind: "jsonb" };

export type FieldType =
  | ScalarType
  | { kind: "enum"; values: string[] }
  | { kind: "array"; of: Extract<ScalarType, { kind: "text" | "integer" }> }
  | { kind: "reference"; resource: string };

export interface FieldSpec {
  /** The property name in TypeScript (camelCase); a reference's column is this plus `Id`. */
  name: string;
  type: FieldType;
  nullable: boolean;
  unique: boolean;
}

export class FieldSpecError extends Error {}

/** Keys the engine or every table already has, or that records carry (`expand`). */
const RESERVED_FIELDS = new Set(["id", "createdAt", "updatedAt", "deletedAt", "expand", "constructor", "prototype"]);

const IDENTIFIER = /^[a-z][a-zA-Z0-9]{0,39}$/;
const ENUM_VALUE = /^[a-z][a-z0-9_]{0,39}$/;
const SIMPLE: Record<string, ScalarType> = {
  text: { kind: "text" },
  integer: { kind: "integer" },
  int: { kind: "integer" },
  bigint: { kind: "bigint" },
  smallint: { kind: "smallint" },
  real: { kind: "real" },
  double: { kind: "double" },
  numeric: { kind: "numeric" },
  decimal: { kind: "numeric" },
  boolean: { kind: "boolean" },
  bool: { kind: "boolean" },
  date: { kind: "date" },
  timestamp: { kind: "timestamp" },
  time: { kind: "time" },
  uuid: { kind: "uuid" },
  json: { kind: "json" },
  jsonb: { kind: "jsonb" },
};

export const FIELD_TYPES_HELP = `types: text, varchar(n), integer, bigint, smallint, real, double, numeric(p,s), boolean, date,
       timestamp, time, uuid, json, jsonb, enum(a,b,c), text[], integer[], or a resource name (owner:users)
       add ? for a nullable column (description:text?) and :unique for a unique one (email:text:unique)`;

function parseType(raw: string, token: string): FieldType {
  const fail = (why: string): never => {
    throw new FieldSpecError(`"${token}": ${why}`);
  };
  if (raw in SIMPLE) return SIMPLE[raw] as ScalarType;
  if (raw === "text[]") return { kind: "array", of: { kind: "text" } };
  if (raw === "integer[]" || raw === "int[]") return { kind: "array", of: { kind: "integer" } };
  let m = /^varchar\((\d{1,8})\)$/.exec(raw);
  if (m) {
    const length = Number(m[1]);
    if (length < 1 || length > 10_485_760) fail("varchar(n) takes a length from 1 to 10485760");
    return { kind: "varchar", length };
  }
  m = /^(?:numeric|decimal)\((\d{1,4})(?:,(\d{1,4}))?\)$/.exec(raw);
  if (m) {
    const precision = Number(m[1]);
    const scale = m[2] === undefined ? 0 : Number(m[2]);
    if (precision < 1 || precision > 1000) fail("numeric(p,s) takes a precision from 1 to 1000");
    if (scale > precision) fail("numeric(p,s) needs a scale no larger than the precision");
    return { kind: "numeric", precision, scale };
  }
  m = /^enum\(([^()]*)\)$/.exec(raw);
  if (m) {
    const values = (m[1] ?? "").split(",");
    for (const value of values) {
      if (!ENUM_VALUE.test(value)) fail(`enum values are lower-case words (a-z, 0-9, _), not "${value}"`);
    }
    if (new Set(values).size !== values.length) fail("an enum value is listed twice");
    if (values.length > 100) fail("an enum takes at most 100 values");
    return { kind: "enum", values };
  }
  if (/^[a-z][a-zA-Z0-9]*$/.test(raw)) return { kind: "reference", resource: raw };
  return fail(`unknown type "${raw}"`);
}

/** One `name:type[?][:unique]` token. */
export function parseField(token: string): FieldSpec {
  const parts = token.split(":");
  const [rawName = "", rawType = "", ...modifiers] = parts;
  if (parts.length < 2 || rawType === "") {
    throw new FieldSpecError(`"${token}": write name:type, e.g. title:text`);
  }
  if (!IDENTIFIER.test(rawName)) {
    throw new FieldSpecError(`"${token}": a field name is camelCase letters and digits, starting with a-z`);
  }
  const nullable = rawType.endsWith("?");
  const type = parseType(nullable ? rawType.slice(0, -1) : rawType, token);
  // A reference named ownerId or owner: the relation is "owner", the column "ownerId".
  const name = type.kind === "reference" ? rawName.replace(/Id$/, "") || rawName : rawName;
  if (RESERVED_FIELDS.has(name)) throw new FieldSpecError(`"${token}": ${name} is added by the generator or reserved`);
  let unique = false;
  for (const modifier of modifiers) {
    if (modifier !== "unique" || unique) throw new FieldSpecError(`"${token}": the only modifier is :unique`);
    unique = true;
  }
  if (unique && (type.kind === "json" || type.kind === "jsonb" || type.kind === "array")) {
    throw new FieldSpecError(`"${token}": ${type.kind} columns cannot be :unique`);
  }
  return { name, type, nullable, unique };
}

/** The whole `--fields` value. Column names (a reference's `xId`) must not repeat. */
export function parseFields(spec: string): FieldSpec[] {
  const tokens = spec.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) throw new FieldSpecError("--fields is empty");
  if (tokens.length > 60) throw new FieldSpecError("at most 60 fields at once");
  const fields = tokens.map(parseField);
  const seen = new Set<string>();
  for (const field of fields) {
    for (const key of keysOf(field)) {
      if (seen.has(key)) throw new FieldSpecError(`"${key}" is named twice`);
      seen.add(key);
    }
  }
  return fields;
}

/** The record keys a field takes: a reference has its column (`ownerId`) and its relation (`owner`). */
export function keysOf(field: FieldSpec): string[] {
  return field.type.kind === "reference" ? [field.name, `${field.name}Id`] : [field.name];
}

/** The TypeScript key of the column. */
export function columnKey(field: FieldSpec): string {
  return field.type.kind === "reference" ? `${field.name}Id` : field.name;
}
