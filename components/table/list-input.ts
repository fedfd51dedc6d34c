/** Turns a table's state into the `list` input the API takes: typed filter values, the sort, search, expand. */
import type { FieldOps, FilterNode } from "@/server/core/filter";
import { apiScalar } from "./filter-values";
import type { LooseListInput } from "./types";
import { type FieldFilter, formatSort, type SpecField, type TableSpec, type TableState } from "./url-state";

/** Fields whose values are calendar days (a PostgreSQL `date`) rather than instants. */
export type DayFields = ReadonlySet<string>;

/**
 * A day filter means whole days where the user is: from the start of the first day to the end of the last one.
 * A calendar-date column compares dates, which the server takes as UTC midnight.
 */
function dayBound(day: string, end: boolean, calendar: boolean): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  if (calendar) return new Date(Date.UTC(y, m - 1, d));
  return end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d);
}

/**
 * A range end of a date filter as the instant (or UTC midnight) the API compares with. A minute
 * ("2026-11-29T14:05", timestamps only) is read where the user is, and a "to" takes in all of it: to 14:20 includes
 * 14:20:30. A day is whole days, as above. A minute on a calendar-date column (only a hand-built state has one) is
 * its day.
 */
export function dateBound(text: string, end: boolean, calendar: boolean): Date {
  const [day, time] = text.split("T") as [string, string | undefined];
  if (time === undefined || calendar) return dayBound(day, end, calendar);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [h, min] = time.split(":").map(Number) as [number, number];
  return end ? new Date(y, m - 1, d, h, min, 59, 999) : new Date(y, m - 1, d, h, min);
}

function fieldOps(field: SpecField, filter: FieldFilter, dayFields: DayFields): FieldOps | undefined {
  const ops: FieldOps = {};
  if (filter.contains) ops.contains = filter.contains;
  if (filter.in?.length) ops.in = filter.in;
  if (filter.eq !== undefined) ops.eq = apiScalar(field.type, filter.eq);
  // Typed by kind (filter-values.ts): a decimal stays exact text, a bigint a BigInt, a time "HH:MM".
  if (filter.has !== undefined) ops.has = apiScalar(field.items, filter.has);
  for (const op of ["gte", "lte"] as const) {
    const value = filter[op];
    if (value === undefined) continue;
    ops[op] =
      field.type === "date" ? dateBound(value, op === "lte", dayFields.has(field.name)) : apiScalar(field.type, value);
  }
  return Object.keys(ops).length > 0 ? ops : undefined;
}

/** The user's filters as an API filter, or undefined when there are none. */
export function toApiFilter(
  filters: TableState["filters"],
  spec: TableSpec,
  dayFields: DayFields = spec.dayFields ?? new Set(),
): FilterNode | undefined {
  const node: FilterNode = {};
  for (const field of spec.fields) {
    const filter = filters[field.name];
    const ops = filter && field.filterable ? fieldOps(field, filter, dayFields) : undefined;
    if (ops) node[field.name] = ops;
  }
  return Object.keys(node).length > 0 ? node : undefined;
}

export interface ListInputOptions {
  /** Always applied, AND-ed with the user's filters (e.g. only published rows). */
  baseFilter?: FilterNode;
  /** belongsTo relations to expand (those whose foreign-key column is visible). */
  expand?: string[];
  dayFields?: DayFields;
  /** The server's own default order: when the table shows that, the input leaves `sort` out. */
  serverSort?: readonly string[];
}

export function toListInput(state: TableState, spec: TableSpec, options: ListInputOptions = {}): LooseListInput {
  const user = toApiFilter(state.filters, spec, options.dayFields ?? spec.dayFields);
  const { baseFilter } = options;
  const filter = baseFilter && user ? { and: [baseFilter, user] } : (baseFilter ?? user);
  const sort = formatSort(state.sort);
  const search = state.search.trim();
  return {
    page: state.page,
    perPage: state.perPage,
    ...(sort && sort !== (options.serverSort ?? []).join(",") ? { sort: sort.split(",") } : {}),
    ...(filter ? { filter } : {}),
    ...(search ? { search } : {}),
    ...(options.expand?.length ? { expand: options.expand } : {}),
    ...(state.deleted !== "exclude" ? { deleted: state.deleted } : {}),
  };
}
