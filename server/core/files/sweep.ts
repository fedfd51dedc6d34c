/**
 * Deleting files nobody uses (decision 017): uploads never attached, and files a record let go of, once their grace
 * is over; a purged record's files at once. Ledger rows go after their bytes, so a failure leaves a row to retry,
 * never bytes nobody knows about. Every instance runs the sweeper; a transaction-scoped advisory lock lets one
 * sweep at a time.
 */
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type FileRow, files } from "@/db/schema";
import { env } from "@/env";
import { logger } from "@/server/core/logging/logger";
import type { Executor } from "../executor";
import { storageFor, thumbsDir } from "./storage";

/** Rows one sweep handles: bounded work per run; the next run takes the rest. */
const SWEEP_BATCH = 500;

/** An arbitrary, fixed key for pg_try_advisory_xact_lock: "atrium files sweep". */
const SWEEP_LOCK = 0x617466; // "atf"

export interface SweepResult {
  deleted: number;
  /** Files whose storage is not configured on this instance (kept, with their rows). */
  skipped: number;
  failed: number;
}

/** Deletes these rows' bytes (and cached thumbnails), then the rows whose bytes are gone. */
async function deleteFiles(db: Executor, rows: FileRow[]): Promise<SweepResult> {
  const gone: string[] = [];
  let skipped = 0;
  let failed = 0;
  for (const row of rows) {
    const storage = storageFor(row.storage);
    if (!storage) {
      skipped++;
      continue;
    }
    try {
      await storage.remove(row.key);
      await fs.rm(path.join(thumbsDir(), row.key), { recursive: true, force: true });
      gone.push(row.id);
    } catch (error) {
      failed++;
      logger("files").error({ err: error }, `could not delete ${row.storage} file ${row.id}; the next sweep retries`);
    }
  }
  if (gone.length > 0) await db.delete(files).where(inArray(files.id, gone));
  return { deleted: gone.length, skipped, failed };
}

/** Right after a purge commits: its files' grace is over (the sweeper retries whatever fails here). */
export async function deleteReleasedFiles(db: Database, ids: string[]): Promise<void> {
  try {
    const rows = await db
      .select()
      .from(files)
      .where(and(inArray(files.id, ids), eq(files.state, "detached")));
    await deleteFiles(db, rows);
  } catch (error) {
    logger("files").error({ err: error }, "deleting a purged record's files failed; the sweeper retries");
  }
}

/** One sweep: pending uploads and detached files past their grace, at most SWEEP_BATCH of them. */
export async function sweepFiles(db: Database, now = new Date()): Promise<SweepResult | null> {
  const hour = 3_600_000;
  const pendingBefore = new Date(now.getTime() - env().FILES_PENDING_GRACE_HOURS * hour);
  const detachedBefore = new Date(now.getTime() - env().FILES_DETACHED_GRACE_HOURS * hour);
  return db.transaction(async (tx) => {
    const [lock] = await tx.execute<{ locked: boolean }>(
      sql`select pg_try_advisory_xact_lock(${SWEEP_LOCK}) as locked`,
    );
    if (!lock?.locked) return null;
    const rows = await tx
      .select()
      .from(files)
      .where(
        or(
          and(eq(files.state, "pending"), lt(files.createdAt, pendingBefore)),
          and(eq(files.state, "detached"), lt(files.detachedAt, detachedBefore)),
        ),
      )
      .limit(SWEEP_BATCH)
      .for("update", { skipLocked: true });
    return deleteFiles(tx, rows);
  });
}

/** Starts the periodic sweep in this process (instrumentation.ts); returns a stop function. */
export function startFileSweeper(db: Database): () => void {
  const minutes = env().FILES_SWEEP_INTERVAL_MINUTES;
  if (minutes === 0) return () => {};
  const run = async () => {
    try {
      const result = await sweepFiles(db);
      if (result && result.deleted + result.failed > 0) {
        logger("files").info(`swept ${result.deleted} unused files (${result.failed} failed, retried next time)`);
      }
    } catch (error) {
      logger("files").error({ err: error }, "sweep failed; retried next time");
    }
  };
  const timer = setInterval(run, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
