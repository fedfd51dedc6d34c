/**
 * An export's query string, read strictly: the list's own parameters (server/core/inputs.ts) in URL form, so a table
 * can hand over the view it shows.
 *
 *   sort=-createdAt,title        sortable fields, "-" for descending, at most 5
 *   filter={"status":{"eq":"draft"}}   the list's filter language as JSON (dates as ISO 8601 text)
 *   search=words                 the list's search
 *   deleted=include|only         soft-deleted rows too, or only them (needs the readDeleted rule)
 *   limit=500                    at most this many rows (default: all, up to EXPORT_MAX_ROWS)
 *
 * Anything else, a parameter given twice, or a value that does not fit is a 400 naming the parameter (and for a
 * filter, the field), decided before any SQL.
 */
import { TRPCError } from "@trpc/server";
import type { ZodError } from "zod";
import { FieldError, type FieldErrors, summarizeFieldErrors, zodFieldErrors } from "../errors";
import { type FilterNode, filterSchema } from "../filter";
import type { DeletedMode } from "../read";
import type { AnyResource } from "../resource";
import { sortValues } from "../sort";
import { columnFacts } from "../values";
import { inspectInput } from "../wire";

export interface ExportParams {
  sort?: string[];
  filter?: FilterNode;
  search?: string;
  deleted?: DeletedMode;
  limit?: number;
}

const KNOWN = new Set(["sort", "filter", "search", "deleted", "limit"]);
const MAX_SORTS = 5;
const MAX_SEARCH = 200;
const MAX_FILTER_TEXT = 8_000;
const PARAM_NAME = /^[\w.-]{1,50}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL is exactly what PostgreSQL refuses in text.
const NUL = /\u0000/;

export function badParameter(errors: FieldErrors): TRPCError {
  const message = summarizeFieldErrors(errors);
  return new TRPCError({ code: "BAD_REQUEST", message, cause: new FieldError(message, errors) });
}

const refuse = (param: string, message: string) => badParameter({ [param]: [message] });

function prefixed(error: ZodError, prefix: string): FieldErrors {
  const errors = zodFieldErrors(error);
  return Object.fromEntries(
    Object.entries(errors).map(([key, messages]) => [key === "_form" ? prefix : `${prefix}.${key}`, messages]),
  );
}

/**
 * JSON has no bigint: a bigint field's filter values arrive as digits (text or a safe number) and become BigInts
 * here, which the filter schema then checks like any other value.
 */
function withBigints(resource: AnyResource, node: unknown): unknown {
  if (typeof node !== "object" || node === null) return node;
  if (Array.isArray(node)) return node.map((child) => withBigints(resource, child));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const column = Object.hasOwn(resource.info.columns, key) ? resource.info.columns[key] : undefined;
    const big = column && columnFacts(column).kind === "bigint";
    out[key] = big
      ? bigintOps(value)
      : key === "and" || key === "or" || key === "not"
        ? withBigints(resource, value)
        : value;
  }
  return out;
}

function bigintOps(ops: unknown): unknown {
  if (typeof ops !== "object" || ops === null || Array.isArray(ops)) return ops;
  const big = (v: unknown) =>
    (typeof v === "string" && /^-?\d{1,20}$/.test(v)) || (typeof v === "number" && Number.isSafeInteger(v))
      ? BigInt(v)
      : v;
  return Object.fromEntries(
    Object.entries(ops).map(([op, v]) => [op, Array.isArray(v) ? v.map(big) : op === "isNull" ? v : big(v)]),
  );
}

function parseFilter(resource: AnyResource, raw: string): FilterNode {
  if (raw.length > MAX_FILTER_TEXT) throw refuse("filter", `filter must be at most ${MAX_FILTER_TEXT} characters`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw refuse("filter", 'filter must be JSON, like {"status":{"eq":"published"}}');
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw refuse("filter", 'filter must be a JSON object, like {"status":{"eq":"published"}}');
  }
  const hostile = inspectInput(json);
  if (hostile) {
    const errors = hostile.toObject();
    throw badParameter(
      Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === "_form" ? "filter" : `filter.${k}`, v])),
    );
  }
  const parsed = filterSchema(resource).safeParse(withBigints(resource, json));
  if (!parsed.success) throw badParameter(prefixed(parsed.error, "filter"));
  return parsed.data;
}

function parseSort(resource: AnyResource, raw: string): string[] {
  const allowed = new Set(sortValues(resource));
  const terms = raw.split(",").map((t) => t.trim());
  if (allowed.size === 0) throw refuse("sort", `${resource.name} cannot be sorted`);
  if (terms.length > MAX_SORTS) throw refuse("sort", `sort takes at most ${MAX_SORTS} fields`);
  for (const term of terms) {
    if (!allowed.has(term)) {
      const fields = resource.info.sortKeys.join(", ");
      throw refuse("sort", `sort takes sortable fields (${fields}), each optionally after "-"`);
    }
  }
  return terms;
}

function parseLimit(raw: string, max: number): number {
  if (!/^\d{1,12}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw refuse("limit", `limit must be a whole number from 1 to ${max}`);
  }
  return Number(raw);
}

/** The export's parameters from a query string; throws a BAD_REQUEST TRPCError naming the first bad parameter. */
export function parseExportParams(resource: AnyResource, query: URLSearchParams, maxRows: number): ExportParams {
  const seen = new Set<string>();
  for (const key of query.keys()) {
    const name = PARAM_NAME.test(key) ? key : "parameter";
    if (!KNOWN.has(key)) {
      throw refuse(
        name,
        `Unknown parameter ${name === "parameter" ? "" : `"${name}" `}(known: ${[...KNOWN].join(", ")})`,
      );
    }
    if (seen.has(key)) throw refuse(key, `Give ${key} once`);
    seen.add(key);
  }
  const params: ExportParams = {};
  const text = (key: string) => {
    const value = query.get(key);
    if (value !== null && NUL.test(value)) throw refuse(key, `${key} must not contain NUL characters`);
    return value;
  };
  const sort = text("sort");
  if (sort !== null && sort !== "") params.sort = parseSort(resource, sort);
  const filter = text("filter");
  if (filter !== null && filter !== "") params.filter = parseFilter(resource, filter);
  const search = text("search")?.trim();
  if (search) {
    if (search.length > MAX_SEARCH) throw refuse("search", `search must be at most ${MAX_SEARCH} characters`);
    params.search = search;
  }
  const deleted = text("deleted");
  if (deleted !== null && deleted !== "") {
    if (deleted !== "exclude" && deleted !== "include" && deleted !== "only") {
      throw refuse("deleted", "deleted must be exclude, include or only");
    }
    if (!resource.softDelete && deleted !== "exclude") {
      throw refuse("deleted", `${resource.name} has no deleted rows to include`);
    }
    params.deleted = deleted;
  }
  const limit = text("limit");
  if (limit !== null) params.limit = parseLimit(limit, maxRows);
  return params;
}
