/**
 * Samples older than METRICS_RETENTION_DAYS are deleted every hour, by whichever instance's worker takes the job, in
 * batches of PRUNE_BATCH rows (each its own short statement, so pruning never holds a long lock or a long
 * transaction) and at most PRUNE_MAX_BATCHES per run: a backlog is worked off over the next runs.
 */
import { inArray, lt } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { metricSamples } from "@/db/schema";
import { metricsFromEnv } from "@/env";
import { defineJob, schedule } from "@/server/core/jobs/define";

export const PRUNE_BATCH = 5_000;
export const PRUNE_MAX_BATCHES = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes samples taken before `before`; returns how many went. */
export async function pruneSamples(
  db: Database,
  before: Date,
  options: { batch?: number; maxBatches?: number } = {},
): Promise<number> {
  const batch = options.batch ?? PRUNE_BATCH;
  const maxBatches = options.maxBatches ?? PRUNE_MAX_BATCHES;
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    const oldest = db
      .select({ id: metricSamples.id })
      .from(metricSamples)
      .where(lt(metricSamples.at, before))
      .limit(batch);
    const rows = await db
      .delete(metricSamples)
      .where(inArray(metricSamples.id, oldest))
      .returning({ id: metricSamples.id });
    deleted += rows.length;
    if (rows.length < batch) break;
  }
  return deleted;
}

export const pruneMetricSamples = defineJob("ops.metrics.prune", {
  input: z.object({}).strict(),
  // The next hour's run picks up whatever this one could not.
  retry: { limit: 1, delay: 60, backoff: false },
  timeout: "10m",
  singletonKey: () => "metric-samples",
  run: async (_input, { db }) => ({
    deleted: await pruneSamples(db, new Date(Date.now() - metricsFromEnv().METRICS_RETENTION_DAYS * DAY_MS)),
  }),
});

export const pruneMetricSamplesSchedule = schedule("41 * * * *", pruneMetricSamples, {});
