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
import { logger } from "@/server/core/logging/logger";
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

/** Every operation, once: the keys `access` may have. */
export const ACCESS_OPERATIONS = Object.keys({
  list: true,
  get: true,
  create: true,
  update: true,
  delete: true,
  readDeleted: true,
  restore: true,
  purge: true,
  revert: true,
} satisfies Record<Operation, true>) as Operation[];

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

/** A rule as `rule()` makes it: usable for every operation (and field) whose rules may answer what `allow` answers. */
export interface Rule<Answer extends boolean | SQL = boolean | SQL> {
  name: string;
  allow: (args: RuleArgs) => Answer;
}

/**
 * Names a rule written outside `access`, with its arguments typed there: `rule("published posts", ({ user }) => ...)`.
 * It fits list, get, update, delete, readDeleted, restore, purge and revert; one whose `allow` only answers true or
 * false fits create and field rules too (a row condition cannot guard a row that does not exist yet, so an SQL
 * answer there is a type error where the rule is used). A `check` is added where the operation, and so its
 * values, are known: `update: { ...ownPosts, check: ({ old, next }) => ... }`.
 */
export function rule<Answer extends boolean | SQL>(name: string, allow: (args: RuleArgs) => Answer): Rule<Answer> {
  return { name, allow };
}

/** The rule every operation without one gets. */
export const adminsOnly = rule("admins only (no rule for this operation)", ({ user }) => user?.role === "admin");

/** Rule: anybody, signed in or not. */
export const anyone = rule("anyone", () => true);

/** Rule: any signed-in user. */
export const signedIn = rule("signed-in users", ({ user }) => user !== null);

/**
 * Rule: signed-in users who confirmed their email address (`emailVerifiedAt` set). Use it where `signedIn` would let
 * a throwaway address act, e.g. `create: verified` for posts; the refusal names the rule, so the UI can say why.
 */
export const verified = rule(
  "users with a verified email address",
  ({ user }) => user !== null && user.emailVerifiedAt != null,
);

/** Rule: signed-in users with one of these roles. */
export function hasRole<const R extends User["role"]>(...roles: R[]) {
  return rule(roles.join(" or "), ({ user }) => user !== null && (roles as User["role"][]).includes(user.role));
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
  logger("access").warn(`${message} for ${describeActor(actor)}`);
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
