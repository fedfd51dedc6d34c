/**
 * Actions in `meta`: what the admin needs to render their buttons, forms and confirmations, and whether this caller's
 * rule lets them run each at all. Plain data, no functions.
 */
import { ruleArgs } from "../access";
import type { Actor } from "../actor";
import { humanize } from "../fields";
import type { FieldDescriptor } from "../meta";
import type { AnyResource } from "../resource";
import type { ActionConfirm, ActionTarget, AnyAction } from "./define";
import { describeActionInput } from "./input-fields";
import { ruleOf } from "./rule";

export interface ActionDescriptor {
  /** The procedure: `posts.<name>`; a bulk action also has `posts.<name>Many`. */
  name: string;
  label: string;
  help?: string;
  /** "record": runs on one record (`{ id, input }`); "resource": on none (`{ input }`). */
  target: ActionTarget;
  /** Runs on a selection too (`<name>Many({ ids, input })`), all in one transaction. */
  bulk: boolean;
  confirm?: Required<Pick<ActionConfirm, "description" | "destructive">> & Omit<ActionConfirm, "destructive">;
  successMessage: string;
  /** The input's form fields (none: it runs without a form). */
  fields: FieldDescriptor[];
  /** Whether this caller's rule lets them run it at all (on some records, for a rule that picks records). */
  can: boolean;
}

/** "sendPasswordReset" -> "Send password reset": the label of an action whose definition gives none. */
export function actionLabel(name: string, action: AnyAction): string {
  if (action.label) return action.label;
  const words = humanize(name).split(" ");
  return words.map((word, i) => (i === 0 ? word : word.toLowerCase())).join(" ");
}

export function describeActions(
  resource: AnyResource,
  registry: Record<string, AnyResource>,
  actor: Actor,
): ActionDescriptor[] {
  const args = ruleArgs(actor);
  return Object.entries(resource.actionDefinitions as Record<string, AnyAction>).map(([name, action]) => {
    const label = actionLabel(name, action);
    return {
      name,
      label,
      ...(action.help ? { help: action.help } : {}),
      target: action.target,
      bulk: action.bulk,
      ...(action.confirm ? { confirm: { ...action.confirm, destructive: action.confirm.destructive === true } } : {}),
      successMessage: action.successMessage ?? `${label}: done`,
      fields: describeActionInput(action.input, registry),
      can: actor.kind === "system" || ruleOf(action).allow(args) !== false,
    };
  });
}
