/**
 * The records an action runs on, locked for its transaction in one query (in key order, so two batches over the
 * same records queue rather than deadlock): as `get` finds them (a live record the caller may see, else NOT_FOUND,
 * so existence does not leak), and within the action's rule (else FORBIDDEN, naming the rule).
 */

import type { TRPCError } from "@trpc/server";
import { and, asc, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Transaction } from "../executor";
import { liveCondition, notFound } from "../read";
import type { AnyResource } from "../resource";

type Rec = Record<string, unknown>;

export interface ActionScope {
  /** The `get` rule's condition: what the caller may see. */
  visible: SQL | undefined;
  /** The action rule's condition: what it may run on. */
  allowed: SQL | undefined;
}

/** The locked rows, in the order of `ids`. */
export async function lockActionRecords(
  tx: Transaction,
  resource: AnyResource,
  ids: readonly unknown[],
  scope: ActionScope,
  refused: () => TRPCError,
): Promise<Rec[]> {
  const table = resource.table as PgTable;
  const idColumn = resource.info.columns[resource.info.idKey] as PgColumn;
  const rows = await tx
    .select({
      row: getTableColumns(table),
      allowed: scope.allowed ? sql<boolean>`(${scope.allowed})` : sql<boolean>`true`,
    })
    .from(table)
    .where(and(inArray(idColumn, [...ids]), liveCondition(resource), scope.visible))
    .orderBy(asc(idColumn))
    .for("update");
  const byId = new Map(rows.map((r) => [String((r.row as Rec)[resource.info.idKey]), r]));
  return ids.map((id) => {
    const found = byId.get(String(id));
    if (!found) throw notFound(resource, id);
    if (!found.allowed) throw refused();
    return found.row as Rec;
  });
}
