/**
 * Which record actions this caller may run on one record now: each action's rule evaluated against the record in one
 * query (what its `check` would say needs the input, so it is not asked). The admin shows only those buttons, so
 * "Publish" appears on drafts and "Unpublish" on published posts when the rules say so.
 */
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { rowCondition } from "../access";
import type { Actor } from "../actor";
import type { Executor } from "../executor";
import { liveCondition, notFound } from "../read";
import type { AnyResource } from "../resource";
import type { AnyAction } from "./define";
import { actionCondition } from "./rule";

export async function availableActions(
  db: Executor,
  resource: AnyResource,
  id: unknown,
  actor: Actor,
): Promise<string[]> {
  const actions = Object.entries(resource.actionDefinitions as Record<string, AnyAction>).filter(
    ([, action]) => action.target === "record",
  );
  const conditions = actions.map(([name, action]) => [name, actionCondition(action, actor)] as const);
  // Column aliases are positional (a0, a1...): action names never reach the SQL text.
  const selection: Record<string, SQL<boolean>> = { found: sql<boolean>`true` };
  for (const [i, [, condition]] of conditions.entries()) {
    if (typeof condition !== "boolean") selection[`a${i}`] = sql<boolean>`coalesce(${condition}, false)`;
  }
  const idColumn = resource.info.columns[resource.info.idKey] as PgColumn;
  const [row] = await db
    .select(selection)
    .from(resource.table as PgTable)
    .where(and(eq(idColumn, id), liveCondition(resource), rowCondition(resource.access, "get", actor)))
    .limit(1);
  if (!row) throw notFound(resource, id);
  return conditions
    .filter(([, condition], i) => (typeof condition === "boolean" ? condition : row[`a${i}`] === true))
    .map(([name]) => name);
}
