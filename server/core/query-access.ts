/**
 * Filtering or sorting by a field with a per-row read rule would reveal, row by row, what the rule hides; a field whose
 * rule names who reads it on every row (`access.read.everyRow`, e.g. admins) may be filtered and sorted by them only.
 * Checked on every path a filter or sort reaches (list, onChange), before any SQL.
 */
import { TRPCError } from "@trpc/server";
import { ruleArgs } from "./access";
import type { Actor } from "./actor";
import { FieldError } from "./errors";
import type { FieldConfig } from "./fields";
import type { FilterNode } from "./filter";
import type { AnyResource } from "./resource";

function filterKeys(node: FilterNode | undefined, into: Set<string>): Set<string> {
  if (!node) return into;
  for (const [key, value] of Object.entries(node)) {
    if (key === "and" || key === "or") for (const child of (value as FilterNode[]) ?? []) filterKeys(child, into);
    else if (key === "not") filterKeys(value as FilterNode, into);
    else into.add(key);
  }
  return into;
}

/** Whether this actor may filter and sort by a read-restricted field. */
export function mayQueryField(resource: AnyResource, key: string, actor: Actor): boolean {
  if (!resource.info.readRuleKeys.includes(key)) return true;
  if (actor.kind === "system") return true;
  const read = ((resource.fields ?? {}) as Record<string, FieldConfig | undefined>)[key]?.access?.read;
  return read?.everyRow?.(ruleArgs(actor)) === true;
}

export function assertQueryableFields(
  resource: AnyResource,
  actor: Actor,
  params: { filter?: FilterNode; sort?: readonly string[] },
): void {
  const configs = (resource.fields ?? {}) as Record<string, FieldConfig | undefined>;
  const refused: Record<string, string[]> = {};
  for (const key of filterKeys(params.filter, new Set())) {
    if (!mayQueryField(resource, key, actor)) {
      refused[`filter.${key}`] = [`You cannot filter by ${configs[key]?.label ?? key}`];
    }
  }
  for (const entry of params.sort ?? []) {
    const key = entry.replace(/^-/, "");
    if (!mayQueryField(resource, key, actor)) refused.sort = [`You cannot sort by ${configs[key]?.label ?? key}`];
  }
  const first = Object.values(refused)[0]?.[0];
  if (first) throw new TRPCError({ code: "BAD_REQUEST", message: first, cause: new FieldError(first, refused) });
}
