/** The `onChange` input schema: `list`'s filter schema (same fields, operators and messages), an id, a resume id. */
import { z } from "zod";
import { filterSchema } from "../filter";
import type { AnyResource } from "../resource";
import { valueSchema } from "../values";

function buildLiveInputSchema(resource: AnyResource) {
  const id = valueSchema(resource.info.columns[resource.info.idKey] as never);
  return z
    .object({
      filter: filterSchema(resource).optional(),
      id: id.optional(),
      // tRPC adds it on reconnect (from the Last-Event-ID of the stream); ids are decimal, anything else is ignored.
      lastEventId: z.string().max(40).nullish(),
    })
    .strict()
    .default({});
}

const built = new WeakMap<AnyResource, ReturnType<typeof buildLiveInputSchema>>();

/** One schema per resource, shared by the tRPC procedure and the direct SSE writer (server/live-stream.ts). */
export function liveInputSchema(resource: AnyResource) {
  let schema = built.get(resource);
  if (!schema) {
    schema = buildLiveInputSchema(resource);
    built.set(resource, schema);
  }
  return schema;
}
