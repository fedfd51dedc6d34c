/**
 * An action's rule, with CRUD's semantics (access.ts): deny by default (no rule: admins only), `system` callers pass,
 * a refusal is UNAUTHORIZED for anonymous callers and FORBIDDEN otherwise, naming the rule ("posts.publish refused
 * by rule ..."), and a row condition narrows the records the action may run on.
 */
import { type SQL, sql } from "drizzle-orm";
import { adminsOnly, denied, ruleArgs } from "../access";
import type { Actor } from "../actor";
import type { Transaction } from "../executor";
import type { AnyAction, AnyActionRule } from "./define";

export function ruleOf(action: AnyAction): AnyActionRule {
  return action.access ?? adminsOnly;
}

/**
 * The rule's answer for this caller: throws when it refuses outright, else the condition on the records it allows
 * (undefined: all). A resource-wide action has no records for a condition to pick, so one is a refusal there.
 */
export function authorizeAction(resource: string, name: string, action: AnyAction, actor: Actor): SQL | undefined {
  if (actor.kind === "system") return undefined;
  const rule = ruleOf(action);
  const verdict = rule.allow(ruleArgs(actor));
  if (verdict === false) throw denied(resource, name, rule, actor);
  if (verdict === true) return undefined;
  if (action.target === "resource")
    throw denied(resource, name, rule, actor, "it picks records, and this action has none");
  return verdict;
}

/** Whether the rule lets this caller run the action at all, as a condition (false: on no record). */
export function actionCondition(action: AnyAction, actor: Actor): SQL | boolean {
  if (actor.kind === "system") return true;
  const verdict = ruleOf(action).allow(ruleArgs(actor));
  return typeof verdict === "boolean" ? verdict : sql`(${verdict})`;
}

/** Runs the rule's `check` on the locked record (if any) and the input, throwing the rule's refusal when it says no. */
export async function checkAction(
  resource: string,
  name: string,
  action: AnyAction,
  actor: Actor,
  values: { record?: unknown; input: unknown; tx: Transaction },
): Promise<void> {
  if (actor.kind === "system") return;
  const rule = ruleOf(action);
  if (rule.check && !(await rule.check({ ...ruleArgs(actor), ...values }))) throw denied(resource, name, rule, actor);
}
