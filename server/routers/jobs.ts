/**
 * `jobs.*`: the admin's view of the app's background jobs (docs/jobs-admin.md, decision 021): counts by state per
 * queue, pages of jobs with input, error and attempts, one job, the schedules with their next run, and retry or
 * cancel (audited). Admins only: a job's input and error may hold what no resource rule would show an editor.
 * Queues are the app's job list (server/jobs), and nothing else can be named.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { emptyCounts, findJob, listJobs, stateCounts } from "@/server/core/jobs/admin";
import type { AnyJob } from "@/server/core/jobs/define";
import { cancelJob, retryJob } from "@/server/core/jobs/intervene";
import { listSchedules } from "@/server/core/jobs/schedules";
import { JOB_STATES } from "@/server/core/jobs/states";
import { logger } from "@/server/core/logging/logger";
import { jobs as appJobs } from "@/server/jobs";
import { adminProcedure, listOutput, router } from "@/server/trpc";

/** Rows one page may ask for, and the deepest page: bounds the OFFSET a caller can make the database skip. */
export const MAX_PER_PAGE = 100;
export const MAX_PAGE = 1_000;

const state = z.enum(JOB_STATES);

const summaryOutput = z.object({
  id: z.string(),
  queue: z.string(),
  state,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  input: z.string(),
  inputTruncated: z.boolean(),
  error: z.string().nullable(),
  createdAt: z.date(),
  startAfter: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  canRetry: z.boolean(),
  canCancel: z.boolean(),
});

const detailOutput = summaryOutput.extend({
  output: z.string().nullable(),
  outputTruncated: z.boolean(),
  singletonKey: z.string().nullable(),
  priority: z.number().int(),
  retryDelay: z.number().int(),
  retryBackoff: z.boolean(),
  archivedAt: z.date().nullable(),
});

const queueOutput = z.object({
  name: z.string(),
  counts: z.record(state, z.number().int()),
  retryLimit: z.number().int(),
  timeoutSeconds: z.number(),
  concurrency: z.number().int(),
});

const scheduleOutput = z.object({
  queue: z.string(),
  cron: z.string(),
  timeZone: z.string(),
  input: z.string(),
  nextRunAt: z.date().nullable(),
});

const jobId = z.uuid({ message: "Not a job id (a UUID)." });

export function createJobsRouter(jobs: readonly AnyJob[]) {
  const names = jobs.map((job) => job.name);
  const known = new Set(names);
  const queue = z
    .string()
    .max(64, "Not a queue of this app.")
    .refine((name) => known.has(name), "Not a queue of this app.");
  const target = z.object({ queue, id: jobId }).strict();

  return router({
    /** Every queue of the app with its jobs counted by state and what its definition says about retries. */
    queues: adminProcedure.output(z.array(queueOutput)).query(async ({ ctx }) => {
      const counts = await stateCounts(ctx.db, names);
      return jobs.map((job) => ({
        name: job.name,
        counts: counts.get(job.name) ?? emptyCounts(),
        retryLimit: job.retry.limit,
        timeoutSeconds: job.timeoutSeconds,
        concurrency: job.concurrency,
      }));
    }),

    /** The schedules, with the time of each one's next run. */
    schedules: adminProcedure.output(z.array(scheduleOutput)).query(({ ctx }) => listSchedules(ctx.db, names)),

    /** Jobs newest first, optionally of one queue and one state, in the list contract. */
    list: adminProcedure
      .input(
        z
          .object({
            page: z.number().int().min(1).max(MAX_PAGE).default(1),
            perPage: z.number().int().min(1).max(MAX_PER_PAGE).default(20),
            queue: queue.optional(),
            state: state.optional(),
          })
          .strict()
          .default({ page: 1, perPage: 20 }),
      )
      .output(listOutput(summaryOutput))
      .query(({ ctx, input }) =>
        listJobs(ctx.db, {
          queues: names,
          queue: input.queue,
          states: input.state ? [input.state] : undefined,
          page: input.page,
          perPage: input.perPage,
        }),
      ),

    /** One job by id, also once pg-boss has archived it. */
    get: adminProcedure
      .input(z.object({ id: jobId }).strict())
      .output(detailOutput)
      .query(async ({ ctx, input }) => {
        const job = await findJob(ctx.db, names, input.id);
        if (!job) throw new TRPCError({ code: "NOT_FOUND", message: "No such job." });
        return job;
      }),

    /** A failed job gets one more attempt; a cancelled one resumes. One audit entry ("retry"). */
    retry: adminProcedure
      .input(target)
      .output(detailOutput)
      .mutation(async ({ ctx, input }) => {
        const job = await retryJob(ctx.db, { ...input, actor: ctx.actor, requestId: ctx.requestId });
        logger("jobs").info(`admin ${ctx.actor.user.id} retried job ${job.id} of ${job.queue}`);
        return job;
      }),

    /** A waiting or running job is cancelled. One audit entry ("cancel"). */
    cancel: adminProcedure
      .input(target)
      .output(detailOutput)
      .mutation(async ({ ctx, input }) => {
        const job = await cancelJob(ctx.db, { ...input, actor: ctx.actor, requestId: ctx.requestId });
        logger("jobs").info(`admin ${ctx.actor.user.id} cancelled job ${job.id} of ${job.queue}`);
        return job;
      }),
  });
}

export const jobsRouter = createJobsRouter(appJobs);
