/**
 * A REST request's query string as the input of the procedure it names: `?page=2&perPage=20&sort=-createdAt,title
 * &filter={"status":{"eq":"published"}}&expand=author&totals=estimate`. Only the parameters that procedure takes are
 * accepted, each once; numbers and booleans are read from their text, lists from commas, the filter from JSON. A value
 * that is no number is handed on as text, so the procedure's own schema names it (one set of messages for every
 * API); what cannot reach a schema (unknown or repeated parameters, a filter that is not JSON) is refused here,
 * naming the parameter.
 */
import type { FieldErrors } from "@/server/core/errors";
import { inspectInput } from "@/server/core/wire";
import type { RestOperation } from "./route-map";

type Reader = (text: string) => { value: unknown } | { error: string };

const integer: Reader = (text) => ({ value: /^\d{1,15}$/.test(text) ? Number(text) : text });
const boolean: Reader = (text) => ({ value: text === "true" ? true : text === "false" ? false : text });
const words: Reader = (text) => ({ value: text === "" ? [] : text.split(",").map((word) => word.trim()) });
const plain: Reader = (text) => ({ value: text });
const json: Reader = (text) => {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { error: 'must be JSON: the filter tree, e.g. {"status":{"eq":"published"}}' };
  }
};

const PARAMETERS: Partial<Record<RestOperation, Record<string, Reader>>> = {
  list: {
    page: integer,
    perPage: integer,
    sort: words,
    filter: json,
    search: plain,
    expand: words,
    skipTotal: boolean,
    totals: plain,
    deleted: plain,
  },
  get: { expand: words, withDeleted: boolean },
  history: { page: integer, perPage: integer, withDeleted: boolean },
};

export type QueryInput = { ok: true; input: Record<string, unknown> } | { ok: false; fieldErrors: FieldErrors };

export function queryInput(operation: RestOperation, params: URLSearchParams): QueryInput {
  const readers = PARAMETERS[operation] ?? {};
  const input: Record<string, unknown> = {};
  const fieldErrors: FieldErrors = {};
  const refuse = (name: string, message: string) => {
    fieldErrors[name.slice(0, 60)] = [message];
  };
  for (const name of new Set(params.keys())) {
    if (Object.keys(fieldErrors).length >= 10) break;
    const reader = Object.hasOwn(readers, name) ? readers[name] : undefined;
    if (!reader) {
      const known = Object.keys(readers);
      refuse(name, known.length ? `is not a parameter here; use ${known.join(", ")}` : "this path takes no parameters");
      continue;
    }
    const values = params.getAll(name);
    if (values.length > 1) {
      refuse(name, "is given more than once");
      continue;
    }
    const read = reader(values[0] ?? "");
    if ("error" in read) refuse(name, read.error);
    else input[name] = read.value;
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  // Every value is the caller's text, and the filter the caller's JSON: the same guard as any request body (prototype
  // keys, NUL, depth, size), named by parameter (`search`, `filter.title.eq`). A server-side tRPC caller runs no wire
  // guard, so a NUL in `search` would otherwise reach PostgreSQL, whose refusal names no parameter.
  const problems = inspectInput(input);
  if (problems) return { ok: false, fieldErrors: problems.toObject() };
  return { ok: true, input };
}
