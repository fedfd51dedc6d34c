/**
 * Who may run an operation, and on which rows. Every rule has a name (shown to a refused caller and logged with the
 * actor) and an `allow` that returns true, false, or an SQL condition AND-ed into the query, so a list shows what
 * the caller may see instead of failing. Write rules may also `check` the stored row against the new values.
 *
 * Deny by default: an operation without a rule is open to admins only. `system` callers (seed, jobs, engine tests)
 * pass every rule; nobody is `system` over HTTP.
 */
import { TRPCError } from "@trpc/server";
import { type InferInsertModel, type InferSelectModel, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { type Actor, describeActor, type User, userOf } from "./actor";
import type { Transaction } from "./executor";

export type Operation =
  | "list"
  | "get"
  | "create"
  | "update"
  | "delete"
  /** Soft-deleted rows: seeing them (list/get with `deleted`), bringing them back, removing them for good. */
  | "readDeleted"
  | "restore"
  | "purge"
  /** Setting a record back to an earlier version from its history. */
  | "revert";

/** What every rule is given. `user` is `actor.user` for signed-in callers, otherwise null. */
export interface RuleArgs {
  actor: Actor;
  user: User | null;
}

export interface ReadRule {
  /** A short phrase naming whom the rule lets through, e.g. "published posts, own drafts, editors". */
  name: string;
  allow: (args: RuleArgs) => boolean | SQL;
}

export interface CreateRule<T extends PgTable = PgTable> {
  name: string;
  allow: (args: RuleArgs) => boolean;
  /** Runs on the values about to be inserted (after defaults and hooks), inside the transaction. */
  check?: (args: RuleArgs & { next: Partial<InferInsertModel<T>>; tx: Transaction }) => boolean | Promise<boolean>;
}

export interface UpdateRule<T extends PgTable = PgTable> {
  name: string;
  /** Which rows may be updated; rows the caller cannot `get` are NOT_FOUND before this rule is asked. */
  allow: (args: RuleArgs) => boolean | SQL;
  /** Compares the locked stored row with the row as it will be after the update. */
  check?: (
    args: RuleArgs & { old: InferSelectModel<T>; next: InferSelectModel<T>; tx: Transaction },
  ) => boolean | Promise<boolean>;
}

export interface DeleteRule<T extends PgTable = PgTable> {
  name: string;
  allow: (args: RuleArgs) => boolean | SQL;
  check?: (args: RuleArgs & { old: InferSelectModel<T>; tx: Transaction }) => boolean | Promise<boolean>;
}

export interface AccessRules<T extends PgTable = PgTable> {
  list?: ReadRule;
  get?: ReadRule;
  create?: CreateRule<T>;
  update?: UpdateRule<T>;
  delete?: DeleteRule<T>;
  /** Who may ask list and get for soft-deleted rows (on top of the list/get rule). */
  readDeleted?: ReadRule;
  restore?: DeleteRule<T>;
  purge?: DeleteRule<T>;
  revert?: UpdateRule<T>;
}

/** The rule every operation without one gets. */
export const adminsOnly = {
  name: "admins only (no rule for this operation)",
  allow: ({ user }: RuleArgs) => user?.role === "admin",
} satisfies ReadRule;

/** Rule: anybody, signed in or not. */
export const anyone = { name: "anyone", allow: () => true } satisfies ReadRule;

/** Rule: any signed-in user. */
export const signedIn = { name: "signed-in users", allow: ({ user }: RuleArgs) => user !== null } satisfies ReadRule;

/** Rule: signed-in users with one of these roles. */
export function hasRole<const R extends User["role"]>(...roles: R[]) {
  return {
    name: roles.join(" or "),
    allow: ({ user }: RuleArgs) => user !== null && (roles as User["role"][]).includes(user.role),
  } satisfies ReadRule;
}

/** A `defaultValue` for owner fields: the signed-in caller's id (so the client cannot name someone else). */
export const callerId = ({ user }: RuleArgs) => user?.id;

/** A loose view of any rule, for code that only reads `name`, `allow` and `check`. */
export interface AnyRule {
  name: string;
  allow: (args: RuleArgs) => boolean | SQL;
  // biome-ignore lint/suspicious/noExplicitAny: the checked values differ per operation and table; callers pass the right ones.
  check?: (args: any) => boolean | Promise<boolean>;
}

export function ruleFor(rules: AccessRules | undefined, op: Operation): AnyRule {
  return (rules?.[op] as AnyRule | undefined) ?? adminsOnly;
}

export function ruleArgs(actor: Actor): RuleArgs {
  return { actor, user: userOf(actor) };
}

/** The error a refused caller gets: which rule refused, nothing about the data. Logged with the actor. */
export function denied(resource: string, op: string, rule: { name: string }, actor: Actor, detail?: string) {
  const message = `${resource}.${op} refused by rule "${rule.name}"${detail ? ` (${detail})` : ""}`;
  console.warn(`[access] ${message} for ${describeActor(actor)}`);
  return new TRPCError({
    code: actor.kind === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN",
    message: actor.kind === "anonymous" ? `${message}: sign in first` : message,
  });
}

/** Evaluates the rule for `op`: throws when it refuses outright, returns a row condition (or undefined) otherwise. */
export function authorize(rules: AccessRules | undefined, op: Operation, actor: Actor, resource: string) {
  if (actor.kind === "system") return undefined;
  const rule = ruleFor(rules, op);
  const verdict = rule.allow(ruleArgs(actor));
  if (verdict === false) throw denied(resource, op, rule, actor);
  return verdict === true ? undefined : verdict;
}

/** Runs a write rule's `check`, throwing the rule's denial when it answers false. */
export async function runCheck(
  rules: AccessRules | undefined,
  op: "create" | "update" | "delete" | "restore" | "purge" | "revert",
  actor: Actor,
  resource: string,
  values: { old?: unknown; next?: unknown; tx: Transaction },
) {
  if (actor.kind === "system") return;
  const rule = ruleFor(rules, op);
  if (rule.check && !(await rule.check({ ...ruleArgs(actor), ...values }))) {
    throw denied(resource, op, rule, actor);
  }
}

/**
 * The rows an operation's rule lets this actor touch, as a condition and never an error: `false` becomes a
 * condition no row meets. Used for what the caller may see (`get` before an update, `list` through `expand`),
 * where a refusal must look like absence so that existence does not leak.
 */
export function rowCondition(rules: AccessRules | undefined, op: Operation, actor: Actor): SQL | undefined {
  if (actor.kind === "system") return undefined;
  const verdict = ruleFor(rules, op).allow(ruleArgs(actor));
  if (verdict === true) return undefined;
  return verdict === false ? sql`false` : verdict;
}
