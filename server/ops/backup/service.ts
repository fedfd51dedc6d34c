/**
 * Backups as the app runs them (the admin's actions, the schedule, the command line): each archive has a `backups`
 * row that goes running -> ready or failed, written through the engine as the system, so the admin's table follows
 * it live and its history is audited. Checks (verify, dry run, restore) record their outcome on the row.
 */
import { and, desc, eq, inArray, lt, notInArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { backups } from "@/db/schema";
import { backupsFromEnv } from "@/env";
import type { Actor } from "@/server/core";
import { createRecord, updateRecord } from "@/server/core/write";
import { resources } from "@/server/resources";
import { verifyArchive } from "./archive";
import { writeBackup } from "./create";
import { dryRun } from "./dry-run";
import { describeFailure } from "./errors";
import { type RestoreAuditor, type RestoreReport, restoreArchive } from "./restore";
import { archivePath, backupDir, removeArchive, removeStaleTemps } from "./storage";

export type BackupRow = typeof backups.$inferSelect;
export type CheckMode = "verify" | "dry-run" | "restore";

/** Who asked: an admin (by id and name, for the audit entry a restore writes) or the system. */
export type Requester = { id: string; name: string } | null;

const ALL_ROWS = { visible: undefined, allowed: undefined };

function writer(db: Database, reason: string) {
  const actor: Actor = { kind: "system", reason };
  return { db, actor, registry: resources };
}

async function setRow(db: Database, id: string, patch: Partial<typeof backups.$inferInsert>, reason: string) {
  await updateRecord(writer(db, reason), resources.backups, id, patch, ALL_ROWS);
}

/** A new row, status running: the admin's action makes it in its transaction, with the job that fills it. */
export async function startBackupRow(
  db: Database,
  kind: "manual" | "scheduled",
  createdBy: string | null,
): Promise<string> {
  const row = (await createRecord(writer(db, "backup"), resources.backups, { kind, status: "running", createdBy })) as {
    id: string;
  };
  return row.id;
}

/**
 * Writes the archive for row `id` and marks it ready (or failed, with why). Idempotent for a retried job: a row
 * already ready is left alone; a running one starts over (its earlier attempt left only temporary files).
 */
export async function fillBackup(db: Database, url: string, id: string, signal?: AbortSignal): Promise<BackupRow> {
  const [row] = await db.select().from(backups).where(eq(backups.id, id));
  if (!row) throw new Error(`backup ${id} does not exist`);
  if (row.status === "ready") return row;
  const dir = backupDir();
  await removeStaleTemps(dir, 24 * 3600 * 1000);
  try {
    const written = await writeBackup(url, { dir, ...(signal ? { signal } : {}) });
    await setRow(
      db,
      id,
      {
        status: "ready",
        file: written.name,
        sizeBytes: written.sizeBytes,
        checksum: written.sha256,
        schemaVersion: written.manifest.schemaVersion,
        tableCount: written.manifest.tables.length,
        rowCount: written.manifest.tables.reduce((n, t) => n + t.rows, 0),
        manifest: written.manifest as unknown as Record<string, unknown>,
        error: null,
        finishedAt: new Date(),
      },
      "backup",
    );
  } catch (error) {
    await setRow(
      db,
      id,
      { status: "failed", error: describeFailure(error, "The backup"), finishedAt: new Date() },
      "backup",
    );
    throw error;
  }
  await pruneBackups(db, backupsFromEnv().BACKUP_KEEP);
  const [done] = await db.select().from(backups).where(eq(backups.id, id));
  return done as BackupRow;
}

/** Keeps the newest `keep` ready backups; removes older archives, then their rows. Failed rows older than those go too. */
export async function pruneBackups(db: Database, keep: number): Promise<number> {
  const newest = await db
    .select({ id: backups.id, createdAt: backups.createdAt })
    .from(backups)
    .where(eq(backups.status, "ready"))
    .orderBy(desc(backups.createdAt), desc(backups.id))
    .limit(keep);
  const oldestKept = newest.at(-1);
  if (newest.length < keep || !oldestKept) return 0;
  const old = await db
    .select({ id: backups.id, file: backups.file })
    .from(backups)
    .where(
      and(
        notInArray(
          backups.id,
          newest.map((n) => n.id),
        ),
        inArray(backups.status, ["ready", "failed"]),
        lt(backups.createdAt, oldestKept.createdAt),
      ),
    );
  for (const row of old) {
    const file = row.file ? archivePath(row.file) : null;
    if (file) await removeArchive(file);
    await db.delete(backups).where(eq(backups.id, row.id));
  }
  return old.length;
}

export interface CheckOutcome {
  mode: CheckMode;
  status: "running" | "passed" | "failed";
  requestedBy: string | null;
  startedAt: string;
  finishedAt?: string;
  message?: string;
  report?: RestoreReport;
}

function summary(mode: CheckMode, report: RestoreReport): string {
  const rows = report.tables.reduce((n, t) => n + t.rows, 0);
  const failed = report.checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    return `${failed.map((c) => `${c.name}: ${c.detail}`).join("; ")}. Nothing was changed.`;
  }
  const migrated = report.laterMigrations.length
    ? `, then migrated forward through ${report.laterMigrations.at(-1)}`
    : "";
  const what = mode === "restore" ? "Restored" : "Would restore";
  return `${what} ${report.tables.length} tables, ${rows} rows at ${report.schemaVersion ?? "no migration"}${migrated}; ${report.checks.map((c) => c.name).join(", ")} checked.`;
}

/**
 * Verifies, dry-runs or restores the archive of row `id`, recording the outcome on the row. The row's checksum is the
 * archive's expected one. A restore's audit entry is written inside it (the audit trail is restored too).
 */
export async function checkBackup(
  db: Database,
  url: string,
  id: string,
  mode: CheckMode,
  requestedBy: Requester,
  signal?: AbortSignal,
): Promise<CheckOutcome> {
  const [row] = await db.select().from(backups).where(eq(backups.id, id));
  if (!row) throw new Error(`backup ${id} does not exist`);
  const outcome: CheckOutcome = {
    mode,
    status: "running",
    requestedBy: requestedBy?.name ?? null,
    startedAt: new Date().toISOString(),
  };
  await setRow(db, id, { lastCheck: { ...outcome } }, `backup ${mode}`);
  try {
    const file = row.status === "ready" && row.file ? archivePath(row.file) : null;
    if (!file) throw new Error("this backup has no archive (it failed or is still running)");
    const auditor: RestoreAuditor = {
      actor: requestedBy
        ? { kind: "user", id: requestedBy.id, label: requestedBy.name }
        : { kind: "system", label: "backup restore" },
      backupId: id,
    };
    if (mode === "verify") {
      const verified = await verifyArchive(file, row.checksum);
      outcome.message = `The archive is intact: ${verified.manifest.tables.length} tables, ${verified.manifest.tables.reduce((n, t) => n + t.rows, 0)} rows, every checksum matches.`;
      outcome.status = "passed";
    } else {
      const options = { expectedSha256: row.checksum, ...(signal ? { signal } : {}) };
      const report =
        mode === "dry-run"
          ? await dryRun(url, file, options)
          : await restoreArchive(url, file, { ...options, target: "live", commit: true, audit: auditor });
      outcome.report = report;
      outcome.status = report.ok ? "passed" : "failed";
      outcome.message = summary(mode, report);
    }
  } catch (error) {
    outcome.status = "failed";
    outcome.message = describeFailure(
      error,
      mode === "verify" ? "Verification" : mode === "dry-run" ? "The dry run" : "The restore",
    );
  }
  outcome.finishedAt = new Date().toISOString();
  await setRow(db, id, { lastCheck: { ...outcome } }, `backup ${mode}`);
  return outcome;
}
