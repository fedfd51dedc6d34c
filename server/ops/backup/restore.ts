/**
 * Restoring an archive into a database, all or nothing, in one transaction on one connection:
 *
 *   verify the whole archive first (archive.ts) -> refuse a backup from newer code -> set aside what a restore keeps
 *   -> drop and re-create schema public -> replay the app's migrations up to the backup's level -> lift the foreign
 *   keys -> COPY every table in (each entry's checksum checked again on the way) -> re-add the foreign keys (which
 *   checks every row) -> row counts and checksums -> replay the later migrations -> put back the kept rows, advance
 *   the sequences -> the audit trail's records exist -> the restore's own audit entry -> COMMIT.
 *
 * Any refusal or failure rolls everything back: the database is as it was. A dry run is the same on a scratch
 * database, rolled back at the end (dry-run.ts). PostgreSQL's DDL is transactional, so other sessions see the old
 * schema until COMMIT and the new one after; what they see then is in docs/operations-backups.md.
 */
import path from "node:path";
import postgres from "postgres";
import { readArchive, type VerifiedArchive, verifyArchive } from "./archive";
import { appTables, foreignKeys } from "./catalog";
import { auditConsistency, type Check, figureChecks, type TableFigures, tableFigures } from "./checks";
import { copyIn } from "./copy-stream";
import { BackupRefusedError } from "./errors";
import { type Manifest, quoteIdent } from "./format";
import { appMigrations, createMigrationRecord, foldEnumValues, replayMigrations, splitAtBackup } from "./migrations";
import { advanceSequences, emptySchema, putBack, type SetAside, setAside } from "./swap";
import { TallyStream } from "./tally";

type Tx = postgres.TransactionSql;

/** Who asked for a restore, for its audit entry (written inside the restore, so it survives it). */
export interface RestoreAuditor {
  actor: { kind: "user"; id: string; label: string } | { kind: "system"; label: string };
  backupId: string | null;
  requestId?: string;
}

export interface RestoreOptions {
  /** `live`: the app's own database (operations tables kept, sequences never go back); `scratch`: an empty one. */
  target: "live" | "scratch";
  /** The checksum of the whole file recorded when it was written, if known. */
  expectedSha256: string | null;
  /** False: every check runs, then everything is rolled back (a dry run). */
  commit: boolean;
  /** Read every table back and compare its checksum (default true). */
  checksums?: boolean;
  audit?: RestoreAuditor;
  signal?: AbortSignal;
  /** How long to wait for other sessions' locks on the tables (default 60 s). */
  lockTimeoutSeconds?: number;
}

export interface RestoreReport {
  schemaVersion: string | null;
  /** The app's last migration, where the restored database now is. */
  migratedTo: string | null;
  laterMigrations: string[];
  backupCreatedAt: string;
  tables: TableFigures[];
  checks: Check[];
  ok: boolean;
  committed: boolean;
  checksumKnown: boolean;
  durationMs: number;
}

/** Thrown to roll a dry run back once its report is made. */
class RollBack extends Error {
  constructor(readonly report: RestoreReport) {
    super("rolled back");
  }
}

const RESTORE_LOCK = "atrium.backup.restore";

/** The tables' shapes after replaying to the backup's level must be the manifest's, or the rows cannot go in. */
function checkShapes(manifest: Manifest, shapes: Awaited<ReturnType<typeof appTables>>): void {
  const names = new Set(shapes.map((s) => s.name));
  const missing = manifest.tables.filter((t) => !names.has(t.name)).map((t) => t.name);
  const unknown = shapes.filter((s) => !manifest.tables.some((t) => t.name === s.name)).map((s) => s.name);
  if (missing.length > 0 || unknown.length > 0) {
    throw new BackupRefusedError(
      `The archive's tables are not the tables of its schema version (${[
        missing.length ? `not in the schema: ${missing.join(", ")}` : "",
        unknown.length ? `missing from the archive: ${unknown.join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("; ")}).`,
    );
  }
  for (const table of manifest.tables) {
    const shape = shapes.find((s) => s.name === table.name);
    const same =
      shape?.columns.length === table.columns.length &&
      shape.columns.every((c, i) => c.name === table.columns[i]?.name && c.type === table.columns[i]?.type);
    if (!same)
      throw new BackupRefusedError(`Table ${table.name}'s columns in the archive differ from its schema version.`);
  }
}

/** COPYs every table entry of the archive into its table, checking each against the manifest as it goes. */
async function loadRows(tx: Tx, file: string, manifest: Manifest, signal: AbortSignal | undefined): Promise<void> {
  let loaded = 0;
  await readArchive(file, {
    table: async (name, stream) => {
      signal?.throwIfAborted();
      const table = manifest.tables.find((t) => t.entry === name);
      if (!table) throw new BackupRefusedError(`The archive changed while it was restored (${name}).`);
      const columns = table.columns.map((c) => quoteIdent(c.name)).join(", ");
      const tally = new TallyStream();
      await copyIn(tx, `copy public.${quoteIdent(table.name)} (${columns}) from stdin`, stream, tally, signal);
      const read = tally.tally();
      if (read.sha256 !== table.sha256 || read.rows !== table.rows || read.bytes !== table.bytes) {
        throw new BackupRefusedError(`The archive changed while it was restored (${table.name}).`);
      }
      loaded++;
    },
    manifest: () => undefined,
  });
  if (loaded !== manifest.tables.length) throw new BackupRefusedError("The archive changed while it was restored.");
}

async function writeRestoreAudit(tx: Tx, auditor: RestoreAuditor, report: RestoreReport, file: string) {
  const after = {
    action: "restore",
    file: path.basename(file),
    schemaVersion: report.schemaVersion,
    backupCreatedAt: report.backupCreatedAt,
    tables: report.tables.length,
    rows: report.tables.reduce((n, t) => n + t.rows, 0),
  };
  const user = auditor.actor.kind === "user" ? auditor.actor.id : null;
  await tx`
    insert into public.audit_log (actor_kind, actor_id, token_id, actor_label, operation, resource, record_id, before, after, request_id)
    values (${auditor.actor.kind}, ${user}, null, ${auditor.actor.label}, 'action', 'backups', ${auditor.backupId ?? ""},
      null, ${tx.json(after)}, ${auditor.requestId ?? null})`;
}

/** Restores `file` into the database at `url`; throws BackupRefusedError (nothing changed) when it must not. */
export async function restoreArchive(
  url: string,
  file: string,
  options: RestoreOptions,
  verified?: VerifiedArchive,
): Promise<RestoreReport> {
  const started = Date.now();
  const archive = verified ?? (await verifyArchive(file, options.expectedSha256));
  const { manifest } = archive;
  const app = appMigrations();
  const split = splitAtBackup(manifest.migrations, app);
  const [upToBackup = [], later = []] = foldEnumValues([split.upToBackup, split.later]);
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "atrium-restore" } });
  try {
    return await sql.begin(async (tx) => {
      await tx.unsafe(`set local lock_timeout = '${Math.round((options.lockTimeoutSeconds ?? 60) * 1000)}ms'`);
      await tx.unsafe("set local statement_timeout = 0");
      await tx.unsafe("set local search_path = public");
      const [lock] = await tx<
        { got: boolean }[]
      >`select pg_try_advisory_xact_lock(hashtextextended(${RESTORE_LOCK}, 0)) as got`;
      if (!lock?.got)
        throw new BackupRefusedError("Another restore is running on this database; wait for it to finish.");

      const aside: SetAside | null = options.target === "live" ? await setAside(tx) : null;
      await emptySchema(tx);
      await createMigrationRecord(tx);
      await replayMigrations(tx, upToBackup);
      const shapes = await appTables(tx);
      checkShapes(manifest, shapes);

      const keys = await foreignKeys(tx);
      for (const key of keys) {
        await tx.unsafe(`alter table public.${quoteIdent(key.table)} drop constraint ${quoteIdent(key.name)}`);
      }
      // Rows some migrations insert (a settings row, say) are in the backup too: the backup's rows replace them.
      if (manifest.tables.length > 0) {
        await tx.unsafe(`truncate table ${manifest.tables.map((t) => `public.${quoteIdent(t.name)}`).join(", ")}`);
      }
      await loadRows(tx, file, manifest, options.signal);
      const checks: Check[] = [];
      const broken: string[] = [];
      for (const key of keys) {
        // Re-adding a foreign key checks every row against it; a savepoint keeps one failure from ending the rest.
        try {
          await tx.savepoint((sp) =>
            sp.unsafe(
              `alter table public.${quoteIdent(key.table)} add constraint ${quoteIdent(key.name)} ${key.definition}`,
            ),
          );
        } catch {
          broken.push(`${key.table}.${key.name}`);
        }
      }
      checks.push({
        name: "foreign keys",
        ok: broken.length === 0,
        detail: broken.length === 0 ? `${keys.length} foreign keys hold` : `do not hold: ${broken.join(", ")}`,
      });
      const tables = await tableFigures(tx, manifest.tables, shapes, options.checksums ?? true);
      checks.push(...figureChecks(tables));

      await replayMigrations(tx, later);
      if (aside) await putBack(tx, aside);
      await advanceSequences(tx, manifest, aside);
      checks.push(await auditConsistency(tx, new Set(manifest.tables.map((t) => t.name)), manifest.audit.missing));

      const ok = checks.every((c) => c.ok);
      const report: RestoreReport = {
        schemaVersion: manifest.schemaVersion,
        migratedTo: app.at(-1)?.tag ?? null,
        laterMigrations: later.map((m) => m.tag),
        backupCreatedAt: manifest.createdAt,
        tables,
        checks,
        ok,
        committed: ok && options.commit,
        checksumKnown: archive.checksumKnown,
        durationMs: Date.now() - started,
      };
      if (!report.committed) throw new RollBack(report);
      if (options.audit) await writeRestoreAudit(tx, options.audit, report, file);
      return report;
    });
  } catch (error) {
    if (error instanceof RollBack) return error.report;
    throw error;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
