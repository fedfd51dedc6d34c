/**
 * PocketBase's records API (`/api/collections/<name>/records[/<id>]`, docs/pocketbase.md) over Atrium's REST API: a
 * PocketBase request is rewritten into the `/api/v1` request that does the same (PocketBase field names and
 * datetimes to Atrium's, the PocketBase filter parsed into Atrium's filter tree, `sort` names mapped) and handed to
 * the REST handler in process, so it passes the same gate and runs the same procedure: policies, hooks, audit, live
 * events, rate limits and idempotency keys apply exactly as on every other path. The answer is rewritten back:
 * records in PocketBase's shape, `fields` applied, errors as `{ status, message, data }`.
 */
import { describeResource } from "@/server/core/meta";
import { type FieldsTree, PocketBaseFieldsError, parseFields, pickFields } from "@/server/core/pocketbase/fields";
import { PocketBaseFilterError } from "@/server/core/pocketbase/filter-error";
import type { FilterTarget } from "@/server/core/pocketbase/filter-fields";
import { parsePocketBaseFilter } from "@/server/core/pocketbase/filter-translate";
import { atriumKey, fromPocketBaseData, pocketBaseKey, pocketBaseRecord } from "@/server/core/pocketbase/record";
import type { AnyResource } from "@/server/core/resource";
import { isPlainObject, type JsonValue } from "@/server/core/rest/json-codecs";
import { encodeFilter } from "@/server/core/rest/json-values";
import { REST_PREFIX } from "@/server/http/rest/handler";
import { readPocketBaseBody } from "./body";
import { PocketBaseRefusal, pocketBaseError, pocketBaseFieldErrors, pocketBaseJson, refuseField } from "./errors";
import { withFileModifiers } from "./files-modifiers";

type Registry = Record<string, AnyResource>;
type RestCall = (req: Request) => Promise<Response>;
export type Operation = "list" | "view" | "create" | "update" | "delete";

/** The query parameters each operation takes, as PocketBase documents them. */
const PARAMETERS: Record<Operation, readonly string[]> = {
  list: ["page", "perPage", "sort", "filter", "expand", "fields", "skipTotal"],
  view: ["expand", "fields"],
  create: ["expand", "fields"],
  update: ["expand", "fields"],
  delete: [],
};

const SYSTEM = { kind: "system", reason: "pocketbase filter names" } as const;
const targets = new WeakMap<AnyResource, FilterTarget>();

/** Field names and kinds for the filter parser: every field, as the engine itself checks who may filter on what. */
function filterTarget(resource: AnyResource, registry: Registry): FilterTarget {
  let target = targets.get(resource);
  if (!target) {
    target = describeResource(resource, registry, SYSTEM);
    targets.set(resource, target);
  }
  return target;
}

/** A PocketBase records request, read and rewritten as the REST request that does the same. */
export interface RecordsCall {
  resource: AnyResource;
  operation: Operation;
  /** The REST request's method, and its path and query under the origin (`/api/v1/posts?sort=-createdAt`). */
  method: "GET" | "POST" | "PATCH" | "DELETE";
  target: string;
  /** A write's body with Atrium's names, for the REST request's JSON. */
  body?: unknown;
  /** `expand` as asked, for a write's answer (the REST write answers without it). */
  expand?: string;
  fields?: FieldsTree;
}

const METHODS = { list: "GET", view: "GET", create: "POST", update: "PATCH", delete: "DELETE" } as const;

/**
 * Reads a PocketBase records request (`segments`: `[name, "records", id?]`) into its REST counterpart; a request
 * that cannot be one is a PocketBaseRefusal carrying the answer (404, 405, or a 400 naming the parameter or field).
 * `POST /api/batch` reads each of its requests through this too.
 */
export async function readRecordsCall(
  req: Request,
  segments: readonly string[],
  registry: Registry,
): Promise<RecordsCall> {
  const [name = "", , id, ...extra] = segments;
  const resource = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (!resource) throw new PocketBaseRefusal(pocketBaseError(404, "Missing collection context."));
  if (extra.length > 0 || id === "") {
    throw new PocketBaseRefusal(pocketBaseError(404, "The requested resource wasn't found."));
  }
  const operation = operationOf(req.method, id);
  if (!operation) {
    const allow = id === undefined ? "GET, POST" : "GET, PATCH, DELETE";
    throw new PocketBaseRefusal(
      pocketBaseError(405, `${req.method} is not allowed here; use ${allow}.`, {}, { allow }),
    );
  }
  const query = readQuery(new URL(req.url).searchParams, operation);
  const fields = query.fields === undefined ? undefined : readFields(query.fields);
  const target = restTarget(resource, registry, operation, id, query);
  const write = operation === "create" || operation === "update";
  const body = write ? fromPocketBaseData(resource, await readPocketBaseBody(req)) : undefined;
  return {
    resource,
    operation,
    method: METHODS[operation],
    target,
    ...(body === undefined ? {} : { body }),
    ...(write && query.expand?.trim() ? { expand: query.expand } : {}),
    ...(fields ? { fields } : {}),
  };
}

/** The REST path that reads back the record a write answered, with the expansions its PocketBase request asked. */
export function readBackTarget(call: RecordsCall, written: unknown): string | null {
  if (!call.expand || !isPlainObject(written)) return null;
  const key = written[call.resource.info.idKey];
  if (typeof key !== "string" && typeof key !== "number") return null;
  return `${recordPath(call.resource.name, String(key))}?expand=${encodeURIComponent(call.expand)}`;
}

/**
 * `/api/collections/<name>/records[/<id>]`, with the path after /api/collections/ in `segments`. `rest` is the REST
 * handler (server/http/rest/handler.ts), called in process.
 */
export async function pocketBaseRecords(
  req: Request,
  segments: readonly string[],
  registry: Registry,
  rest: RestCall,
): Promise<Response> {
  const [name = "", , id] = segments;
  if (req.method === "OPTIONS" && Object.hasOwn(registry, name)) {
    // A browser's preflight: the REST path's CORS answer, for the method it will send there.
    const path = id === undefined ? `${REST_PREFIX}/${encodeURIComponent(name)}` : recordPath(name, id);
    return rest(new Request(new URL(path, req.url), { method: "OPTIONS", headers: req.headers }));
  }
  let call: RecordsCall;
  try {
    call = await readRecordsCall(req, segments, registry);
  } catch (error) {
    if (error instanceof PocketBaseRefusal) return error.response;
    throw error;
  }
  // PocketBase's file modifiers (`attachments-`) apply to the record as it is: files-modifiers.ts reads it first.
  const modified = await withFileModifiers(call, req, rest);
  if (modified instanceof Response) return modified;
  call = modified;
  const answer = await rest(
    new Request(new URL(call.target, req.url), {
      method: call.method,
      headers: restHeaders(req.headers, call.body !== undefined),
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    }),
  );
  const json = (await answer.json().catch(() => null)) as JsonValue;
  // PocketBase answers a write with the record as `expand` asks; REST writes answer without expansions, so the
  // record is read back through the same gate and rules (a record the caller may write but not read keeps the
  // write's own answer).
  const readBack = answer.ok ? readBackTarget(call, json) : null;
  if (readBack) {
    const again = await rest(new Request(new URL(readBack, req.url), { headers: restHeaders(req.headers, false) }));
    if (again.ok) return recordsAnswer(call, again.status, (await again.json()) as JsonValue, again.headers, registry);
  }
  return recordsAnswer(call, answer.status, json, answer.headers, registry);
}

function operationOf(method: string, id: string | undefined): Operation | null {
  if (id === undefined) return method === "GET" ? "list" : method === "POST" ? "create" : null;
  if (method === "GET") return "view";
  if (method === "PATCH") return "update";
  if (method === "DELETE") return "delete";
  return null;
}

function readQuery(params: URLSearchParams, operation: Operation): Record<string, string> {
  const allowed = PARAMETERS[operation];
  const query: Record<string, string> = {};
  for (const name of new Set(params.keys())) {
    const field = name.slice(0, 60);
    if (!allowed.includes(name)) {
      refuseField(field, allowed.length ? `is not a parameter here; use ${allowed.join(", ")}` : "takes no parameters");
    }
    const values = params.getAll(name);
    if (values.length > 1) refuseField(field, "is given more than once");
    query[name] = values[0] ?? "";
  }
  return query;
}

function readFields(text: string): FieldsTree | undefined {
  if (text.trim() === "") return undefined;
  try {
    return parseFields(text);
  } catch (error) {
    if (error instanceof PocketBaseFieldsError) refuseField("fields", error.message);
    throw error;
  }
}

function recordPath(name: string, id: string): string {
  return `${REST_PREFIX}/${encodeURIComponent(name)}/${encodeURIComponent(id)}`;
}

/** The REST path and query that do what this PocketBase request asks. */
function restTarget(
  resource: AnyResource,
  registry: Registry,
  operation: Operation,
  id: string | undefined,
  query: Record<string, string>,
): string {
  const name = resource.name;
  const path = id === undefined ? `${REST_PREFIX}/${encodeURIComponent(name)}` : recordPath(name, id);
  const params = new URLSearchParams();
  if (operation === "list") {
    if (query.page !== undefined) params.set("page", wholeNumber("page", query.page, 1));
    if (query.perPage !== undefined) {
      // PocketBase clamps perPage to its maximum (the SDK's getFullList asks for pages of 1000 and reads the size
      // answered); so does this, to the resource's own maximum.
      const perPage = Math.min(Number(wholeNumber("perPage", query.perPage, 1)), resource.info.maxPerPage);
      params.set("perPage", String(perPage));
    }
    if (query.sort !== undefined && query.sort.trim() !== "") params.set("sort", restSort(resource, query.sort));
    if (query.filter !== undefined && query.filter.trim() !== "") {
      params.set("filter", JSON.stringify(restFilter(resource, registry, query.filter)));
    }
    if (query.skipTotal !== undefined) params.set("skipTotal", String(readBoolean("skipTotal", query.skipTotal)));
  }
  if ((operation === "list" || operation === "view") && query.expand !== undefined && query.expand.trim() !== "") {
    params.set("expand", query.expand);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function wholeNumber(field: string, text: string, min: number): string {
  if (!/^\d{1,9}$/.test(text.trim()) || Number(text) < min)
    refuseField(field, `must be a whole number of at least ${min}`);
  return String(Number(text));
}

/** Go's strconv.ParseBool, which PocketBase reads flags with. */
function readBoolean(field: string, text: string): boolean {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(text)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(text)) return false;
  refuseField(field, "must be true or false");
}

const MAX_SORT_KEYS = 5;

/** `-created,+title` as REST's `-createdAt,title`; the engine's schema judges which keys may sort. */
function restSort(resource: AnyResource, text: string): string {
  const keys = text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (keys.length > MAX_SORT_KEYS) refuseField("sort", `takes at most ${MAX_SORT_KEYS} fields`);
  return keys
    .map((key) => {
      if (key === "@random" || key.startsWith("@"))
        refuseField("sort", `${key.slice(0, 40)} is not supported by Atrium`);
      const descending = key.startsWith("-");
      const name = key.replace(/^[-+]/, "");
      if (!/^[A-Za-z_$][\w$]{0,99}$/.test(name)) refuseField("sort", "takes field names like -created,title");
      return `${descending ? "-" : ""}${atriumKey(resource, name)}`;
    })
    .join(",");
}

function restFilter(resource: AnyResource, registry: Registry, text: string): JsonValue {
  try {
    return encodeFilter(resource, parsePocketBaseFilter(text, filterTarget(resource, registry)));
  } catch (error) {
    if (error instanceof PocketBaseFilterError) refuseField("filter", error.message, "validation_invalid_filter");
    throw error;
  }
}

/** The caller's headers for the REST request: credentials, origin and the rest as sent; the body's type is ours. */
function restHeaders(headers: Headers, json: boolean): Headers {
  const out = new Headers(headers);
  out.delete("content-length");
  out.delete("content-type");
  if (json) out.set("content-type", "application/json");
  return out;
}

const PASSED_ON = ["retry-after", "allow", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"];

function passedOn(from: Headers): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of from) {
    if (PASSED_ON.includes(name) || name.startsWith("access-control-") || name === "vary") headers[name] = value;
  }
  return headers;
}

/** A REST answer (status and JSON) as PocketBase's: records reshaped, `fields` applied, errors renamed. */
export function recordsAnswer(
  call: RecordsCall,
  status: number,
  body: JsonValue,
  from: Headers,
  registry: Registry,
): Response {
  const { resource, operation, fields } = call;
  const headers = passedOn(from);
  if (status >= 400) return restFailure(status, body, resource, operation, headers);
  if (operation === "delete") return new Response(null, { status: 204, headers });
  let out: JsonValue;
  if (operation === "list" && isPlainObject(body) && Array.isArray(body.items)) {
    out = {
      page: body.page as JsonValue,
      perPage: body.perPage as JsonValue,
      totalItems: body.totalItems as JsonValue,
      totalPages: body.totalPages as JsonValue,
      items: body.items.map((item) => pocketBaseRecord(resource, registry, item as JsonValue)),
    };
  } else out = pocketBaseRecord(resource, registry, body);
  if (fields) out = pickFields(out, fields, operation === "list");
  // PocketBase answers a create with 200, not REST's 201.
  return pocketBaseJson(200, out, headers);
}

/** A REST error (`{ code, message, fieldErrors }`) as PocketBase's, the fields by the names the client sent. */
function restFailure(
  status: number,
  body: JsonValue,
  resource: AnyResource,
  operation: Operation,
  headers: Record<string, string>,
): Response {
  const error = isPlainObject(body) ? body : {};
  const message = typeof error.message === "string" ? error.message : "The request was refused.";
  const fieldErrors = isPlainObject(error.fieldErrors) ? (error.fieldErrors as Record<string, string[]>) : null;
  const rename = (field: string) => {
    // update's input is `{ id, data }`, the list's filter a tree: the client named `title` and `filter`.
    const inData = operation === "update" && field.startsWith("data.") ? field.slice(5) : field;
    const [first = "", ...rest] = inData.split(".");
    if (first === "filter" || first === "sort") return first;
    return [pocketBaseKey(resource, first), ...rest].join(".");
  };
  return pocketBaseError(status, message, pocketBaseFieldErrors(fieldErrors, rename), headers);
}
