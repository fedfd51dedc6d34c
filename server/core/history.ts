/**
 * A record's history from the audit trail, as its reader may see it, and the versions `revert` goes back to.
 * History shows only the fields the reader may read of that record (readable fields, then the field read rules,
 * judged against the record as it is now), so it never reveals what `get` would hide.
 */
import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { auditLog } from "@/db/schema";
import type { Actor } from "./actor";
import { auditPage } from "./audit";
import type { Executor } from "./executor";
import { stripUnreadable } from "./expand";
import { type DeletedMode, deletedCondition, type ListResult, notFound } from "./read";
import type { AnyResource } from "./resource";
import { valueKind } from "./values";

type Rec = Record<string, unknown>;

export interface HistoryEntry {
  id: number;
  at: Date;
  operation: (typeof auditLog.$inferSelect)["operation"];
  actor: { kind: (typeof auditLog.$inferSelect)["actorKind"]; id: string | null; name: string };
  before: Rec | null;
  after: Rec | null;
}

/** Keeps the keys of `values` that this reader may read of `current`. */
function visibleValues(resource: AnyResource, values: Rec | null, current: Rec, actor: Actor): Rec | null {
  if (!values) return null;
  // Judge field rules against the record as it is now (whose email is this?), then keep only surviving keys.
  const probe = { ...current, ...values };
  stripUnreadable(resource, [probe], actor);
  return Object.fromEntries(
    Object.keys(values)
      .filter((k) => k in probe)
      .map((k) => [k, values[k]]),
  );
}

export async function recordHistory(
  db: Executor,
  resource: AnyResource,
  id: unknown,
  actor: Actor,
  params: { page: number; perPage: number; visible: SQL | undefined; deleted: DeletedMode },
): Promise<ListResult<HistoryEntry>> {
  const idColumn = resource.info.columns[resource.info.idKey] as PgColumn;
  const [current] = (await db
    .select()
    .from(resource.table as PgTable)
    .where(and(eq(idColumn, id), deletedCondition(resource, params.deleted), params.visible))
    .limit(1)) as Rec[];
  if (!current) throw notFound(resource, id);
  const where = and(eq(auditLog.resource, resource.name), eq(auditLog.recordId, String(id)));
  const { rows, ...paging } = await auditPage(db, where, params.page, params.perPage);
  return {
    items: rows.map((row) => ({
      id: row.id,
      at: row.at,
      operation: row.operation,
      actor: { kind: row.actorKind, id: row.actorId, name: row.actorLabel },
      before: visibleValues(resource, row.before, current, actor),
      after: visibleValues(resource, row.after, current, actor),
    })),
    ...paging,
  };
}

/** Fields a revert may set: what the trail records, less the identity, creation time and deletion state. */
function revertableKeys(resource: AnyResource): string[] {
  const fixed = new Set([resource.info.idKey, "createdAt", "updatedAt", resource.softDelete]);
  return Object.keys(resource.info.columns).filter((k) => !fixed.has(k));
}

/**
 * The values that take `current` back to how it was right after audit entry `entryId`: start from now and undo,
 * newest first, every later change (their `before` values).
 */
export async function versionPatch(db: Executor, resource: AnyResource, current: Rec, entryId: number): Promise<Rec> {
  const recordId = String(current[resource.info.idKey]);
  const ofRecord = and(eq(auditLog.resource, resource.name), eq(auditLog.recordId, recordId));
  const [target] = await db
    .select({ operation: auditLog.operation })
    .from(auditLog)
    .where(and(ofRecord, eq(auditLog.id, entryId)));
  if (!target || target.operation === "purge") throw notFound(resource, `${recordId} version ${entryId}`);
  const later = await db
    .select({ operation: auditLog.operation, before: auditLog.before })
    .from(auditLog)
    .where(and(ofRecord, gt(auditLog.id, entryId)))
    .orderBy(asc(auditLog.id));
  const state: Rec = {};
  for (const entry of later.reverse()) {
    if ((entry.operation === "update" || entry.operation === "revert") && entry.before)
      Object.assign(state, entry.before);
  }
  const patch: Rec = {};
  for (const key of revertableKeys(resource)) {
    if (!(key in state)) continue;
    const column = resource.info.columns[key] as PgColumn;
    const raw = state[key];
    const value = valueKind(column) === "date" && typeof raw === "string" ? new Date(raw) : raw;
    patch[key] = value;
  }
  return patch;
}
