/**
 * Resource hooks. before/after hooks run inside the write's transaction with the caller, the old and new values and
 * the transaction handle: a before-hook may change the data it returns or throw (a TRPCError, or a `FieldError`) to
 * refuse, and anything thrown rolls back the write, the other hooks' work and the audit entry.
 *
 * `shapeCreate` runs before a create too, but is given `db` to read instead of a transaction: a create whose only hook
 * it is still goes as one statement on the pool, with no BEGIN or COMMIT (docs/decisions/032-hooks-that-only-read.md).
 *
 * `afterCommit` runs only once the transaction has committed, for side effects (mail, webhooks, jobs). It never runs
 * on rollback, and a failure there is logged, never undoing or hiding the committed write.
 */
import type { InferInsertModel, InferSelectModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Actor, User } from "./actor";
import type { Change } from "./changes";
import type { Reader, Transaction } from "./executor";

export interface HookContext {
  tx: Transaction;
  actor: Actor;
  /** `actor.user` for signed-in callers, otherwise null. */
  user: User | null;
}

/** What `shapeCreate` is given instead of a transaction: reads only. */
export interface ReadContext {
  db: Reader;
  actor: Actor;
  user: User | null;
}

type Row<T extends PgTable> = InferSelectModel<T>;
type Data<T extends PgTable> = Partial<InferInsertModel<T>>;
type Maybe<V> = V | Promise<V>;

export interface ResourceHooks<T extends PgTable> {
  /**
   * Before a create, reading what it needs (never writing): returns the data to store, or throws to refuse. Runs
   * before `beforeCreate` when both are declared, and inside the write's transaction when the create has one anyway
   * (links, files, another hook); otherwise on the pool, so the create stays one statement.
   */
  shapeCreate?: (args: { data: Data<T> } & ReadContext) => Maybe<Data<T>>;
  beforeCreate?: (args: { data: Data<T> } & HookContext) => Maybe<Data<T>>;
  afterCreate?: (args: { record: Row<T> } & HookContext) => Maybe<void>;
  beforeUpdate?: (args: { data: Data<T>; old: Row<T> } & HookContext) => Maybe<Data<T>>;
  afterUpdate?: (args: { record: Row<T>; old: Row<T> } & HookContext) => Maybe<void>;
  /** Also runs before a soft delete. */
  beforeDelete?: (args: { old: Row<T> } & HookContext) => Maybe<void>;
  afterDelete?: (args: { old: Row<T> } & HookContext) => Maybe<void>;
  afterCommit?: (change: Change<Row<T>>) => Maybe<void>;
}
