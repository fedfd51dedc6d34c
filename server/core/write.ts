/**
 * create, update, delete and their batch forms. Each call is one transaction: before-hooks, the write, and (later)
 * audit all commit together or not at all. Constraint violations come back as field errors, never as a 500.
 */
import { TRPCError } from "@trpc/server";
import { and, eq, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { type Actor, FieldError } from "../trpc";
import { mapDatabaseError } from "./db-errors";
import type { Transaction } from "./executor";
import { selection, stripUnreadable } from "./expand";
import { liveCondition, notFound } from "./read";
import type { AnyResource } from "./resource";

type Rec = Record<string, unknown>;

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

async function insertOne(
  tx: Transaction,
  resource: AnyResource,
  data: Rec,
  actor: Actor,
  prefix?: string,
): Promise<Rec> {
  try {
    const prepared = resource.hooks?.beforeCreate ? await resource.hooks.beforeCreate({ data, tx, actor }) : data;
    const rows = (await tx
      .insert(resource.table as PgTable)
      .values(prepared)
      .returning(selection(resource))) as Rec[];
    stripUnreadable(resource, rows);
    return rows[0] as Rec;
  } catch (error) {
    throw prefixed(mapDatabaseError(error, resource.table as PgTable, "write") ?? error, prefix);
  }
}

async function updateOne(
  tx: Transaction,
  resource: AnyResource,
  id: unknown,
  data: Rec,
  actor: Actor,
  rowFilter: SQL | undefined,
) {
  const table = resource.table as PgTable;
  const idColumn = resource.info.columns[resource.info.idKey] as PgColumn;
  const where = and(eq(idColumn, id), liveCondition(resource), rowFilter);
  // Lock the row: hooks (and the audit) see the exact values this update replaces.
  const old = (await tx.select().from(table).where(where).for("update"))[0] as Rec | undefined;
  if (!old) throw notFound(resource, id);
  let patch = resource.hooks?.beforeUpdate ? await resource.hooks.beforeUpdate({ data, old, tx, actor }) : data;
  if (resource.info.columns.updatedAt) patch = { ...patch, updatedAt: new Date() };
  const rows = (await tx.update(table).set(patch).where(eq(idColumn, id)).returning(selection(resource))) as Rec[];
  stripUnreadable(resource, rows);
  return rows[0] as Rec;
}

async function deleteOne(tx: Transaction, resource: AnyResource, id: unknown, rowFilter: SQL | undefined) {
  const table = resource.table as PgTable;
  const idColumn = resource.info.columns[resource.info.idKey] as PgColumn;
  const where = and(eq(idColumn, id), liveCondition(resource), rowFilter);
  const rows = resource.softDelete
    ? await tx
        .update(table)
        .set({ [resource.softDelete]: new Date() })
        .where(where)
        .returning({ id: idColumn })
    : await tx.delete(table).where(where).returning({ id: idColumn });
  if (rows.length === 0) throw notFound(resource, id);
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
  rowFilter: SQL | undefined,
) => inTransaction(db, resource, "write", (tx) => updateOne(tx, resource, id, data, actor, rowFilter));

export const updateRecords = (
  db: Database,
  resource: AnyResource,
  ids: unknown[],
  data: Rec,
  actor: Actor,
  rowFilter: SQL | undefined,
) =>
  inTransaction(db, resource, "write", async (tx) => {
    const out: Rec[] = [];
    for (const id of ids) out.push(await updateOne(tx, resource, id, data, actor, rowFilter));
    return out;
  });

export const deleteRecord = (db: Database, resource: AnyResource, id: unknown, rowFilter: SQL | undefined) =>
  inTransaction(db, resource, "delete", (tx) => deleteOne(tx, resource, id, rowFilter));

export const deleteRecords = (db: Database, resource: AnyResource, ids: unknown[], rowFilter: SQL | undefined) =>
  inTransaction(db, resource, "delete", async (tx) => {
    for (const id of ids) await deleteOne(tx, resource, id, rowFilter);
    return { ids };
  });
