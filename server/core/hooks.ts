/**
 * Hooks that run inside a write's transaction. A before-hook may change the data it returns, or throw (a TRPCError,
 * or `fieldError(...)`) to refuse; anything thrown rolls the whole write back.
 */
import type { InferInsertModel, InferSelectModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Actor } from "./actor";
import type { Transaction } from "./executor";

export interface HookContext {
  tx: Transaction;
  actor: Actor;
}

export interface ResourceHooks<T extends PgTable> {
  beforeCreate?: (
    args: { data: Partial<InferInsertModel<T>> } & HookContext,
  ) => Partial<InferInsertModel<T>> | Promise<Partial<InferInsertModel<T>>>;
  beforeUpdate?: (
    args: { data: Partial<InferInsertModel<T>>; old: InferSelectModel<T> } & HookContext,
  ) => Partial<InferInsertModel<T>> | Promise<Partial<InferInsertModel<T>>>;
}
