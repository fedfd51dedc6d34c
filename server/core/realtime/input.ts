/** The `onChange` input schema: `list`'s filter schema (same fields, operators and messages), an id, a resume id. */
import { z } from "zod";
import { filterSchema } from "../filter";
import type { AnyResource } from "../resource";
import { valueSchema } from "../values";

export function liveInputSchema(resource: AnyResource) {
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
