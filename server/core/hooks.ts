/**
 * Resource hooks. before/after hooks run inside the write's transaction with the caller, the old and new values and
 * the transaction handle: a before-hook may change the data it returns or throw (a TRPCError, or a `FieldError`) to
 * refuse, and anything thrown rolls back the write, the other hooks' work and the audit entry.
 *
 * `afterCommit` runs only once the transaction has committed, for side effects (mail, webhooks, jobs). It never runs
 * on rollback, and a failure there is logged, never undoing or hiding the committed write.
 */
import type { InferInsertModel, InferSelectModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Actor, User } from "./actor";
import type { Change } from "./changes";
import type { Transaction } from "./executor";

export interface HookContext {
  tx: Transaction;
  actor: Actor;
  /** `actor.user` for signed-in callers, otherwise null. */
  user: User | null;
}

type Row<T extends PgTable> = InferSelectModel<T>;
type Data<T extends PgTable> = Partial<InferInsertModel<T>>;
type Maybe<V> = V | Promise<V>;

export interface ResourceHooks<T extends PgTable> {
  beforeCreate?: (args: { data: Data<T> } & HookContext) => Maybe<Data<T>>;
  afterCreate?: (args: { record: Row<T> } & HookContext) => Maybe<void>;
  beforeUpdate?: (args: { data: Data<T>; old: Row<T> } & HookContext) => Maybe<Data<T>>;
  afterUpdate?: (args: { record: Row<T>; old: Row<T> } & HookContext) => Maybe<void>;
  /** Also runs before a soft delete. */
  beforeDelete?: (args: { old: Row<T> } & HookContext) => Maybe<void>;
  afterDelete?: (args: { old: Row<T> } & HookContext) => Maybe<void>;
  afterCommit?: (change: Change<Row<T>>) => Maybe<void>;
}
