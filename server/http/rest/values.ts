/**
 * Between plain JSON and the engine's values, for the REST routes: records out through the resource's own fields
 * (server/core/rest/json-values.ts: instants as ISO text, big integers as digit strings, calendar dates as days),
 * data, filters and action inputs in the other way. What is not a record (an action's result, a history entry,
 * `{ id }`) is made JSON-safe as it is (plainJson).
 */

import type { AnyAction } from "@/server/core/actions/define";
import type { AnyResource } from "@/server/core/resource";
import { decodeActionInput } from "@/server/core/rest/action-values";
import {
  decodeData as decodeFields,
  decodeFilter as decodeFilterTree,
  decodeId as decodeIdText,
  encodeRecord,
  plainJson,
} from "@/server/core/rest/json-values";
import type { RestRoute } from "./route-map";

type Registry = Record<string, AnyResource>;

export function decodeData(resource: AnyResource, json: unknown, mode: "create" | "update", registry: Registry) {
  return decodeFields(resource, json, mode, registry);
}

export function decodeFilter(resource: AnyResource, json: unknown) {
  return decodeFilterTree(resource, json);
}

/** An action's input as its schema reads it (instants and big integers from their JSON text). */
export function decodeAction(resource: AnyResource, action: string, json: unknown, registry: Registry): unknown {
  const definitions = resource.actionDefinitions as Record<string, AnyAction>;
  const definition = Object.hasOwn(definitions, action) ? definitions[action] : undefined;
  return definition ? decodeActionInput(definition, registry, json) : json;
}

/** The id in a path as its field's value (a number for integer keys); the procedure's schema judges it. */
export function decodeId(resource: AnyResource, text: string | undefined): unknown {
  return text === undefined ? undefined : decodeIdText(resource, text);
}

export function encodeOutput(route: RestRoute, result: unknown, registry: Registry): unknown {
  const resource = registry[route.resource] as AnyResource;
  const record = (item: unknown) => encodeRecord(resource, registry, item);
  switch (route.operation) {
    case "list": {
      const page = result as { items: unknown[] };
      return { ...page, items: page.items.map(record) };
    }
    case "get":
    case "create":
    case "update":
    case "restore":
      return record(result);
    case "createMany":
    case "updateMany":
      return (result as unknown[]).map(record);
    default:
      return plainJson(result);
  }
}
