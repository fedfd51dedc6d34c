/**
 * A table's view as query-string parameters, so it can be shared as a link and survives a reload. Pure functions:
 * no React, no router (see use-table-params.ts for that).
 *
 * Keys, each behind the table's prefix when it has one (`paramPrefix="ann"` gives `ann.page`, `ann.f.tone.in`...):
 *
 *   page=2                      1-based page; left out when 1
 *   perPage=50                  page size, 1..list.maxPerPage; left out when the default
 *   sort=-createdAt,title       sortable fields, "-" for descending, at most 5; left out when the default sort
 *   q=drizzle                   search words; only for resources with searchable fields
 *   f.<field>.<op>=<value>      one filter condition on a filterable field, with the operator its control edits:
 *                                 text     contains=<text>
 *                                 enum     in=<option>,<option>
 *                                 boolean  eq=true | eq=false
 *                                 date     gte=YYYY-MM-DD, lte=YYYY-MM-DD (calendar days, both ends included)
 *                                 number   gte=<n>, lte=<n>
 *                                 uuid     eq=<uuid>
 *   cols=title,status           visible columns; left out when the default set
 *   deleted=include | only      soft-deleted rows; only when the caller may read them
 *
 * Decoding never throws: unknown keys, fields and operators are ignored (an operator the table has no control for
 * would filter rows invisibly), numbers are clamped, values that do not fit the field are dropped. Encoding leaves
 * every other parameter (another table's, the page's own) as it was.
 */
import type { ValueKind } from "@/server/core/values";
import type { DeletedMode } from "./types";

export type FilterOp = "contains" | "in" | "eq" | "gte" | "lte";

export interface FieldFilter {
  contains?: string;
  in?: string[];
  eq?: string;
  gte?: string;
  lte?: string;
}

export interface SortItem {
  id: string;
  desc: boolean;
}

export interface TableState {
  page: number;
  perPage: number;
  /** Never empty when the resource has a default sort: that is what the rows are ordered by. */
  sort: SortItem[];
  search: string;
  filters: Record<string, FieldFilter>;
  /** Visible column ids; null means the default set. */
  columns: string[] | null;
  deleted: DeletedMode;
}

/** What decoding needs to know about the resource (derived from `meta` by spec.ts). */
export interface SpecField {
  name: string;
  type: ValueKind;
  filterable: boolean;
  sortable: boolean;
  options?: string[];
}

export interface TableSpec {
  fields: SpecField[];
  /** Ids of the columns the table can show, in display order. */
  columnIds: string[];
  defaultColumns: string[];
  defaultSort: SortItem[];
  defaultPerPage: number;
  maxPerPage: number;
  searchable: boolean;
  canReadDeleted: boolean;
}

export const MAX_SORTS = 5;
const MAX_PAGE = 1_000_000;
const MAX_TEXT = 200;
const MAX_IN = 100;

/** The operators a field's filter control edits, by value type. */
export function filterOps(type: ValueKind): FilterOp[] {
  switch (type) {
    case "text":
      return ["contains"];
    case "enum":
      return ["in"];
    case "boolean":
    case "uuid":
      return ["eq"];
    case "date":
    case "integer":
    case "number":
      return ["gte", "lte"];
    default:
      return [];
  }
}

const key = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseIntParam(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || !/^\d{1,12}$/.test(raw.trim())) return fallback;
  return Math.min(max, Math.max(min, Number(raw.trim())));
}

/** The canonical form of one filter value, or undefined when it does not fit the field. */
function cleanValue(field: SpecField, op: FilterOp, raw: string): string | string[] | undefined {
  const text = raw.trim();
  if (op === "in") {
    const options = field.options ?? [];
    const picked = [...new Set(text.split(","))].filter((v) => options.includes(v)).slice(0, MAX_IN);
    return picked.length > 0 ? picked : undefined;
  }
  if (op === "contains") return text && text.length <= MAX_TEXT ? text : undefined;
  if (field.type === "boolean") return text === "true" || text === "false" ? text : undefined;
  if (field.type === "uuid") return UUID.test(text) ? text.toLowerCase() : undefined;
  if (field.type === "date") return isCalendarDay(text) ? text : undefined;
  if (text === "") return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || (field.type === "integer" && !Number.isInteger(n))) return undefined;
  return String(n);
}

/** Sortable fields only, each once, at most MAX_SORTS (the API's limit). */
export function parseSort(values: readonly string[], fields: readonly SpecField[]): SortItem[] {
  const sortable = new Set(fields.filter((f) => f.sortable).map((f) => f.name));
  const out: SortItem[] = [];
  for (const value of values) {
    const desc = value.startsWith("-");
    const id = desc ? value.slice(1) : value;
    if (sortable.has(id) && !out.some((s) => s.id === id)) out.push({ id, desc });
  }
  return out.slice(0, MAX_SORTS);
}

export function formatSort(sort: readonly SortItem[]): string {
  return sort.map((s) => `${s.desc ? "-" : ""}${s.id}`).join(",");
}

function decodeFilters(params: URLSearchParams, spec: TableSpec, prefix: string): Record<string, FieldFilter> {
  const filters: Record<string, FieldFilter> = {};
  for (const field of spec.fields) {
    if (!field.filterable) continue;
    const filter: FieldFilter = {};
    for (const op of filterOps(field.type)) {
      const raw = params.get(key(prefix, `f.${field.name}.${op}`));
      const value = raw === null ? undefined : cleanValue(field, op, raw);
      if (value === undefined) continue;
      if (op === "in") filter.in = value as string[];
      else filter[op] = value as string;
    }
    if (Object.keys(filter).length > 0) filters[field.name] = filter;
  }
  return filters;
}

export function decodeTableState(params: URLSearchParams, spec: TableSpec, prefix = ""): TableState {
  const sortParam = params.get(key(prefix, "sort"));
  const sort = sortParam ? parseSort(sortParam.split(","), spec.fields) : [];
  const colsParam = params.get(key(prefix, "cols"));
  const columns = colsParam === null ? null : colsParam.split(",").filter((id) => spec.columnIds.includes(id));
  const deleted = params.get(key(prefix, "deleted"));
  return {
    page: parseIntParam(params.get(key(prefix, "page")), 1, 1, MAX_PAGE),
    perPage: parseIntParam(params.get(key(prefix, "perPage")), spec.defaultPerPage, 1, spec.maxPerPage),
    sort: sort.length > 0 ? sort : spec.defaultSort,
    search: spec.searchable ? (params.get(key(prefix, "q")) ?? "").trim().slice(0, MAX_TEXT) : "",
    filters: decodeFilters(params, spec, prefix),
    // An explicit empty list (every hideable column hidden) is kept; the title column shows regardless.
    columns: columns !== null && (columns.length > 0 || colsParam === "") ? [...new Set(columns)] : null,
    deleted: spec.canReadDeleted && (deleted === "include" || deleted === "only") ? deleted : "exclude",
  };
}

/** Whether `name` (without prefix) is one of the keys a table writes. */
function isOwnKey(name: string): boolean {
  return ["page", "perPage", "sort", "q", "cols", "deleted"].includes(name) || name.startsWith("f.");
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v) => b.includes(v));

/** `base` with this table's keys replaced by `state` (defaults left out); other parameters are kept as they were. */
export function encodeTableState(
  state: TableState,
  spec: TableSpec,
  prefix = "",
  base: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
  const out = new URLSearchParams();
  const mine = prefix ? `${prefix}.` : "";
  for (const [name, value] of base) {
    const own = mine ? name.startsWith(mine) && isOwnKey(name.slice(mine.length)) : isOwnKey(name);
    if (!own) out.append(name, value);
  }
  if (state.page > 1) out.set(key(prefix, "page"), String(state.page));
  if (state.perPage !== spec.defaultPerPage) out.set(key(prefix, "perPage"), String(state.perPage));
  if (formatSort(state.sort) !== formatSort(spec.defaultSort)) out.set(key(prefix, "sort"), formatSort(state.sort));
  const search = state.search.trim();
  if (search) out.set(key(prefix, "q"), search);
  for (const field of spec.fields) {
    const filter = state.filters[field.name];
    if (!filter) continue;
    for (const op of filterOps(field.type)) {
      const value = filter[op];
      const text = Array.isArray(value) ? value.join(",") : value;
      if (text) out.set(key(prefix, `f.${field.name}.${op}`), text);
    }
  }
  if (state.columns && !sameSet(state.columns, spec.defaultColumns)) {
    out.set(key(prefix, "cols"), state.columns.join(","));
  }
  if (state.deleted !== "exclude") out.set(key(prefix, "deleted"), state.deleted);
  return out;
}

/**
 * The query string with commas left readable (`sort=-createdAt,title`): a comma needs no escaping in a query and
 * URLSearchParams reads both forms alike.
 */
export function toQueryString(params: URLSearchParams): string {
  return params.toString().replace(/%2C/gi, ",");
}

/** Whether the rows are narrowed by the user (search or filters), i.e. "Clear filters" would change something. */
export function hasUserFilters(state: TableState): boolean {
  return state.search.trim() !== "" || Object.keys(state.filters).length > 0;
}
