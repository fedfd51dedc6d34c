/**
 * The audit trail: one entry per change, written inside the change's transaction, so a write and its entry commit
 * or roll back together. Snapshots leave out hidden fields (password hashes never reach the trail) and the
 * engine-maintained `updatedAt`; an update records only the fields it changed.
 */
import { count, desc, type SQL } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import type { Actor } from "./actor";
import type { Change } from "./changes";
import type { Executor } from "./executor";
import type { FieldConfig } from "./fields";
import type { AnyResource } from "./resource";

type Rec = Record<string, unknown>;

/** Columns (less hidden ones and the engine's updatedAt) and writable link lists (`tags: [ids]`). */
export function recordedKeys(resource: AnyResource): string[] {
  const fields = (resource.fields ?? {}) as Record<string, FieldConfig | undefined>;
  const columns = Object.keys(resource.info.columns).filter((k) => !fields[k]?.hidden && k !== "updatedAt");
  return [...columns, ...resource.info.linkKeys];
}

/** JSON-safe copy of the recorded fields (dates as ISO strings, as jsonb stores them anyway; bigints as digits). */
function snapshot(resource: AnyResource, row: Rec | null, keys = recordedKeys(resource)): Rec | null {
  if (!row) return null;
  return Object.fromEntries(keys.filter((k) => k in row).map((k) => [k, jsonValue(row[k])]));
}

function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  // JSON has no bigint, and a number would lose digits past 2^53: the exact digits, as text.
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(jsonValue);
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(jsonValue(a)) === JSON.stringify(jsonValue(b));
}

/** The before and after values of what an update changed (null when nothing did). */
export function changedValues(resource: AnyResource, before: Rec, after: Rec): { before: Rec; after: Rec } | null {
  const keys = recordedKeys(resource).filter((k) => !same(before[k], after[k]));
  if (keys.length === 0) return null;
  return { before: snapshot(resource, before, keys) as Rec, after: snapshot(resource, after, keys) as Rec };
}

/** Who an entry names: its actor kind, user and token, and the label kept for when the user is gone. */
export function actorColumns(actor: Actor) {
  switch (actor.kind) {
    case "user":
      return {
        actorKind: actor.via === "token" ? ("token" as const) : ("user" as const),
        actorId: actor.user.id,
        tokenId: actor.via === "token" ? actor.tokenId : null,
        actorLabel: "name" in actor.user && typeof actor.user.name === "string" ? actor.user.name : actor.user.id,
      };
    case "system":
      return { actorKind: "system" as const, actorId: null, tokenId: null, actorLabel: actor.reason };
    default:
      return { actorKind: "anonymous" as const, actorId: null, tokenId: null, actorLabel: "anonymous" };
  }
}

/** The audit entry of one change, as the row to insert. */
export function auditEntry(resource: AnyResource, change: Change): typeof auditLog.$inferInsert {
  const values =
    change.operation === "update" || change.operation === "revert"
      ? changedValues(resource, change.before as Rec, change.after as Rec)
      : {
          before: snapshot(resource, change.before as Rec | null),
          after: snapshot(resource, change.after as Rec | null),
        };
  return {
    ...actorColumns(change.actor),
    operation: change.operation,
    resource: change.resource,
    recordId: change.id,
    before: values?.before ?? null,
    after: values?.after ?? null,
    requestId: change.requestId ?? null,
  };
}

/** Writes the audit entry of one change, on the change's own transaction. */
export async function writeAudit(tx: Executor, resource: AnyResource, change: Change): Promise<void> {
  await tx.insert(auditLog).values(auditEntry(resource, change));
}

/** One page of audit entries matching `where`, newest first, with their total: the audit log's and a history's. */
export async function auditPage(db: Executor, where: SQL | undefined, page: number, perPage: number) {
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  const totalItems = total[0]?.n ?? 0;
  return { rows, page, perPage, totalItems, totalPages: Math.ceil(totalItems / perPage) };
}
