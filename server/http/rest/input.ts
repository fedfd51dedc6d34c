/**
 * The procedure input of a REST request: the id from its path, its query parameters, and its JSON body, in the shape
 * the procedure takes (server/core/inputs.ts), with the values plain JSON cannot carry (instants, big integers)
 * turned back into what the schemas read (server/core/rest/json-values.ts; actions' inputs in values.ts). A body of
 * the wrong shape (a list where an object belongs), or a path id PostgreSQL could not take as text (a NUL), is
 * refused here, naming it; everything else is left to the procedure's schema, so its messages are the API's.
 */
import type { FieldErrors } from "@/server/core/errors";
import type { AnyResource } from "@/server/core/resource";
import { decodeData, decodeFilter, decodeId } from "@/server/core/rest/json-values";
import { inspectInput } from "@/server/core/wire";
import type { RestRoute } from "./route-map";
import { decodeAction } from "./values";

export type RestInput = { ok: true; input: unknown } | { ok: false; fieldErrors: FieldErrors };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function restInput(
  route: RestRoute,
  query: Json,
  body: unknown,
  registry: Record<string, AnyResource>,
): RestInput {
  const resource = registry[route.resource] as AnyResource;
  // The path's id is the caller's text like any body: no NUL or lone surrogate may reach SQL, whatever the key's type.
  const badId = route.id === undefined ? undefined : inspectInput({ id: route.id });
  if (badId) return { ok: false, fieldErrors: badId.toObject() };
  const id = route.id === undefined ? undefined : decodeId(resource, route.id);
  const object = (what: string): RestInput | null =>
    isObject(body) ? null : { ok: false, fieldErrors: { "": [`The body must be a JSON object: ${what}`] } };
  switch (route.operation) {
    case "list": {
      const filter = query.filter === undefined ? {} : { filter: decodeFilter(resource, query.filter) };
      return { ok: true, input: { ...query, ...filter } };
    }
    case "get":
    case "history":
      return { ok: true, input: { id, ...query } };
    case "delete":
    case "restore":
      return { ok: true, input: { id } };
    case "create":
      return object("the new record's fields") ?? { ok: true, input: decodeData(resource, body, "create", registry) };
    case "update":
      return (
        object("the fields to change") ?? {
          ok: true,
          input: { id, data: decodeData(resource, body, "update", registry) },
        }
      );
    case "createMany": {
      const refused = object('{ "items": [...] }');
      if (refused) return refused;
      const { items, ...rest } = body as Json;
      const decoded = Array.isArray(items)
        ? items.map((item) => decodeData(resource, item, "create", registry))
        : items;
      return { ok: true, input: { ...rest, items: decoded } };
    }
    case "updateMany": {
      const refused = object('{ "ids": [...], "data": {...} }');
      if (refused) return refused;
      const { data, ...rest } = body as Json;
      return { ok: true, input: { ...rest, data: decodeData(resource, data, "update", registry) } };
    }
    case "deleteMany":
      return object('{ "ids": [...] }') ?? { ok: true, input: body };
    case "action": {
      const action = route.many ? route.procedure.slice(0, -"Many".length) : route.procedure;
      if (route.many) {
        const refused = object('{ "ids": [...], "input": {...} }');
        if (refused) return refused;
        const { input, ...rest } = body as Json;
        return { ok: true, input: { ...rest, input: decodeAction(resource, action, input, registry) } };
      }
      if (body !== undefined && !isObject(body)) {
        return { ok: false, fieldErrors: { "": ["The body must be a JSON object: the action's input"] } };
      }
      const input = decodeAction(resource, action, body, registry);
      return { ok: true, input: id === undefined ? { input } : { id, input } };
    }
  }
}
