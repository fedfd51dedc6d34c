/** `sort: ["-publishedAt", "title"]`: fields the resource marks sortable, with the primary key as tie-breaker. */
import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { AnyResource } from "./resource";

/** ORDER BY terms. NULLs sort last both ways, so "newest first" never starts with rows that have no date. */
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
    terms.push(desc ? sql`${column} desc nulls last` : sql`${column} asc nulls last`);
  }
  if (!hasId) terms.push(sql`${cols[idKey] as PgColumn} asc`);
  return terms;
}

/** The values `sort` accepts for a resource: each sortable field, ascending or descending. */
export function sortValues(resource: AnyResource): string[] {
  return resource.info.sortKeys.flatMap((k) => [k, `-${k}`]);
}
