/**
 * Request log retention: rows older than LOG_RETENTION_DAYS are deleted by a job every hour (one run per tick across
 * all instances), in batches, so a large backlog never holds one long delete, its locks and its WAL at once.
 */
import { inArray, lt } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { requestLog } from "@/db/schema";
import { loggingFromEnv } from "@/env";
import { defineJob, schedule } from "@/server/core/jobs/define";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PruneOptions {
  /** Rows deleted per statement. */
  batchSize?: number;
  /** Statements per run at most; whatever is left waits for the next run. */
  maxBatches?: number;
  now?: Date;
}

/** Deletes request log rows older than `retentionDays`, oldest first, in bounded batches; returns how many. */
export async function pruneRequestLog(db: Database, retentionDays: number, options: PruneOptions = {}) {
  const batchSize = options.batchSize ?? 5_000;
  const maxBatches = options.maxBatches ?? 200;
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * DAY_MS);
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const oldest = db
      .select({ id: requestLog.id })
      .from(requestLog)
      .where(lt(requestLog.at, cutoff))
      .orderBy(requestLog.at)
      .limit(batchSize);
    const rows = await db.delete(requestLog).where(inArray(requestLog.id, oldest)).returning({ id: requestLog.id });
    deleted += rows.length;
    if (rows.length < batchSize) return { deleted, cutoff: cutoff.toISOString(), complete: true };
  }
  return { deleted, cutoff: cutoff.toISOString(), complete: false };
}

export const pruneRequestLogJob = defineJob("ops.request-log.prune", {
  input: z.object({}),
  retry: { limit: 1, delay: 60, backoff: false },
  timeout: "10m",
  singletonKey: () => "request-log",
  run: (_input, { db }) => pruneRequestLog(db, loggingFromEnv().LOG_RETENTION_DAYS),
});

/** Every hour, at minute 17 (off the hour, when other schedules tend to start). */
export const pruneRequestLogSchedule = schedule("17 * * * *", pruneRequestLogJob, {});
