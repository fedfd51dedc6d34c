/**
 * Custom actions (decision 019, docs/actions.md): typed procedures declared on a resource, next to its CRUD.
 *
 *   actions: (action) => ({
 *     publish: action({ record: true, bulk: true, access: drafts, run: ({ update }) => update({ status: "published" }) }),
 *   })
 *
 * `actions` is a function of the `action` builder, not an object of `action()` calls: the builder is typed for this
 * resource's table, so `run` gets its record typed, which TypeScript cannot do for a generic function called inside
 * the very call that infers the table (its row type would be inferred as `{ [x: string]: never }`).
 */
import type { InferInsertModel, InferSelectModel, SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { RuleArgs } from "../access";
import type { Actor, User } from "../actor";
import type { Transaction } from "../executor";
import type { JobDefinition } from "../jobs/define";
import type { EnqueueOptions } from "../jobs/enqueue";

type Row<T extends PgTable> = InferSelectModel<T>;
type Maybe<V> = V | Promise<V>;

/** What an action takes: an object of fields, one form field each in the admin (see input-fields.ts). */
export type ActionInput = z.ZodObject<z.ZodRawShape, z.core.$ZodObjectConfig>;
/** The input of an action that takes none: an empty object, and nothing else. */
export type NoInput = z.ZodObject<Record<never, never>, z.core.$strict>;

/** What `run` gets as its input: the schema's output; `{}` for an object of no fields (zod types it as any keys). */
export type InputValue<I extends ActionInput> = keyof I["shape"] extends never ? Record<never, never> : z.output<I>;
/** What a caller sends as the input. */
export type InputArgument<I extends ActionInput> = keyof I["shape"] extends never ? Record<never, never> : z.input<I>;

/** The dialog the admin shows before running an action. */
export interface ActionConfirm {
  /** Default: "<Label> “<record title>”?". */
  title?: string;
  description: string;
  /** Default: the action's label. */
  confirmLabel?: string;
  /** A red button, for what is hard to undo. */
  destructive?: boolean;
}

/**
 * Who may run a record action, and on which records: `allow` answers true, false or an SQL condition (the records
 * it may run on), as an update rule does; `check` looks at the locked record and the input inside the transaction.
 */
export interface RecordActionRule<T extends PgTable, I> {
  name: string;
  allow: (args: RuleArgs) => boolean | SQL;
  check?: (args: RuleArgs & { record: Row<T>; input: I; tx: Transaction }) => Maybe<boolean>;
}

/** Who may run an action on no record (a resource-wide one): there is no row for a condition to pick. */
export interface ResourceActionRule<I> {
  name: string;
  allow: (args: RuleArgs) => boolean;
  check?: (args: RuleArgs & { input: I; tx: Transaction }) => Maybe<boolean>;
}

/** `enqueue` bound to the action's transaction: the job exists if and only if the action commits. */
export type ActionEnqueue = <J extends z.ZodType>(
  job: JobDefinition<J>,
  input: z.input<J>,
  options?: Omit<EnqueueOptions, "tx">,
) => Promise<string | null>;

/** What every `run` is given. */
export interface ActionContext<I> {
  /** The input, parsed by the action's schema. */
  input: I;
  /** The action's transaction: everything it writes commits or rolls back with it (and with the audit entry). */
  tx: Transaction;
  actor: Actor;
  /** `actor.user` for signed-in callers, otherwise null. */
  user: User | null;
  enqueue: ActionEnqueue;
}

/** What `run` of a record action is given besides: the record, and the engine's writes of it. */
export interface RecordActionContext<T extends PgTable, R, I> extends ActionContext<I> {
  /** The stored row, locked for the transaction (every column, hidden ones too: return `update`'s result instead). */
  record: Row<T>;
  /**
   * Changes the record through the engine's update path (hooks, audit entry, live event), in the action's
   * transaction and with its authority: the resource's update rule and field write rules are not asked again. Returns
   * the record as the caller may read it.
   */
  update: (patch: Partial<InferInsertModel<T>>) => Promise<R>;
  /** Deletes the record through the engine's delete path (to the bin when the resource has one), likewise. */
  delete: () => Promise<void>;
}

interface ActionCommon<I extends ActionInput> {
  /** The button's text. Default: the name made readable ("sendPasswordReset" -> "Send password reset"). */
  label?: string;
  /** One sentence on what it does, shown in its dialog. */
  help?: string;
  /** A zod object; its fields become the form the admin shows (title, description and widget from `.meta()`). */
  input?: I;
  /** Ask first: a sentence (the dialog's description), or the dialog's words. */
  confirm?: string | ActionConfirm;
  /** What the admin says once it ran. Default: "<Label>: done". */
  successMessage?: string;
  /** Keep the input in the audit entry (default true); false for inputs that must not be kept. */
  auditInput?: boolean;
}

export interface RecordActionConfig<T extends PgTable, R, I extends ActionInput, O, B extends boolean>
  extends ActionCommon<I> {
  /** Runs on one record, found like `get` finds it (a record the caller cannot see is NOT_FOUND). */
  record: true;
  /** Also `<name>Many({ ids, input })`, and a button on the admin table's selection: all records or none. */
  bulk?: B;
  /** Who may run it, and on which records. Default: admins only. */
  access?: RecordActionRule<T, InputValue<I>>;
  run: (context: RecordActionContext<T, R, InputValue<I>>) => Maybe<O>;
  /** The output's schema: when given, what `run` returns is parsed by it (an object schema drops other keys). */
  output?: z.ZodType<O>;
}

export interface ResourceActionConfig<I extends ActionInput, O> extends ActionCommon<I> {
  record?: false;
  access?: ResourceActionRule<InputValue<I>>;
  run: (context: ActionContext<InputValue<I>>) => Maybe<O>;
  output?: z.ZodType<O>;
}

export type ActionTarget = "record" | "resource";

/** The loose view of any `run`, as the engine calls it (the typed one was checked where it was written). */
export type ActionRun = (context: RecordActionContext<PgTable, unknown, unknown>) => unknown;

/** The loose view of any action rule. */
export interface AnyActionRule {
  name: string;
  allow: (args: RuleArgs) => boolean | SQL;
  check?: (args: RuleArgs & { record?: unknown; input: unknown; tx: Transaction }) => Maybe<boolean>;
}

/**
 * An action as the engine keeps it. The type parameters carry what the router's types need: where it runs, its
 * input schema, what it returns, and whether it has a batch form.
 */
export interface ActionDefinition<
  K extends ActionTarget = ActionTarget,
  I extends ActionInput = ActionInput,
  O = unknown,
  B extends boolean = boolean,
> {
  target: K;
  bulk: B;
  input: I;
  label?: string;
  help?: string;
  confirm?: ActionConfirm;
  successMessage?: string;
  auditInput: boolean;
  /** Undefined: admins only. */
  access?: AnyActionRule;
  run: ActionRun;
  output?: z.ZodType;
  /** Types only: what `run` resolves to. */
  readonly __output?: O;
}

export type AnyAction = ActionDefinition;
export type ActionMap = Record<string, AnyAction>;

/**
 * The builder `actions` is given: `action({ record: true, ... })` or `action({ ... })` for a resource-wide one. The
 * result's types come from the config alone (NoInfer): the map `actions` returns must not feed them back, or an
 * action without `input` would take the widest input type instead of none.
 */
export interface ActionBuilder<T extends PgTable, R> {
  <I extends ActionInput = NoInput, O = void, const B extends boolean = false>(
    config: RecordActionConfig<T, R, I, O, B>,
  ): ActionDefinition<"record", NoInfer<I>, NoInfer<O>, NoInfer<B>>;
  <I extends ActionInput = NoInput, O = void>(
    config: ResourceActionConfig<I, O>,
  ): ActionDefinition<"resource", NoInfer<I>, NoInfer<O>, false>;
}

type AnyConfig =
  | RecordActionConfig<PgTable, unknown, ActionInput, unknown, boolean>
  | ResourceActionConfig<ActionInput, unknown>;

function confirmOf(confirm: string | ActionConfirm | undefined): ActionConfirm | undefined {
  return typeof confirm === "string" ? { description: confirm } : confirm;
}

/** The builder as the engine calls it, whatever the resource. */
export type AnyActionBuilder = (config: AnyConfig) => AnyAction;

/** The builder itself: plain data out of the config, with its defaults. */
export const buildAction: AnyActionBuilder = (config) => {
  return {
    target: config.record === true ? "record" : "resource",
    bulk: config.record === true && config.bulk === true,
    input: config.input ?? z.strictObject({}),
    ...(config.label !== undefined ? { label: config.label } : {}),
    ...(config.help !== undefined ? { help: config.help } : {}),
    ...(config.confirm !== undefined ? { confirm: confirmOf(config.confirm) } : {}),
    ...(config.successMessage !== undefined ? { successMessage: config.successMessage } : {}),
    auditInput: config.auditInput !== false,
    ...(config.access ? { access: config.access as AnyActionRule } : {}),
    // The one cast: `run` was checked against this resource's record type where it was written.
    run: config.run as ActionRun,
    ...(config.output ? { output: config.output } : {}),
  };
};

type Flag<F, K, Test> = K extends keyof F ? (F[K] extends Test ? true : false) : false;
type Unread<F, K> = Flag<F, K, { hidden: true }> extends true ? true : Flag<F, K, { readable: false }>;
type Keys<T extends PgTable> = keyof Row<T> & string;

/**
 * A record as its reader gets it, without relations (what `update` in an action returns): readable columns, those
 * behind a read rule optional. The same shape as `ReadRecord` of the resource, computed from the table and fields.
 */
export type ActionRecord<T extends PgTable, F> = [F] extends [never] ? Row<T> : ReadableRow<T, F>;

type ReadableRow<T extends PgTable, F> = {
  [K in Keys<T> as Unread<F, K> extends true
    ? never
    : Flag<F, K, { access: { read: object } }> extends true
      ? never
      : K]: Row<T>[K];
} & {
  [K in Keys<T> as Unread<F, K> extends true
    ? never
    : Flag<F, K, { access: { read: object } }> extends true
      ? K
      : never]?: Row<T>[K];
};
