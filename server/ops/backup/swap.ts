/**
 * The parts of a restore that replace the schema in place, inside the restore's transaction: set aside what a
 * restore keeps (the operations tables' rows, where each sequence stood), drop and re-create schema public with its
 * owner and grants, and afterwards put the kept rows back, move every sequence to at least where it stood (ids are
 * never handed out twice, so live clients never see an event id go backwards) and raise the live events' horizon.
 */
import type postgres from "postgres";
import { extensionsInPublic, sequenceValues } from "./catalog";
import { BackupRefusedError } from "./errors";
import { type Manifest, quoteIdent } from "./format";

type Tx = postgres.TransactionSql;

/** The operations tables whose rows a restore keeps as they are (docs/operations-backups.md). */
export const KEPT_TABLES = ["request_log", "metric_samples", "backups"] as const;

export interface SetAside {
  sequences: Map<string, bigint>;
  kept: string[];
}

async function exists(tx: Tx, table: string): Promise<boolean> {
  const [row] = await tx<
    { present: boolean }[]
  >`select to_regclass(${`public.${quoteIdent(table)}`}) is not null as present`;
  return row?.present ?? false;
}

/** Copies the kept tables' rows into temporary tables (as JSON, so they outlive the types dropped with the schema). */
export async function setAside(tx: Tx): Promise<SetAside> {
  const sequences = new Map<string, bigint>();
  for (const s of await sequenceValues(tx)) if (s.value !== null) sequences.set(s.name, BigInt(s.value));
  const kept: string[] = [];
  for (const table of KEPT_TABLES) {
    if (!(await exists(tx, table))) continue;
    await tx.unsafe(
      `create temporary table ${quoteIdent(`atrium_keep_${table}`)} on commit drop as select to_jsonb(t) as row from public.${quoteIdent(table)} t`,
    );
    kept.push(table);
  }
  return { sequences, kept };
}

/** Drops schema public (and drizzle's record) and makes an empty public with the same owner and grants. */
export async function emptySchema(tx: Tx): Promise<void> {
  const extensions = await extensionsInPublic(tx);
  if (extensions.length > 0) {
    throw new BackupRefusedError(
      `Extensions are installed in schema public (${extensions.join(", ")}), which a restore replaces whole: move them to a schema of their own first.`,
    );
  }
  const [schema] = await tx<{ owner: string; grants: { grantee: string; privilege: string; grantable: boolean }[] }[]>`
    select n.nspowner::regrole::text as owner,
      coalesce((select json_agg(json_build_object(
          'grantee', case when a.grantee = 0 then 'public' else a.grantee::regrole::text end,
          'privilege', a.privilege_type, 'grantable', a.is_grantable))
        from aclexplode(n.nspacl) a where a.grantee <> n.nspowner), '[]'::json) as grants
    from pg_namespace n where n.nspname = 'public'`;
  await tx.unsafe("drop schema if exists drizzle cascade");
  await tx.unsafe("drop schema if exists public cascade");
  await tx.unsafe(schema ? `create schema public authorization ${schema.owner}` : "create schema public");
  for (const grant of schema?.grants ?? []) {
    const to = grant.grantee === "public" ? "public" : grant.grantee;
    await tx.unsafe(`grant ${grant.privilege} on schema public to ${to}${grant.grantable ? " with grant option" : ""}`);
  }
}

/** Puts the kept rows back into the (re-created) operations tables. */
export async function putBack(tx: Tx, aside: SetAside): Promise<void> {
  for (const table of aside.kept) {
    if (!(await exists(tx, table))) continue;
    const target = `public.${quoteIdent(table)}`;
    await tx.unsafe(
      `insert into ${target} select (jsonb_populate_record(null::${target}, row)).* from ${quoteIdent(`atrium_keep_${table}`)}`,
    );
  }
}

/**
 * Moves every sequence of schema public to the highest of: the backup's value, the value before the restore, and the
 * largest id in the column it numbers. Then the live events' horizon is raised to the live sequence, so a client
 * resuming from an event id before the restore is told to refetch rather than given events that no longer apply.
 */
export async function advanceSequences(tx: Tx, manifest: Manifest, aside: SetAside | null): Promise<void> {
  const owned = await tx<{ sequence: string; table: string; column: string }[]>`
    select s.relname as sequence, t.relname as table, a.attname as column
    from pg_class s
    join pg_namespace n on n.oid = s.relnamespace
    join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
      and d.deptype in ('a', 'i')
    join pg_class t on t.oid = d.refobjid
    join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
    where s.relkind = 'S' and n.nspname = 'public'`;
  const backedUp = new Map(manifest.sequences.map((s) => [s.name, BigInt(s.value)]));
  for (const { name } of await sequenceValues(tx)) {
    let target = backedUp.get(name) ?? 0n;
    const before = aside?.sequences.get(name) ?? 0n;
    if (before > target) target = before;
    const column = owned.find((o) => o.sequence === name);
    if (column) {
      const [row] = await tx.unsafe<{ max: string | null }[]>(
        `select max(${quoteIdent(column.column)})::text as max from public.${quoteIdent(column.table)}`,
      );
      const max = row?.max ? BigInt(row.max) : 0n;
      if (max > target) target = max;
    }
    if (target > 0n)
      await tx`select setval(${`public.${quoteIdent(name)}`}::regclass, ${target.toString()}::bigint, true)`;
  }
  if ((await exists(tx, "live_event_horizon")) && (await exists(tx, "live_event_seq"))) {
    await tx.unsafe(`
      update public.live_event_horizon set pruned_through = greatest(pruned_through,
        (select case when is_called then last_value else 0 end from public.live_event_seq))`);
  }
}
