/**
 * Which filter operators each kind of field takes: the list filter schema accepts exactly these, and the table's
 * filter UI offers exactly these (pure, so the browser imports it), so no offered filter can reach SQL that
 * PostgreSQL refuses (`contains` on a number, `=` on an array).
 */
import type { ValueKind } from "./values";

export const FILTER_OPERATORS = [
  "eq",
  "ne",
  "gt",
  "gte",
  "lt",
  "lte",
  "in",
  "notIn",
  "contains",
  "startsWith",
  "has",
  "hasAll",
  "hasAny",
  "isNull",
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

const EQUALITY = ["eq", "ne", "in", "notIn", "isNull"] as const;
const RANGE = [...EQUALITY, "gt", "gte", "lt", "lte"] as const;

const BY_KIND: Record<ValueKind, readonly FilterOperator[]> = {
  text: [...RANGE, "contains", "startsWith"],
  integer: RANGE,
  bigint: RANGE,
  number: RANGE,
  decimal: RANGE,
  date: RANGE,
  time: RANGE,
  boolean: ["eq", "ne", "isNull"],
  enum: EQUALITY,
  uuid: EQUALITY,
  // An array is matched by its items: it holds this one, all of these, or any of these.
  array: ["has", "hasAll", "hasAny", "isNull"],
  json: ["isNull"],
  // Files are found through their record, never by their descriptors.
  file: [],
};

export function operatorsFor(kind: ValueKind): readonly FilterOperator[] {
  return BY_KIND[kind];
}
