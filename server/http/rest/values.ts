/**
 * Between plain JSON and the engine's values, for the REST routes: records out through the resource's own fields
 * (server/core/rest/json-values.ts: instants as ISO text, big integers as digit strings, calendar dates as days),
 * and action inputs in (data, filters and ids are read by json-values.ts itself, in input.ts). What is not a record
 * (an action's result, a history entry, `{ id }`) is made JSON-safe as it is (plainJson).
 */

import type { AnyAction } from "@/server/core/actions/define";
import type { AnyResource } from "@/server/core/resource";
import { decodeActionInput } from "@/server/core/rest/action-values";
import { encodeRecord, plainJson } from "@/server/core/rest/json-values";
import type { RestRoute } from "./route-map";

type Registry = Record<string, AnyResource>;

/** An action's input as its schema reads it (instants and big integers from their JSON text). */
export function decodeAction(resource: AnyResource, action: string, json: unknown, registry: Registry): unknown {
  const definitions = resource.actionDefinitions as Record<string, AnyAction>;
  const definition = Object.hasOwn(definitions, action) ? definitions[action] : undefined;
  return definition ? decodeActionInput(definition, registry, json) : json;
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
