/**
 * Field options that do not fit the column's type, refused when the router is built (at start) with the resource
 * and the key named, instead of a 500 on the first request that uses them.
 */
import type { FieldConfig } from "./fields";
import type { AnyResource } from "./resource";
import { columnFacts } from "./values";

export function checkFieldTypes(resource: AnyResource): void {
  const { info, name } = resource;
  const fields = (resource.fields ?? {}) as Record<string, FieldConfig | undefined>;
  const fail = (key: string, why: string) => {
    throw new Error(`resource "${name}": fields.${key} ${why}`);
  };
  for (const [key, column] of Object.entries(info.columns)) {
    const facts = columnFacts(column);
    const config = fields[key];
    if (info.sortKeys.includes(key) && (facts.kind === "array" || facts.kind === "json")) {
      fail(key, `is ${facts.kind === "array" ? "an array" : "JSON"}, which has no order: it cannot be sortable`);
    }
    if (info.searchKeys.includes(key) && facts.kind !== "text") {
      fail(key, `is ${facts.kind}, not text: only text fields can be searchable`);
    }
    for (const option of Object.keys(config?.tones ?? {})) {
      if (!facts.options) fail(key, "has tones, but it is not an enum");
      if (!facts.options?.includes(option)) fail(key, `has a tone for "${option}", which is not one of its values`);
    }
  }
}
