/** `sort: ["-publishedAt", "title"]`: fields the resource marks sortable, with the primary key as tie-breaker. */
import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { AnyResource } from "./resource";

/**
 * ORDER BY terms. NULLs sort last both ways, so "newest first" never starts with rows that have no date. A NOT NULL
 * column descends plainly (`desc`, the same rows in the same order as `desc nulls last`): PostgreSQL holds an index to
 * the NULLS order written even where there are none, and `desc` is what an ascending index read backwards gives, so
 * one index serves both directions.
 */
export function orderBy(resource: AnyResource, sort: readonly string[]): SQL[] {
  const cols = resource.info.columns;
  const idKey = resource.info.idKey;
  const terms: SQL[] = [];
  let hasId = false;
  for (const term of sort) {
    const desc = term.startsWith("-");
    const key = desc ? term.slice(1) : term;
    const column = cols[key];
    if (!column) continue;
    if (key === idKey) hasId = true;
    if (!desc) terms.push(sql`${column} asc nulls last`);
    else terms.push(column.notNull ? sql`${column} desc` : sql`${column} desc nulls last`);
  }
  if (!hasId) terms.push(sql`${cols[idKey] as PgColumn} asc`);
  return terms;
}

/** The values `sort` accepts for a resource: each sortable field, ascending or descending. */
export function sortValues(resource: AnyResource): string[] {
  return resource.info.sortKeys.flatMap((k) => [k, `-${k}`]);
}
