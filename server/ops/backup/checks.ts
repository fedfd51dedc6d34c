/**
 * What a restore checks before it commits (and a dry run reports): every table has the manifest's row count and
 * checksum, and every record the audit trail says exists does. Foreign keys are checked by re-adding them (restore.ts).
 * A failed check rolls the restore back.
 */
import { getTableName } from "drizzle-orm";
import type postgres from "postgres";
import { resources } from "@/server/resources";
import { copyOutStatement, type TableShape } from "./catalog";
import { copyOut } from "./copy-stream";
import { quoteIdent, type TableEntry } from "./format";
import { discard, TallyStream } from "./tally";

type Tx = postgres.TransactionSql;

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface TableFigures {
  name: string;
  rows: number;
  expectedRows: number;
  checksumMatches: boolean | null;
}

/** Row counts and (when `checksums`) the SHA-256 of each table's COPY text, against the manifest. */
export async function tableFigures(
  tx: Tx,
  entries: readonly TableEntry[],
  shapes: readonly TableShape[],
  checksums: boolean,
): Promise<TableFigures[]> {
  const figures: TableFigures[] = [];
  for (const entry of entries) {
    const [row] = await tx.unsafe<{ n: string }[]>(`select count(*)::text as n from public.${quoteIdent(entry.name)}`);
    let checksumMatches: boolean | null = null;
    const shape = shapes.find((s) => s.name === entry.name);
    if (checksums && shape) {
      const tally = new TallyStream();
      await copyOut(tx, copyOutStatement(shape), [tally, discard()], undefined);
      checksumMatches = tally.tally().sha256 === entry.sha256;
    }
    figures.push({ name: entry.name, rows: Number(row?.n ?? 0), expectedRows: entry.rows, checksumMatches });
  }
  return figures;
}

export function figureChecks(figures: readonly TableFigures[]): Check[] {
  const wrongCount = figures.filter((f) => f.rows !== f.expectedRows);
  const wrongSum = figures.filter((f) => f.checksumMatches === false);
  const summed = figures.filter((f) => f.checksumMatches !== null).length;
  return [
    {
      name: "row counts",
      ok: wrongCount.length === 0,
      detail:
        wrongCount.length === 0
          ? `${figures.length} tables, ${figures.reduce((n, f) => n + f.rows, 0)} rows, as in the manifest`
          : wrongCount.map((f) => `${f.name}: ${f.rows} rows, expected ${f.expectedRows}`).join("; "),
    },
    ...(summed > 0
      ? [
          {
            name: "checksums",
            ok: wrongSum.length === 0,
            detail:
              wrongSum.length === 0
                ? `${summed} tables read back with the manifest's SHA-256`
                : `differ: ${wrongSum.map((f) => f.name).join(", ")}`,
          },
        ]
      : []),
  ];
}

type Sql = postgres.Sql | postgres.TransactionSql;

/**
 * Records whose latest audit entry says they exist (created, updated, restored, reverted) but have no row, among the
 * resources whose table is in `tables`. Deleted or purged records may be gone; rows removed with their parent by a
 * foreign key's cascade (a purged post's comments) have no entry of their own, so a database may have some.
 */
export async function auditedMissing(
  sql: Sql,
  tables: ReadonlySet<string>,
): Promise<{ missing: number; examples: string[] }> {
  const [audit] = await sql<{ present: boolean }[]>`select to_regclass('public.audit_log') is not null as present`;
  if (!audit?.present) return { missing: 0, examples: [] };
  let missing = 0;
  const examples: string[] = [];
  for (const resource of Object.values(resources)) {
    const table = getTableName(resource.table);
    const idColumn = resource.info.columns[resource.info.idKey]?.name;
    if (!tables.has(table) || !idColumn) continue;
    const [row] = await sql.unsafe<{ n: number; example: string | null }[]>(
      `select count(*)::int as n, min(last.record_id) as example from (
         select distinct on (record_id) record_id, operation from public.audit_log
         where resource = $1 order by record_id, id desc) last
       where last.operation in ('create', 'update', 'restore', 'revert')
         and not exists (select 1 from public.${quoteIdent(table)} r where r.${quoteIdent(idColumn)}::text = last.record_id)`,
      [resource.name],
    );
    if (row && row.n > 0) {
      missing += row.n;
      examples.push(`${resource.name} ${row.example}`);
    }
  }
  return { missing, examples };
}

/** The restored database has exactly the audited-but-missing records the snapshot had: none, in a consistent one. */
export async function auditConsistency(tx: Tx, tables: ReadonlySet<string>, expected: number): Promise<Check> {
  const { missing, examples } = await auditedMissing(tx, tables);
  return {
    name: "audit trail",
    ok: missing === expected,
    detail:
      missing === expected
        ? missing === 0
          ? "every audited record exists or was deleted"
          : `${missing} audited records have no row, as in the backed-up database (removed with their parent)`
        : `${missing} audited records have no row (the backup had ${expected}), e.g. ${examples.slice(0, 3).join(", ")}`,
  };
}
