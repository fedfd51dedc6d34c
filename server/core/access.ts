/**
 * Who may run an operation, and on which rows. A rule returns true (allowed), false (denied) or an SQL condition
 * that is AND-ed into the query, so a list shows what the caller may see instead of failing.
 *
 * Deny by default: an operation without a rule is open only to server-side `system` callers until sign-in and
 * roles exist (then: to admins). `system` callers (seed, jobs, tests of the engine) pass every rule.
 */
import { TRPCError } from "@trpc/server";
import type { SQL } from "drizzle-orm";
import type { Actor } from "../trpc";

export type Operation = "list" | "get" | "create" | "update" | "delete";

export type AccessRule = (args: { actor: Actor }) => boolean | SQL;

export type AccessRules = Partial<Record<Operation, AccessRule>>;

/** Evaluates the rule for `op`: throws when denied, returns a row condition (or undefined) when allowed. */
export function checkAccess(rules: AccessRules | undefined, op: Operation, actor: Actor, resource: string) {
  if (actor.kind === "system") return undefined;
  const rule = rules?.[op];
  const verdict = rule ? rule({ actor }) : false;
  if (verdict === false) {
    throw new TRPCError({
      code: actor.kind === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN",
      message: rule ? `${resource}.${op} is not allowed` : `${resource}.${op} has no access rule (denied by default)`,
    });
  }
  return verdict === true ? undefined : verdict;
}

/** Rule: anybody, signed in or not. */
export const anyone: AccessRule = () => true;
