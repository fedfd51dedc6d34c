/**
 * A table's view as query-string parameters, so it can be shared as a link and survives a reload: one nuqs parser
 * per key, built from the resource's spec. use-table-params.ts binds them to the URL (useQueryStates); the loader
 * and serializer below read and write the same format without React (tests, a table kept out of the URL).
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
 *                                 timestamp  gte=YYYY-MM-DDTHH:MM, lte=YYYY-MM-DDTHH:MM (minutes in the reader's
 *                                          zone, both included), or a day as for dates (the whole day)
 *                                 number   gte=<n>, lte=<n> (integer, bigint, real/double, exact decimal text)
 *                                 time     gte=HH:MM, lte=HH:MM
 *                                 uuid     eq=<uuid>
 *                                 array    has=<item>
 *   cols=title,status           visible columns; left out when the default set
 *   deleted=include | only      soft-deleted rows; only when the caller may read them
 *
 * Parsing never throws and is bounded: a value that does not fit its key reads as the default, numbers are
 * clamped, lists are cut to known entries. Keys the table does not know (another table's, the page's own, a field
 * it cannot filter, an operator it has no control for) are never read nor written.
 */
import { createLoader, createParser, createSerializer, type SingleParserBuilder } from "nuqs";
import type { ValueKind } from "@/server/core/values";
import { cleanFilterText, controlOps } from "./filter-values";
import type { DeletedMode } from "./types";

export type FilterOp = "contains" | "in" | "eq" | "gte" | "lte" | "has";

export interface FieldFilter {
  contains?: string;
  in?: string[];
  eq?: string;
  gte?: string;
  lte?: string;
  /** Arrays: rows whose list holds this item. */
  has?: string;
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
  /** Arrays: the kind of each item. */
  items?: ValueKind;
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
  /**
   * The date fields that hold calendar days (a PostgreSQL `date`); every other date field is a timestamp, whose
   * filter may name minutes. Left out, all are timestamps.
   */
  dayFields?: ReadonlySet<string>;
}

export const MAX_SORTS = 5;
const MAX_PAGE = 1_000_000;
const MAX_TEXT = 200;

/** The operators a field's filter control edits, by value type (filter-values.ts, with the engine's list). */
export function filterOps(type: ValueKind): FilterOp[] {
  return controlOps(type);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
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

/** A whole number written in digits only ("2.5", "-3", "1e3" are not), clamped to [min, max]. */
const boundedInt = (min: number, max: number) =>
  createParser<number>({
    parse: (raw) => (/^\d{1,12}$/.test(raw.trim()) ? Math.min(max, Math.max(min, Number(raw.trim()))) : null),
    serialize: String,
  });

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v) => b.includes(v));

/**
 * The canonical form of one filter value, or null when it does not fit the field: by kind, never through a float
 * where that would lose digits (decimals, bigints), in filter-values.ts.
 */
function cleanFilterValue(
  field: SpecField & { instant: boolean },
  op: FilterOp,
  raw: string,
): string | string[] | null {
  return cleanFilterText(field, op, op === "contains" ? withoutControls(raw) : raw);
}

/**
 * Free text without control characters: PostgreSQL refuses a NUL byte (the API answers 400), and the others mean
 * nothing in a search. What is left is searched for, as the home page's search does.
 */
function withoutControls(raw: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return raw.replace(/[\u0000-\u001f\u007f]/g, "");
}

type FilterValue = string | string[];
type FilterKey = `f.${string}`;
const filterKey = (field: string, op: FilterOp): FilterKey => `f.${field}.${op}`;

/** Every key a table reads, with the parser that reads it; the filter keys depend on the resource's fields. */
export type TableParsers = {
  page: ReturnType<SingleParserBuilder<number>["withDefault"]>;
  perPage: ReturnType<SingleParserBuilder<number>["withDefault"]>;
  sort: SingleParserBuilder<SortItem[]>;
  q: SingleParserBuilder<string>;
  cols: SingleParserBuilder<string[]>;
  deleted: SingleParserBuilder<"include" | "only">;
} & { [key: FilterKey]: SingleParserBuilder<FilterValue> };

export function tableParsers(spec: TableSpec): TableParsers {
  const filters: Record<FilterKey, SingleParserBuilder<FilterValue>> = {};
  for (const field of spec.fields) {
    if (!field.filterable) continue;
    const instant = field.type === "date" && !spec.dayFields?.has(field.name);
    for (const op of filterOps(field.type)) {
      filters[filterKey(field.name, op)] = createParser<FilterValue>({
        parse: (raw) => cleanFilterValue({ ...field, instant }, op, raw),
        serialize: (value) => (Array.isArray(value) ? value.join(",") : value),
      });
    }
  }
  // The order keys are written in when they first appear in the URL.
  return {
    page: boundedInt(1, MAX_PAGE).withDefault(1),
    perPage: boundedInt(1, spec.maxPerPage).withDefault(spec.defaultPerPage),
    sort: createParser<SortItem[]>({
      parse: (raw) => {
        const sort = parseSort(raw.split(","), spec.fields);
        return sort.length > 0 ? sort : null;
      },
      serialize: formatSort,
      eq: (a, b) => formatSort(a) === formatSort(b),
    }),
    q: createParser<string>({
      parse: (raw) => (spec.searchable ? withoutControls(raw).trim().slice(0, MAX_TEXT) || null : null),
      serialize: (value) => value,
    }),
    ...filters,
    cols: createParser<string[]>({
      // None known means the default set; an explicit empty list (every hideable column hidden) is kept.
      parse: (raw) => {
        const columns = [...new Set(raw.split(",").filter((id) => spec.columnIds.includes(id)))];
        return columns.length > 0 || raw === "" ? columns : null;
      },
      serialize: (columns) => columns.join(","),
      eq: sameSet,
    }),
    deleted: createParser<"include" | "only">({
      parse: (raw) => (spec.canReadDeleted && (raw === "include" || raw === "only") ? raw : null),
      serialize: (value) => value,
    }),
  };
}

/** The URL key of each parser: behind `<prefix>.` when the table has one. */
export function tableUrlKeys(parsers: TableParsers, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.keys(parsers).map((key) => [key, prefix ? `${prefix}.${key}` : key]));
}

/** What the parsers hand out (null: absent or unreadable; page and perPage fall back to their defaults). */
export type TableValues = {
  page: number;
  perPage: number;
  sort: SortItem[] | null;
  q: string | null;
  cols: string[] | null;
  deleted: "include" | "only" | null;
} & { [key: FilterKey]: FilterValue | null };

export function stateFromValues(values: TableValues, spec: TableSpec): TableState {
  const filters: Record<string, FieldFilter> = {};
  for (const field of spec.fields) {
    if (!field.filterable) continue;
    const filter: FieldFilter = {};
    for (const op of filterOps(field.type)) {
      const value = values[filterKey(field.name, op)];
      if (value == null) continue;
      if (op === "in") filter.in = Array.isArray(value) ? value : [value];
      else filter[op] = Array.isArray(value) ? value.join(",") : value;
    }
    if (Object.keys(filter).length > 0) filters[field.name] = filter;
  }
  return {
    page: values.page,
    perPage: values.perPage,
    sort: values.sort ?? spec.defaultSort,
    search: values.q ?? "",
    filters,
    columns: values.cols,
    deleted: values.deleted ?? "exclude",
  };
}

/** Every key the table owns, null where the state is the default (nuqs then leaves the key out of the URL). */
export function valuesFromState(state: TableState, spec: TableSpec): TableValues {
  const filters: Record<FilterKey, FilterValue | null> = {};
  for (const field of spec.fields) {
    if (!field.filterable) continue;
    const filter = state.filters[field.name];
    for (const op of filterOps(field.type)) {
      const value = filter?.[op];
      filters[filterKey(field.name, op)] = value && value.length > 0 ? value : null;
    }
  }
  const search = state.search.trim();
  return {
    page: state.page,
    perPage: state.perPage,
    sort: state.sort.length > 0 && formatSort(state.sort) !== formatSort(spec.defaultSort) ? state.sort : null,
    q: search || null,
    ...filters,
    cols: state.columns && !sameSet(state.columns, spec.defaultColumns) ? state.columns : null,
    deleted: state.deleted === "exclude" ? null : state.deleted,
  };
}

/**
 * The keys whose query-string form differs between two views: what a change writes. Writing only those keeps a
 * change to one thing (the sort) from rewriting the others from a view that may already be out of date.
 */
export function changedValues(before: TableState, after: TableState, spec: TableSpec): Partial<TableValues> {
  const from = valuesFromState(before, spec);
  const to = valuesFromState(after, spec);
  const changed: Partial<TableValues> = {};
  for (const key of Object.keys(to) as (keyof TableValues)[]) {
    if (JSON.stringify(from[key]) !== JSON.stringify(to[key])) Object.assign(changed, { [key]: to[key] });
  }
  return changed;
}

/** The table's view in a query string (URLSearchParams, a plain "a=1&b=2" or a record of values). */
export function decodeTableState(
  query: URLSearchParams | string | Record<string, string | string[] | undefined>,
  spec: TableSpec,
  prefix = "",
): TableState {
  const parsers = tableParsers(spec);
  const values = createLoader(parsers, { urlKeys: tableUrlKeys(parsers, prefix) })(query);
  return stateFromValues(values, spec);
}

/** `base` (without "?") with this table's keys set to `state`, defaults left out, every other parameter kept. */
export function encodeTableState(state: TableState, spec: TableSpec, prefix = "", base = ""): string {
  const parsers = tableParsers(spec);
  const serialize = createSerializer(parsers, { urlKeys: tableUrlKeys(parsers, prefix) });
  return serialize(new URLSearchParams(base), valuesFromState(state, spec)).replace(/^\?/, "");
}

/** Whether the rows are narrowed by the user (search or filters), i.e. "Clear filters" would change something. */
export function hasUserFilters(state: TableState): boolean {
  return state.search.trim() !== "" || Object.keys(state.filters).length > 0;
}
