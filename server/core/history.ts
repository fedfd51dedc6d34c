/**
 * A record's history from the audit trail, as its reader may see it, and the versions `revert` goes back to.
 * History shows only the fields the reader may read of that record (readable fields, then the field read rules,
 * judged against the record as it is now), so it never reveals what `get` would hide. Link lists (a post's tags) and
 * foreign keys come with the titles of the records they name, as the reader may see them (history-titles.ts); a
 * linked record the reader may not see is named by an opaque key, as `get` with `expand` would leave it out.
 */
import { TRPCError } from "@trpc/server";
import { and, asc, eq, gt, gte, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { auditLog } from "@/db/schema";
import type { Actor } from "./actor";
import { auditPage } from "./audit";
import { FieldError } from "./errors";
import type { Executor } from "./executor";
import { type Registry, stripUnreadable } from "./expand";
import { type Refs, referenceFields, referencesOf, resolveTitles, type Titles, wantReferences } from "./history-titles";
import { type DeletedMode, deletedCondition, type ListResult, notFound } from "./read";
import type { AnyResource } from "./resource";

type Rec = Record<string, unknown>;

export interface HistoryEntry {
  id: number;
  at: Date;
  operation: (typeof auditLog.$inferSelect)["operation"];
  actor: { kind: (typeof auditLog.$inferSelect)["actorKind"]; id: string | null; name: string };
  before: Rec | null;
  after: Rec | null;
  /** Titles of the records `before` and `after` name (foreign keys, link lists), by field then id. */
  refs: Refs;
}

/** What an id the reader may not see is replaced by in a link list: stable within one answer, meaningless outside. */
export const HIDDEN_REF_PREFIX = "hidden:";

/** Keeps the keys of `values` that this reader may read of `current`; link lists are judged per id later. */
function visibleValues(resource: AnyResource, values: Rec | null, current: Rec, actor: Actor): Rec | null {
  if (!values) return null;
  // Judge field rules against the record as it is now (whose email is this?), then keep only surviving keys.
  const probe = { ...current, ...values };
  stripUnreadable(resource, [probe], actor);
  const links = new Set(resource.info.linkKeys);
  return Object.fromEntries(
    Object.keys(values)
      .filter((k) => k in probe || links.has(k))
      .map((k) => [k, values[k]]),
  );
}

/** Replaces, in link lists, the ids of records the reader may not see by opaque keys (the same id, the same key). */
function maskHiddenLinks(resource: AnyResource, values: Rec | null, titles: Titles, masks: Map<string, string>) {
  if (!values) return null;
  const out = { ...values };
  for (const [field, { target, many }] of referenceFields(resource)) {
    if (!many || !Array.isArray(out[field])) continue;
    out[field] = (out[field] as unknown[]).map((id) => {
      if (titles.get(target, id)) return id;
      const key = String(id);
      if (!masks.has(key)) masks.set(key, `${HIDDEN_REF_PREFIX}${masks.size + 1}`);
      return masks.get(key);
    });
  }
  return out;
}

export async function recordHistory(
  db: Executor,
  resource: AnyResource,
  id: unknown,
  actor: Actor,
  params: { page: number; perPage: number; visible: SQL | undefined; deleted: DeletedMode; registry: Registry },
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
  const visibleRows = rows.map((row) =>
    // An action run records the action and its input, not fields of the record (server/core/actions/audit.ts).
    row.operation === "action"
      ? { row, before: null, after: row.after }
      : {
          row,
          before: visibleValues(resource, row.before, current, actor),
          after: visibleValues(resource, row.after, current, actor),
        },
  );
  const request = new Map<string, Set<string>>();
  wantReferences(
    request,
    resource,
    visibleRows.flatMap((r) => [r.before, r.after]),
  );
  const titles = await resolveTitles(db, params.registry, actor, request);
  const masks = new Map<string, string>();
  return {
    items: visibleRows.map(({ row, ...values }) => {
      const before = maskHiddenLinks(resource, values.before, titles, masks);
      const after = maskHiddenLinks(resource, values.after, titles, masks);
      return {
        id: row.id,
        at: row.at,
        operation: row.operation,
        actor: { kind: row.actorKind, id: row.actorId, name: row.actorLabel },
        before,
        after,
        refs: referencesOf(resource, [before, after], titles),
      };
    }),
    ...paging,
  };
}

/**
 * Fields a revert may set: what the trail records, less the identity, creation time and deletion state, plus the
 * writable link lists (a post's tags), which the write path replaces and checks like an update's.
 */
function revertableKeys(resource: AnyResource): string[] {
  const fixed = new Set([resource.info.idKey, "createdAt", "updatedAt", resource.softDelete]);
  return [...Object.keys(resource.info.columns).filter((k) => !fixed.has(k)), ...resource.info.linkKeys];
}

/**
 * The values that take `current` back to how it was right after audit entry `entryId` (or, with `to: "before"`,
 * right before it): start from now and undo, newest first, every later change (their `before` values). "Before"
 * also undoes the entry itself, which is how the first change to a record older than the trail (seeded) is undone.
 */
export async function versionPatch(
  db: Executor,
  resource: AnyResource,
  current: Rec,
  entryId: number,
  to: "after" | "before" = "after",
): Promise<Rec> {
  const recordId = String(current[resource.info.idKey]);
  const ofRecord = and(eq(auditLog.resource, resource.name), eq(auditLog.recordId, recordId));
  const [target] = await db
    .select({ operation: auditLog.operation })
    .from(auditLog)
    .where(and(ofRecord, eq(auditLog.id, entryId)));
  if (!target || target.operation === "purge") throw notFound(resource, `${recordId} version ${entryId}`);
  if (to === "before" && target.operation !== "update" && target.operation !== "revert") {
    const message = `only a change can be undone: there is no version before this ${target.operation}`;
    throw new TRPCError({ code: "BAD_REQUEST", message, cause: new FieldError(message, { to: [message] }) });
  }
  const later = await db
    .select({ operation: auditLog.operation, before: auditLog.before })
    .from(auditLog)
    .where(and(ofRecord, to === "before" ? gte(auditLog.id, entryId) : gt(auditLog.id, entryId)))
    .orderBy(asc(auditLog.id));
  const state: Rec = {};
  for (const entry of later.reverse()) {
    if ((entry.operation === "update" || entry.operation === "revert") && entry.before)
      Object.assign(state, entry.before);
  }
  const patch: Rec = {};
  for (const key of revertableKeys(resource)) {
    if (!(key in state)) continue;
    const column = resource.info.columns[key] as PgColumn | undefined;
    const raw = state[key];
    // The audit keeps dates as ISO text: Date-mode columns want a Date back, `mode: "string"` ones the text.
    const value = column?.dataType === "date" && typeof raw === "string" ? new Date(raw) : raw;
    patch[key] = value;
  }
  return patch;
}
