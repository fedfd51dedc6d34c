/**
 * The paths of a resource's custom actions (docs/actions.md) in the OpenAPI document: a record action at
 * `/<resource>/{id}/actions/<name>`, a resource-wide one at `/<resource>/actions/<name>`, and a bulk action's
 * `<name>Many` there too, with its ids in the body. Only the actions this caller's rule lets them run at all.
 */
import type { AnyAction } from "../actions/define";
import type { ResourceDescriptor } from "../meta";
import type { AnyResource } from "../resource";
import { actionInputRequired, actionInputSchema, actionOutputSchema } from "./action-values";
import { body, operation, type PathItem, responses, WRITE } from "./openapi-operations";
import type { JsonSchema } from "./openapi-values";

export interface ActionPathContext {
  resource: AnyResource;
  meta: ResourceDescriptor;
  /** The path item at this path, made on first use. */
  at: (path: string) => PathItem;
  idParameter: JsonSchema;
  /** The schema of a batch's `ids`. */
  ids: JsonSchema;
}

export function actionPaths({ resource, meta, at, idParameter, ids }: ActionPathContext): void {
  const name = resource.name;
  const base = `/${name}`;
  const one = `${base}/{id}`;
  const op = (procedure: string) => `${name}.${procedure}`;
  const definitions = resource.actionDefinitions as Record<string, AnyAction>;
  for (const action of meta.actions ?? []) {
    const definition = Object.hasOwn(definitions, action.name) ? definitions[action.name] : undefined;
    if (!action.can || !definition) continue;
    const input = actionInputSchema(definition);
    const output = actionOutputSchema(definition);
    const summary = action.label;
    const description = action.help;
    const required = actionInputRequired(definition);
    if (action.target === "resource") {
      at(`${base}/actions/${action.name}`).post = operation(
        op(action.name),
        summary,
        { ...(description ? { description } : {}), requestBody: body(input, required) },
        responses("200", "What the action answers.", output, WRITE),
        name,
      );
      continue;
    }
    const path = `${one}/actions/${action.name}`;
    at(path).post = operation(
      op(action.name),
      summary,
      { ...(description ? { description } : {}), requestBody: body(input, required) },
      responses("200", "What the action answers.", output, [...WRITE, "NotFound"]),
      name,
    );
    at(path).parameters = [idParameter];
    if (action.bulk) {
      at(`${base}/actions/${action.name}`).post = operation(
        op(`${action.name}Many`),
        `${action.label}, on several records (all or none)`,
        {
          requestBody: body({
            type: "object",
            properties: { ids, input },
            required: required ? ["ids", "input"] : ["ids"],
            additionalProperties: false,
          }),
        },
        responses("200", "What the action answers, per record.", { type: "array", items: output }, [
          ...WRITE,
          "NotFound",
        ]),
        name,
      );
    }
  }
}
