/**
 * The REST request that does what a tRPC call does: `posts.update({ id, data })` is `PATCH /api/v1/posts/<id>` with
 * `data` as its body. The inverse of route-map.ts, for tests that run one case over both APIs (the authorization
 * matrix) and for examples; null for procedures REST does not serve (meta, live changes, purge, revert, the
 * non-resource routers).
 */
import type { AnyResource } from "@/server/core/resource";

export interface RestRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path and query under the origin, e.g. `/api/v1/posts/<id>?expand=author`. */
  target: string;
  body?: unknown;
}

type Rec = Record<string, unknown>;
const LIST_PARAMS = [
  "page",
  "perPage",
  "sort",
  "filter",
  "search",
  "expand",
  "skipTotal",
  "totals",
  "deleted",
] as const;

function query(input: Rec, names: readonly string[]): string {
  const params = new URLSearchParams();
  for (const name of names) {
    const value = input[name];
    if (value === undefined) continue;
    if (name === "filter") params.set(name, JSON.stringify(value));
    else params.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export interface ResourceCall {
  procedure: string;
  resource: AnyResource;
  given: Rec;
  /** The resource's path under an API (`mount` of its encoded name), and a record's under it. */
  base: string;
  at: (id: unknown) => string;
}

/**
 * A tRPC call on a resource (`posts.update`, its input) in an API's terms, the resource's path from `mount`; null
 * when no resource of `registry` is named.
 */
export function resourceCall(
  path: string,
  input: unknown,
  registry: Record<string, AnyResource>,
  mount: (name: string) => string,
): ResourceCall | null {
  const dot = path.indexOf(".");
  const name = path.slice(0, dot);
  if (dot <= 0 || !Object.hasOwn(registry, name)) return null;
  const given = (typeof input === "object" && input !== null ? input : {}) as Rec;
  const base = mount(encodeURIComponent(name));
  const at = (id: unknown) => `${base}/${encodeURIComponent(String(id))}`;
  return { procedure: path.slice(dot + 1), resource: registry[name] as AnyResource, given, base, at };
}

export function restRequestFor(
  path: string,
  input: unknown,
  registry: Record<string, AnyResource>,
): RestRequest | null {
  const call = resourceCall(path, input, registry, (name) => `/api/v1/${name}`);
  if (!call) return null;
  const { procedure, resource, given, base, at } = call;
  switch (procedure) {
    case "list":
      return { method: "GET", target: `${base}${query(given, LIST_PARAMS)}` };
    case "get":
      return { method: "GET", target: `${at(given.id)}${query(given, ["expand", "withDeleted"])}` };
    case "history":
      return { method: "GET", target: `${at(given.id)}/history${query(given, ["page", "perPage", "withDeleted"])}` };
    case "create":
      return { method: "POST", target: base, body: given };
    case "update":
      return { method: "PATCH", target: at(given.id), body: given.data };
    case "delete":
      return { method: "DELETE", target: at(given.id) };
    case "restore":
      return { method: "POST", target: `${at(given.id)}/restore` };
    case "createMany":
      return { method: "POST", target: `${base}/batch/create`, body: given };
    case "updateMany":
      return { method: "POST", target: `${base}/batch/update`, body: given };
    case "deleteMany":
      return { method: "POST", target: `${base}/batch/delete`, body: given };
  }
  const actions = resource.actionDefinitions as Record<string, { target?: string; bulk?: boolean }>;
  const action = Object.hasOwn(actions, procedure) ? actions[procedure] : undefined;
  if (action) {
    if (action.target === "resource")
      return { method: "POST", target: `${base}/actions/${procedure}`, body: given.input };
    return { method: "POST", target: `${at(given.id)}/actions/${procedure}`, body: given.input };
  }
  const bulk = procedure.endsWith("Many") ? procedure.slice(0, -4) : "";
  if (bulk && Object.hasOwn(actions, bulk) && actions[bulk]?.bulk) {
    return { method: "POST", target: `${base}/actions/${bulk}`, body: given };
  }
  return null;
}
