/**
 * Whether a caller reads a field behind a per-row read rule (fields.ts `access.read`) on every record, on none, or
 * on some, decided without any row: the rule is asked with a row that notes every look at it. A rule that answers
 * without looking at the row answers alike for every row (rules are functions of their arguments), so its answer
 * holds for all of them; one that looks decides per row.
 *
 * The OpenAPI document uses it so that a field no record will ever show this caller (a user's email, to anonymous
 * callers) is not named to them at all, and one every record shows them is required.
 */
import { ruleArgs } from "../access";
import type { Actor } from "../actor";
import type { FieldConfig } from "../fields";
import type { AnyResource } from "../resource";

export type Visibility = "always" | "never" | "perRow";

/** A row that records whether it was looked at, and holds nothing. */
function watchedRow(): { row: object; looked: () => boolean } {
  let looked = false;
  const row = new Proxy(
    {},
    {
      get: () => {
        looked = true;
        return undefined;
      },
      has: () => {
        looked = true;
        return false;
      },
      ownKeys: () => {
        looked = true;
        return [];
      },
      getOwnPropertyDescriptor: () => {
        looked = true;
        return undefined;
      },
    },
  );
  return { row, looked: () => looked };
}

/** How this caller reads field `key` of the resource's records. */
export function fieldVisibility(resource: AnyResource, key: string, actor: Actor): Visibility {
  if (!resource.info.readRuleKeys.includes(key)) return "always";
  // The engine applies no read rule to system callers (field-access.ts).
  if (actor.kind === "system") return "always";
  const rule = ((resource.fields ?? {}) as Record<string, FieldConfig | undefined>)[key]?.access?.read;
  if (!rule) return "always";
  if (rule.everyRow?.(ruleArgs(actor)) === true) return "always";
  const { row, looked } = watchedRow();
  try {
    const answer = rule.allow({ ...ruleArgs(actor), row });
    if (looked()) return "perRow";
    return answer ? "always" : "never";
  } catch {
    // It needed a real row to answer: it decides per row.
    return "perRow";
  }
}
