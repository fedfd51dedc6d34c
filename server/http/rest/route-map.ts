/**
 * Which procedure a REST request names (docs/rest.md): `/api/v1/<resource>[/<id>[/<sub>...]]` and the method pick one
 * of the resource's tRPC procedures, so REST runs exactly what tRPC runs (rules, hooks, audit, live, limits). Pure:
 * the route handler (handler.ts) calls it before the gate, which counts the request against that procedure's limits.
 *
 *   GET    /posts                      list             POST   /posts                      create
 *   GET    /posts/<id>                 get              PATCH  /posts/<id>                 update
 *   DELETE /posts/<id>                 delete           POST   /posts/<id>/restore         restore
 *   GET    /posts/<id>/history         history          POST   /posts/batch/create         createMany
 *   POST   /posts/batch/update         updateMany       POST   /posts/batch/delete         deleteMany
 *   POST   /posts/<id>/actions/<name>  a record action  POST   /posts/actions/<name>       a resource-wide action
 *
 * `batch` and `actions` after a resource are these words, not ids, for POST; GET, PATCH and DELETE never take them.
 */
import type { AnyResource } from "@/server/core/resource";

export type RestOperation =
  | "list"
  | "get"
  | "create"
  | "update"
  | "delete"
  | "restore"
  | "history"
  | "createMany"
  | "updateMany"
  | "deleteMany"
  | "action";

export interface RestRoute {
  resource: string;
  operation: RestOperation;
  /** The tRPC procedure's name within the resource's router (`list`, `publish`, `publishMany`...). */
  procedure: string;
  /** The record id from the path, as text (the procedure's schema reads it). */
  id?: string;
  /** An action run on many records (`<name>Many`) takes `{ ids, input }` in its body. */
  many?: boolean;
}

export type RestMiss = { status: 404 | 405; message: string; allow?: string };

const BATCH: Record<string, RestOperation> = { create: "createMany", update: "updateMany", delete: "deleteMany" };
/** At most this many characters of a client's path are repeated in a message. */
const ECHO = 60;

function echo(text: string): string {
  return text.length > ECHO ? `${text.slice(0, ECHO)}…` : text;
}

/** Own keys only: `constructor` or `__proto__` in a path is no resource or action. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function restRoute(
  method: string,
  segments: readonly string[],
  registry: Record<string, AnyResource>,
): RestRoute | RestMiss {
  const [name = "", second, third, fourth, ...rest] = segments;
  const resource = own(registry, name);
  if (!resource) return { status: 404, message: `There is no resource named "${echo(name)}".` };
  const notAllowed = (allow: string): RestMiss => ({
    status: 405,
    message: `${method} is not allowed here; use ${allow.split(", ").join(" or ")}.`,
    allow,
  });
  const notFound: RestMiss = { status: 404, message: `There is no such path under /api/v1/${name}.` };
  if (rest.length > 0) return notFound;
  const base = { resource: name };

  if (second === undefined) {
    if (method === "GET") return { ...base, operation: "list", procedure: "list" };
    if (method === "POST") return { ...base, operation: "create", procedure: "create" };
    return notAllowed("GET, POST");
  }
  if (second === "batch" && method === "POST") {
    const operation = third !== undefined && fourth === undefined ? own(BATCH, third) : undefined;
    return operation ? { ...base, operation, procedure: operation } : notFound;
  }
  if (second === "actions" && method === "POST") {
    if (third === undefined || fourth !== undefined) return notFound;
    return actionRoute(resource, name, third, undefined) ?? unknownAction(name, third);
  }
  const id = second;
  if (third === undefined) {
    if (method === "GET") return { ...base, id, operation: "get", procedure: "get" };
    if (method === "PATCH") return { ...base, id, operation: "update", procedure: "update" };
    if (method === "DELETE") return { ...base, id, operation: "delete", procedure: "delete" };
    return notAllowed("GET, PATCH, DELETE");
  }
  if (third === "restore" && fourth === undefined) {
    return method === "POST" ? { ...base, id, operation: "restore", procedure: "restore" } : notAllowed("POST");
  }
  if (third === "history" && fourth === undefined) {
    return method === "GET" ? { ...base, id, operation: "history", procedure: "history" } : notAllowed("GET");
  }
  if (third === "actions" && fourth !== undefined) {
    if (method !== "POST") return notAllowed("POST");
    return actionRoute(resource, name, fourth, id) ?? unknownAction(name, fourth);
  }
  return notFound;
}

interface ActionShape {
  target?: string;
  bulk?: boolean;
}

/**
 * A record action on `/<id>/actions/<name>` (`id` given) or, on `/actions/<name>`, a resource-wide action or a bulk
 * action's `<name>Many` (its ids in the body).
 */
function actionRoute(resource: AnyResource, name: string, action: string, id: string | undefined): RestRoute | null {
  const definitions = resource.actionDefinitions as Record<string, ActionShape>;
  const definition = own(definitions, action);
  if (!definition) return null;
  const resourceWide = definition.target === "resource";
  if (id !== undefined) {
    return resourceWide ? null : { resource: name, operation: "action", procedure: action, id };
  }
  if (resourceWide) return { resource: name, operation: "action", procedure: action };
  return definition.bulk ? { resource: name, operation: "action", procedure: `${action}Many`, many: true } : null;
}

function unknownAction(resource: string, action: string): RestMiss {
  return { status: 404, message: `${resource} has no action "${echo(action)}" here.` };
}
