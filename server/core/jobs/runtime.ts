/**
 * Running jobs (decision 018): makes every job's queue (so any instance can enqueue), and in a worker process polls
 * each queue with the job's concurrency, runs the handler with its input checked and an AbortSignal that fires at the
 * job's timeout or shutdown, and keeps the code's schedules in pg-boss (created idempotently, removed when gone from
 * the code). pg-boss retries failures with the job's backoff, and its maintenance retries a job whose worker died
 * once the job's timeout has passed.
 */
import type PgBoss from "pg-boss";
import postgres from "postgres";
import type { Database } from "@/db/client";
import { logger } from "@/server/core/logging/logger";
import { withLock } from "../lock";
import { type BossOptions, createBoss, JOBS_CHANNEL } from "./boss";
import type { AnyJob, ScheduleDefinition } from "./define";
import { queueOptions, sendOptions } from "./enqueue";

export class JobTimeoutError extends Error {
  constructor(job: AnyJob) {
    super(`${job.name} took longer than its timeout of ${job.timeoutSeconds} s`);
    this.name = "JobTimeoutError";
  }
}

export class WorkerStoppingError extends Error {
  constructor(job: AnyJob) {
    super(`${job.name} was stopped by the worker shutting down; it will be retried`);
    this.name = "WorkerStoppingError";
  }
}

export interface JobsRuntimeOptions extends BossOptions {
  db: Database;
  jobs: readonly AnyJob[];
  schedules?: readonly ScheduleDefinition[];
  /** Poll queues and run jobs here (a worker); false only makes sure the queues exist. */
  work: boolean;
  log?: (line: string) => void;
}

export interface JobsRuntime {
  boss: PgBoss;
  /** Jobs running in this process now. */
  running(): number;
  /**
   * Stops taking jobs, lets running ones finish for up to `graceMs`, then aborts the rest (each fails its attempt
   * and is retried by pg-boss), and closes the pool.
   */
  stop(graceMs?: number): Promise<void>;
}

export async function startJobs(options: JobsRuntimeOptions): Promise<JobsRuntime> {
  const log = options.log ?? ((line: string) => logger("jobs").info(line));
  assertUniqueNames(options.jobs, options.schedules ?? []);
  const boss = createBoss({ ...options, supervise: options.work });
  await boss.start();
  try {
    // pg-boss's create_queue deadlocks when two instances make the same new queues at once: one at a time.
    await withLock(options.db, "jobs.queues", async () => {
      for (const job of options.jobs) await ensureQueue(boss, job);
    });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true });
    throw error;
  }

  const running = new Map<AbortController, Promise<unknown>>();
  const workerIds: string[] = [];
  const workersOf = new Map<string, string[]>();
  let listener: postgres.Sql | undefined;
  if (options.work) {
    for (const job of options.jobs) {
      for (let slot = 0; slot < job.concurrency; slot++) {
        let id: string | undefined;
        id = await boss.work(
          job.name,
          { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
          async ([item]) => {
            if (!item) return;
            // pg-boss 10 waits out its polling interval after every fetch, even one that found a job: told it was
            // notified, the worker asks for the next job at once while the queue has any.
            if (id) boss.notifyWorker(id);
            return runOne(job, item, options.db, running);
          },
        );
        workerIds.push(id);
        workersOf.set(job.name, [...(workersOf.get(job.name) ?? []), id]);
      }
    }
    await syncSchedules(boss, options.schedules ?? [], log);
    listener = await listenForJobs(options.url, options.applicationName, (queue) => {
      for (const id of workersOf.get(queue) ?? []) boss.notifyWorker(id);
    });
  }

  let stopped: Promise<void> | undefined;
  return {
    boss,
    running: () => running.size,
    stop(graceMs = 20_000) {
      stopped ??= (async () => {
        await listener?.end({ timeout: 2 });
        await Promise.all(workerIds.map((id) => boss.offWork({ id })));
        const settled = Promise.allSettled(running.values());
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([settled, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
        clearTimeout(timer);
        if (running.size > 0) log(`stopping ${running.size} running job(s) past the shutdown grace; they will retry`);
        for (const controller of running.keys()) controller.abort("stopping");
        await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
      })();
      return stopped;
    },
  };
}

/**
 * One connection listening for new jobs (enqueue NOTIFYs on commit). Polling stays the safety net: a notification
 * lost while the connection was down only means the job starts at the next poll.
 */
async function listenForJobs(url: string, applicationName: string | undefined, wake: (queue: string) => void) {
  const listener = postgres(url, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: `${applicationName ?? "atrium-jobs"}-listen` },
  });
  try {
    await listener.listen(JOBS_CHANNEL, wake);
  } catch (error) {
    logger("jobs").error({ err: error }, "cannot listen for new jobs; workers will poll");
  }
  return listener;
}

/** One attempt: input checked, the handler raced against its timeout and shutdown. */
async function runOne(
  job: AnyJob,
  item: PgBoss.JobWithMetadata<unknown>,
  db: Database,
  running: Map<AbortController, Promise<unknown>>,
): Promise<unknown> {
  const parsed = job.input.safeParse(item.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `input does not match ${job.name}'s schema (${issue?.path.join(".") || "input"}: ${issue?.message})`,
    );
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort("timeout"), job.timeoutSeconds * 1000);
  const work = Promise.resolve().then(() =>
    job.run(parsed.data, { id: item.id, attempt: item.retryCount, signal: controller.signal, db }),
  );
  running.set(controller, work);
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () =>
      reject(controller.signal.reason === "timeout" ? new JobTimeoutError(job) : new WorkerStoppingError(job)),
    );
  });
  try {
    const result = await Promise.race([work, aborted]);
    // pg-boss keeps an object as the job's output; anything else is wrapped so it is kept too.
    return result === undefined || (typeof result === "object" && result !== null) ? result : { value: result };
  } finally {
    clearTimeout(timer);
    running.delete(controller);
    // A handler that ignores the signal may still be running: its eventual rejection must not go unhandled.
    work.catch(() => {});
  }
}

/** Creates the job's queue if it is new, and brings its retry and timeout in line with the code. */
async function ensureQueue(boss: PgBoss, job: AnyJob) {
  const { retryLimit, retryDelay, retryBackoff, expireInSeconds } = queueOptions(job);
  const queue: PgBoss.Queue = {
    name: job.name,
    // "stately": at most one job per key waiting (and one running), which is what singletonKey promises.
    policy: job.singletonKey ? "stately" : "standard",
    ...(retryLimit !== undefined ? { retryLimit } : {}),
    ...(retryDelay !== undefined ? { retryDelay } : {}),
    ...(retryBackoff !== undefined ? { retryBackoff } : {}),
    ...(expireInSeconds !== undefined ? { expireInSeconds } : {}),
  };
  await boss.createQueue(job.name, queue);
  await boss.updateQueue(job.name, queue);
}

/** The code's schedules, and only those: one per job (pg-boss keys schedules by queue). */
async function syncSchedules(boss: PgBoss, schedules: readonly ScheduleDefinition[], log: (line: string) => void) {
  const wanted = new Set(schedules.map((s) => s.job.name));
  for (const existing of await boss.getSchedules()) {
    if (!wanted.has(existing.name)) {
      await boss.unschedule(existing.name);
      log(`schedule of ${existing.name} removed (no longer in the code)`);
    }
  }
  for (const s of schedules) {
    await boss.schedule(s.job.name, s.cron, s.input as object, { tz: s.tz, ...sendOptions(s.job, s.input) });
  }
}

function assertUniqueNames(jobs: readonly AnyJob[], schedules: readonly ScheduleDefinition[]) {
  const seen = new Set<string>();
  for (const job of jobs) {
    if (seen.has(job.name)) throw new Error(`two jobs are named ${job.name}`);
    seen.add(job.name);
  }
  const scheduled = new Set<string>();
  for (const s of schedules) {
    if (!seen.has(s.job.name)) throw new Error(`schedule of ${s.job.name}: the job is not in the job list`);
    if (scheduled.has(s.job.name)) throw new Error(`${s.job.name} has two schedules; one per job`);
    scheduled.add(s.job.name);
  }
}
