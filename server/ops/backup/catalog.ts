/**
 * What the database holds, read from PostgreSQL's catalog: the app's tables (schema public, less the excluded ones)
 * with their columns and primary keys, the sequences, and the foreign keys a restore lifts while it loads rows.
 */
import type postgres from "postgres";
import { EXCLUDED_TABLES, quoteIdent } from "./format";

type Sql = postgres.Sql | postgres.TransactionSql;

export interface TableShape {
  name: string;
  columns: { name: string; type: string }[];
  primaryKey: string[];
}

/** The backed-up tables of schema public, by name; generated columns are left out (PostgreSQL computes them). */
export async function appTables(sql: Sql): Promise<TableShape[]> {
  const rows = await sql<{ table: string; column: string; type: string }[]>`
    select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      and c.relname <> all(${EXCLUDED_TABLES as unknown as string[]})
    order by c.relname, a.attnum`;
  const keys = await sql<{ table: string; columns: string[] }[]>`
    select c.relname as table,
      array(select a.attname from unnest(i.indkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.ord)::text[] as columns
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and i.indisprimary`;
  const byName = new Map<string, TableShape>();
  for (const row of rows) {
    let table = byName.get(row.table);
    if (!table) {
      table = { name: row.table, columns: [], primaryKey: keys.find((k) => k.table === row.table)?.columns ?? [] };
      byName.set(row.table, table);
    }
    table.columns.push({ name: row.column, type: row.type });
  }
  return [...byName.values()];
}

/** Every sequence of schema public with the value it last handed out (null: never used). */
export async function sequenceValues(sql: Sql): Promise<{ name: string; value: string | null }[]> {
  return sql<{ name: string; value: string | null }[]>`
    select sequencename as name, last_value::text as value from pg_sequences
    where schemaname = 'public' order by sequencename`;
}

/** The foreign keys among the public tables, as `alter table ... add constraint` would re-create them. */
export async function foreignKeys(sql: Sql): Promise<{ table: string; name: string; definition: string }[]> {
  return sql<{ table: string; name: string; definition: string }[]>`
    select c.relname as table, con.conname as name, pg_get_constraintdef(con.oid) as definition
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and con.contype = 'f'
    order by c.relname, con.conname`;
}

/** Extensions installed in schema public: a restore replaces that schema whole, so it refuses to drop them. */
export async function extensionsInPublic(sql: Sql): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select e.extname as name from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where n.nspname = 'public'`;
  return rows.map((r) => r.name);
}

const TEXT_TYPE = /^(text|character varying|character|citext)\b/;

/**
 * `COPY (select <columns> from <table> order by <primary key>) TO STDOUT`: rows in a stable order, so equal data gives
 * equal checksums, on any server: text keys are ordered bytewise (collate "C"), whatever the database's collation.
 */
export function copyOutStatement(table: Pick<TableShape, "name" | "columns" | "primaryKey">): string {
  const columns = table.columns.map((c) => quoteIdent(c.name)).join(", ");
  const keys = table.primaryKey.map((key) => {
    const type = table.columns.find((c) => c.name === key)?.type ?? "";
    return TEXT_TYPE.test(type) ? `${quoteIdent(key)} collate "C"` : quoteIdent(key);
  });
  const order = keys.length > 0 ? ` order by ${keys.join(", ")}` : "";
  return `copy (select ${columns} from public.${quoteIdent(table.name)}${order}) to stdout`;
}
