import { TRPCError } from "@trpc/server";
import { eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { backups } from "@/db/schema";
import { defineResource, rule, type User } from "@/server/core";
import type { ActionEnqueue } from "@/server/core/actions/define";
import { checkBackupJob, createBackupJob } from "@/server/ops/backup/jobs";
import { type CheckMode, startBackupRow } from "@/server/ops/backup/service";
import { isAdmin } from "./policies";

const admins = rule("admins", ({ user }) => isAdmin(user));
/** Backups are made and removed by the backup code (its actions), never written field by field. */
const theBackups = rule("the backup code only", () => false);
/** Checks and restores need an archive: admins, on backups that are ready. */
const readyBackups = {
  name: "admins, on ready backups",
  allow: ({ user }: { user: User | null }) => (isAdmin(user) ? (eq(backups.status, "ready") as SQL) : false),
};

/** The word the restore's dialog asks for, typed, so a restore is never one stray click. */
export const RESTORE_CONFIRMATION = "RESTORE";

/**
 * Queues a check of the archive (a job: the request returns at once) and marks the row queued, live. A check of the
 * same backup already waiting or running is refused rather than queued twice.
 */
async function queueCheck(
  mode: CheckMode,
  record: { id: string },
  user: User | null,
  enqueue: ActionEnqueue,
  update: (patch: { lastCheck: Record<string, unknown> }) => Promise<unknown>,
) {
  const requestedBy = user ? { id: user.id, name: user.name } : null;
  const job = await enqueue(checkBackupJob, { backupId: record.id, mode, requestedBy });
  if (!job) throw new TRPCError({ code: "CONFLICT", message: "A check of this backup is already under way." });
  await update({
    lastCheck: { mode, status: "queued", requestedBy: requestedBy?.name ?? null, startedAt: new Date().toISOString() },
  });
  return { queued: true, jobId: job };
}

/**
 * Backups of the database (docs/operations-backups.md): one row per archive, for admins only. The archive is taken,
 * checked and restored by jobs (server/ops/backup), so each action returns at once and the row follows the work live;
 * the record page links the archive's download (app/api/backups/[id]/download, audited).
 */
export const backupsResource = defineResource("backups", {
  table: backups,
  label: { one: "Backup", many: "Backups" },
  icon: "Archive",
  // The archive's name (`atrium-<time>-<random>.tar.gz`) says when it was taken; a row still running shows its id.
  titleField: "file",
  fields: {
    file: { label: "File" },
    kind: { label: "Kind", filterable: true },
    status: {
      label: "Status",
      filterable: true,
      sortable: true,
      tones: { running: "blue", ready: "green", failed: "red" },
    },
    sizeBytes: { label: "Size (bytes)", sortable: true },
    schemaVersion: { label: "Schema version" },
    tableCount: { label: "Tables" },
    rowCount: { label: "Rows" },
    checksum: { label: "SHA-256" },
    manifest: { label: "Manifest" },
    error: { label: "Error" },
    lastCheck: { label: "Last check" },
    createdBy: { label: "Taken by", filterable: true },
    createdAt: { label: "Taken", sortable: true, filterable: true },
    finishedAt: { label: "Finished", sortable: true },
  },
  list: { defaultSort: ["-createdAt"] },
  actions: (action) => ({
    backUp: action({
      label: "Back up now",
      help: "Takes a consistent backup of the whole database into the backup folder. It appears here when ready.",
      access: admins,
      successMessage: "Backup started: its row turns ready when the archive is written",
      run: async ({ tx, user, enqueue }) => {
        const backupId = await startBackupRow(tx as unknown as Database, "manual", user?.id ?? null);
        await enqueue(createBackupJob, { backupId });
        return { backupId };
      },
    }),
    verify: action({
      record: true,
      help: "Reads the whole archive and checks its checksum, manifest and every table's rows and SHA-256. Changes nothing.",
      access: readyBackups,
      successMessage: "Verification started: the result appears under Last check",
      run: ({ record, user, enqueue, update }) => queueCheck("verify", record, user, enqueue, update),
    }),
    dryRun: action({
      record: true,
      label: "Dry run",
      help: "Restores the archive into a scratch database, runs every check, reports, and drops it. The live data is not touched.",
      access: readyBackups,
      successMessage: "Dry run started: the report appears under Last check",
      run: ({ record, user, enqueue, update }) => queueCheck("dry-run", record, user, enqueue, update),
    }),
    // Not `restore`: that is the CRUD procedure taking a record out of the bin.
    restoreBackup: action({
      record: true,
      label: "Restore",
      help: "Replaces all app data with this backup's, in one transaction: everything or nothing.",
      input: z.object({
        confirmation: z
          .string()
          .trim()
          .max(50, "Type RESTORE, nothing else")
          .refine((typed) => typed === RESTORE_CONFIRMATION, "Type RESTORE in capitals to confirm")
          .meta({
            title: "Confirmation",
            description:
              "Type RESTORE. Every change made since this backup is lost; signed-in users may be signed out.",
          }),
      }),
      confirm: {
        description: "The live database is replaced by this backup once the checks pass. This cannot be undone.",
        confirmLabel: "Restore",
        destructive: true,
      },
      access: readyBackups,
      successMessage: "Restore started: the outcome appears under Last check",
      run: ({ record, user, enqueue, update }) => queueCheck("restore", record, user, enqueue, update),
    }),
  }),
  access: {
    list: admins,
    get: admins,
    create: theBackups,
    update: theBackups,
    delete: theBackups,
    restore: theBackups,
    purge: theBackups,
    revert: theBackups,
  },
});
