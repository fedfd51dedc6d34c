/**
 * The backup jobs (docs/operations-backups.md): long work runs in a worker, so the admin's request returns at once
 * and the row shows the progress live. `backups.create` fills a row made by the admin's action (or makes a scheduled
 * one); `backups.check` verifies, dry-runs or restores one archive. Neither retries by itself: a backup that failed
 * says why on its row, and a restore is never run twice without an admin asking again.
 */
import { z } from "zod";
import { backupsFromEnv, env } from "@/env";
import { defineJob, type ScheduleDefinition, schedule } from "@/server/core/jobs/define";
import { checkBackup, fillBackup, startBackupRow } from "./service";

function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return url;
}

const timeout = () => `${backupsFromEnv().BACKUP_TIMEOUT_MINUTES}m` as const;

export const createBackupJob = defineJob("backups.create", {
  input: z.object({
    /** The row the admin's action made; absent: the schedule's, made here. */
    backupId: z.uuid().optional(),
  }),
  retry: { limit: 0 },
  timeout: timeout(),
  run: async ({ backupId }, { db, signal }) => {
    const id = backupId ?? (await startBackupRow(db, "scheduled", null));
    const row = await fillBackup(db, databaseUrl(), id, signal);
    return { backupId: id, file: row.file, sizeBytes: row.sizeBytes };
  },
});

export const checkBackupJob = defineJob("backups.check", {
  input: z.object({
    backupId: z.uuid(),
    mode: z.enum(["verify", "dry-run", "restore"]),
    requestedBy: z.object({ id: z.uuid(), name: z.string().max(200) }).nullable(),
  }),
  retry: { limit: 0 },
  timeout: timeout(),
  // One check of an archive at a time: a second click while one runs is not queued again.
  singletonKey: ({ backupId }) => backupId,
  run: async ({ backupId, mode, requestedBy }, { db, signal }) => {
    const outcome = await checkBackup(db, databaseUrl(), backupId, mode, requestedBy, signal);
    if (outcome.status === "failed") throw new Error(outcome.message ?? `${mode} failed`);
    return { status: outcome.status, message: outcome.message };
  },
});

export const backupJobs = [createBackupJob, checkBackupJob];

/** BACKUP_SCHEDULE's cron, when set. */
export function backupSchedules(): ScheduleDefinition[] {
  const cron = backupsFromEnv().BACKUP_SCHEDULE;
  return cron ? [schedule(cron, createBackupJob, {}, { tz: "UTC" })] : [];
}
