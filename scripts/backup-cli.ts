/**
 * `npm run db:backup` and `npm run db:restore -- <file> [--dry-run] [--yes]` (docs/operations-backups.md). Run by
 * scripts/launch.ts, which resolves DATABASE_URL (yours, the running embedded server, or the embedded server in
 * .data/ started for this) and runs scripts/backup-main.ts with it; nothing else is started. Exit codes: 0 done, 1 refused or failed,
 * 2 a usage error.
 */
import { createInterface } from "node:readline/promises";
import { createDatabase } from "../db/client";
import { env } from "../env";
import { verifyArchive } from "../server/ops/backup/archive";
import { dryRun } from "../server/ops/backup/dry-run";
import { BackupRefusedError, describeFailure } from "../server/ops/backup/errors";
import { appMigrations, splitAtBackup } from "../server/ops/backup/migrations";
import { type RestoreReport, restoreArchive } from "../server/ops/backup/restore";
import { fillBackup, startBackupRow } from "../server/ops/backup/service";
import { sidecarChecksum } from "../server/ops/backup/storage";

export const RESTORE_USAGE = "usage: npm run db:restore -- <archive.tar.gz> [--dry-run] [--yes]";

export interface RestoreArgs {
  file: string;
  dryRun: boolean;
  yes: boolean;
}

/** `<file>`, `--dry-run`, `--yes` in any order; anything else is a usage error. */
export function parseRestoreArgs(argv: readonly string[]): RestoreArgs | { error: string } {
  let file: string | undefined;
  let dryRunWanted = false;
  let yes = false;
  for (const arg of argv) {
    if (arg === "--dry-run") dryRunWanted = true;
    else if (arg === "--yes" || arg === "-y") yes = true;
    else if (arg.startsWith("-")) return { error: `unknown option ${JSON.stringify(arg)}` };
    else if (file !== undefined) return { error: "give one archive file" };
    else file = arg;
  }
  if (!file) return { error: "which archive? give its file" };
  return { file, dryRun: dryRunWanted, yes };
}

function say(line: string) {
  console.log(`\x1b[36m[atrium]\x1b[0m ${line}`);
}

function printReport(report: RestoreReport) {
  for (const check of report.checks) say(`  ${check.ok ? "ok  " : "FAIL"} ${check.name}: ${check.detail}`);
  if (report.laterMigrations.length) say(`  migrated forward: ${report.laterMigrations.join(", ")}`);
}

async function confirmed(file: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`Replace all app data with ${file}? Type RESTORE to go on: `);
    return answer.trim() === "RESTORE";
  } finally {
    rl.close();
  }
}

async function backup(url: string): Promise<number> {
  const handle = createDatabase(url, { max: 2 });
  try {
    const id = await startBackupRow(handle.db, "manual", null);
    const row = await fillBackup(handle.db, url, id);
    say(`backup written: ${row.file} (${row.sizeBytes} bytes, ${row.tableCount} tables, ${row.rowCount} rows)`);
    say(`SHA-256 ${row.checksum} (also in ${row.file}.sha256)`);
    return 0;
  } catch (error) {
    console.error(describeFailure(error, "The backup"));
    return 1;
  } finally {
    await handle.close();
  }
}

async function restore(url: string, argv: readonly string[]): Promise<number> {
  const args = parseRestoreArgs(argv);
  if ("error" in args) {
    console.error(`${args.error}\n${RESTORE_USAGE}`);
    return 2;
  }
  try {
    const expected = await sidecarChecksum(args.file);
    const verified = await verifyArchive(args.file, expected);
    const { manifest } = verified;
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    say(
      `archive verified: taken ${manifest.createdAt}, ${manifest.tables.length} tables, ${rows} rows, at ${manifest.schemaVersion}`,
    );
    if (!expected) say("no .sha256 file beside it: its contents were checked, not every byte of the file");
    const { later } = splitAtBackup(manifest.migrations, appMigrations());
    if (later.length) say(`it is older than this app: ${later.length} later migration(s) will be applied after it`);
    if (args.dryRun) {
      const report = await dryRun(url, args.file, { expectedSha256: expected }, verified);
      printReport(report);
      say(
        report.ok ? "dry run passed; the live data was not touched" : "dry run FAILED; the live data was not touched",
      );
      return report.ok ? 0 : 1;
    }
    if (!args.yes && !(await confirmed(args.file))) {
      console.error("Not restored: confirm by typing RESTORE, or pass --yes.");
      return 1;
    }
    const report = await restoreArchive(
      url,
      args.file,
      {
        target: "live",
        expectedSha256: expected,
        commit: true,
        audit: { actor: { kind: "system", label: "npm run db:restore" }, backupId: null },
      },
      verified,
    );
    printReport(report);
    if (!report.committed) {
      console.error("Not restored: a check failed, and everything was rolled back.");
      return 1;
    }
    say(`restored in ${report.durationMs} ms; pages left open show the old data until they reload`);
    return 0;
  } catch (error) {
    console.error(
      error instanceof BackupRefusedError ? `Refused: ${error.message}` : describeFailure(error, "The restore"),
    );
    return 1;
  }
}

/** The entry (scripts/backup-main.ts): `backup`, or `restore <file> [--dry-run] [--yes]`, on env's DATABASE_URL. */
export async function runBackupCommand(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const url = env().DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set: run this through npm run db:backup or npm run db:restore.");
    return 2;
  }
  if (command === "backup") return backup(url);
  if (command === "restore") return restore(url, rest);
  console.error(`usage: npm run db:backup\n${RESTORE_USAGE}`);
  return 2;
}
