/**
 * create, update, delete and their batch forms. Each call is one transaction: field write rules, server defaults,
 * before-hooks, the rule's `check`, the write (and later audit) commit together or not at all. Constraint violations
 * come back as field errors, never as a 500.
 */
import { TRPCError } from "@trpc/server";
import { and, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { FieldError } from "../trpc";
import { denied, ruleFor, runCheck } from "./access";
import type { Actor } from "./actor";
import { mapDatabaseError } from "./db-errors";
import type { Transaction } from "./executor";
import { selection, stripUnreadable } from "./expand";
import { applyDefaults, checkFieldWrites } from "./field-access";
import { liveCondition, notFound } from "./read";
import type { AnyResource } from "./resource";

type Rec = Record<string, unknown>;

/**
 * Which existing rows a caller may change: `visible` (the `get` rule: others are NOT_FOUND, so existence does not
 * leak) and `allowed` (the operation's own rule: a visible row outside it is refused by that rule's name).
 */
export interface RowScope {
  visible: SQL | undefined;
  allowed: SQL | undefined;
}

/** Prefixes field-error paths (for batch items: `items.3.title`). */
function prefixed(error: unknown, prefix: string | undefined): unknown {
  if (!prefix || !(error instanceof TRPCError) || !(error.cause instanceof FieldError)) return error;
  const fields = Object.fromEntries(Object.entries(error.cause.fieldErrors).map(([k, v]) => [`${prefix}.${k}`, v]));
  return new TRPCError({ code: error.code, message: error.message, cause: new FieldError(error.message, fields) });
}

async function inTransaction<T>(
  db: Database,
  resource: AnyResource,
  op: "delete" | "write",
  work: (tx: Transaction) => Promise<T>,
) {
  try {
    return await db.transaction(work);
  } catch (error) {
    throw mapDatabaseError(error, resource.table as PgTable, op) ?? error;
  }
}

async function insertOne(tx: Transaction, resource: AnyResource, input: Rec, actor: Actor, prefix?: string) {
  try {
    checkFieldWrites(resource, input, actor, undefined);
    const data = applyDefaults(resource, input, actor);
    const prepared = resource.hooks?.beforeCreate ? await resource.hooks.beforeCreate({ data, tx, actor }) : data;
    await runCheck(resource.access, "create", actor, resource.name, { next: prepared, tx });
    const rows = (await tx
      .insert(resource.table as PgTable)
      .values(prepared)
      .returning(selection(resource))) as Rec[];
    stripUnreadable(resource, rows, actor);
    return rows[0] as Rec;
  } catch (error) {
    throw prefixed(mapDatabaseError(error, resource.table as PgTable, "write") ?? error, prefix);
  }
}

/**
 * Locks the row the caller may see and tells whether the operation's rule covers it, in one query: hooks, the
 * rule's `check` (and the audit) then see exactly the values this write replaces.
 */
async function lockRow(tx: Transaction, resource: AnyResource, id: unknown, scope: RowScope) {
  const table = resource.table as PgTable;
  const idColumn = resource.info.columns[resource.info.idKey] as PgColumn;
  const rows = await tx
    .select({
      row: getTableColumns(table),
      allowed: scope.allowed ? sql<boolean>`(${scope.allowed})` : sql<boolean>`true`,
    })
    .from(table)
    .where(and(eq(idColumn, id), liveCondition(resource), scope.visible))
    .for("update");
  const found = rows[0];
  if (!found) throw notFound(resource, id);
  return { old: found.row as Rec, allowed: found.allowed, idColumn, table };
}

async function updateOne(
  tx: Transaction,
  resource: AnyResource,
  id: unknown,
  data: Rec,
  actor: Actor,
  scope: RowScope,
) {
  const { old, allowed, idColumn, table } = await lockRow(tx, resource, id, scope);
  if (!allowed) throw denied(resource.name, "update", ruleFor(resource.access, "update"), actor);
  checkFieldWrites(resource, data, actor, old);
  let patch = resource.hooks?.beforeUpdate ? await resource.hooks.beforeUpdate({ data, old, tx, actor }) : data;
  await runCheck(resource.access, "update", actor, resource.name, { old, next: { ...old, ...patch }, tx });
  if (resource.info.columns.updatedAt) patch = { ...patch, updatedAt: new Date() };
  const rows = (await tx.update(table).set(patch).where(eq(idColumn, id)).returning(selection(resource))) as Rec[];
  stripUnreadable(resource, rows, actor);
  return rows[0] as Rec;
}

async function deleteOne(tx: Transaction, resource: AnyResource, id: unknown, actor: Actor, scope: RowScope) {
  const { old, allowed, idColumn, table } = await lockRow(tx, resource, id, scope);
  if (!allowed) throw denied(resource.name, "delete", ruleFor(resource.access, "delete"), actor);
  await runCheck(resource.access, "delete", actor, resource.name, { old, tx });
  if (resource.softDelete) {
    await tx
      .update(table)
      .set({ [resource.softDelete]: new Date() })
      .where(eq(idColumn, id));
  } else {
    await tx.delete(table).where(eq(idColumn, id));
  }
  return { id };
}

export const createRecord = (db: Database, resource: AnyResource, data: Rec, actor: Actor) =>
  inTransaction(db, resource, "write", (tx) => insertOne(tx, resource, data, actor));

export const createRecords = (db: Database, resource: AnyResource, items: Rec[], actor: Actor) =>
  inTransaction(db, resource, "write", async (tx) => {
    const out: Rec[] = [];
    // One by one inside the transaction, so a violation names its item (`items.3.slug`) and nothing is kept.
    for (const [i, item] of items.entries()) out.push(await insertOne(tx, resource, item, actor, `items.${i}`));
    return out;
  });

export const updateRecord = (
  db: Database,
  resource: AnyResource,
  id: unknown,
  data: Rec,
  actor: Actor,
  scope: RowScope,
) => inTransaction(db, resource, "write", (tx) => updateOne(tx, resource, id, data, actor, scope));

export const updateRecords = (
  db: Database,
  resource: AnyResource,
  ids: unknown[],
  data: Rec,
  actor: Actor,
  scope: RowScope,
) =>
  inTransaction(db, resource, "write", async (tx) => {
    const out: Rec[] = [];
    for (const id of ids) out.push(await updateOne(tx, resource, id, data, actor, scope));
    return out;
  });

export const deleteRecord = (db: Database, resource: AnyResource, id: unknown, actor: Actor, scope: RowScope) =>
  inTransaction(db, resource, "delete", (tx) => deleteOne(tx, resource, id, actor, scope));

export const deleteRecords = (db: Database, resource: AnyResource, ids: unknown[], actor: Actor, scope: RowScope) =>
  inTransaction(db, resource, "delete", async (tx) => {
    for (const id of ids) await deleteOne(tx, resource, id, actor, scope);
    return { ids };
  });
