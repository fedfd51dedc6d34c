/**
 * The columns a CHECK constraint reads, from the table's Drizzle definition: PostgreSQL names only the constraint
 * when one fails, and a refusal should name the field ("Small is not allowed"), not the whole form.
 */
import { Column, getTableColumns, is, SQL, type Table } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";

/** SQL names of the columns constraint `name` of `table` refers to; none when the table does not declare it. */
export function checkColumns(table: Table, name: string): string[] {
  const check = getTableConfig(table as PgTable).checks.find((c) => c.name === name);
  if (!check) return [];
  // The check's SQL holds the extra-config copies of the columns, not the table's own objects: match by name.
  const found = new Set<string>();
  const visit = (chunk: unknown): void => {
    if (is(chunk, Column)) found.add(chunk.name);
    else if (is(chunk, SQL)) for (const inner of chunk.queryChunks) visit(inner);
  };
  visit(check.value);
  return Object.values(getTableColumns(table))
    .map((column) => column.name)
    .filter((name) => found.has(name));
}
