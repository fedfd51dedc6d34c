/**
 * Starting the job system in a server or worker process (docs/jobs.md). The app's instances all make the queues, so
 * any of them can enqueue; with JOBS_WORKER=on (the default) each also runs jobs, and `npm run worker` runs a process
 * that only runs jobs. Started at boot by instrumentation.ts; if the database is not there yet it tries again.
 */
import "server-only";
import { getDb } from "@/db/client";
import { databaseApplicationNameFromEnv, env } from "@/env";
import { type JobsRuntime, startJobs } from "@/server/core/jobs/runtime";
import { logger } from "@/server/core/logging/logger";
import { appWebhooks } from "@/server/webhooks";
import { jobs, schedules } from "./index";

const RETRY_START_MS = 10_000;

// Kept on globalThis: Next's development server may evaluate this module more than once in one process.
const state = globalThis as unknown as { atriumJobs?: { runtime?: JobsRuntime; starting?: Promise<JobsRuntime> } };

export function startAppJobs(work: boolean): Promise<JobsRuntime> {
  // Jobs write through the engine too (a task's states, the digest's banner): their changes must reach webhooks in
  // this process as well, which may be a worker that never loads the API router, or a bundle of its own in Next.
  appWebhooks.install();
  state.atriumJobs ??= {};
  const slot = state.atriumJobs;
  slot.starting ??= (async () => {
    for (;;) {
      try {
        const config = env();
        if (!config.DATABASE_URL) throw new Error("DATABASE_URL is not set");
        slot.runtime = await startJobs({
          url: config.DATABASE_URL,
          db: getDb(),
          jobs,
          schedules,
          work,
          poolMax: config.JOBS_POOL_MAX,
          pollingIntervalSeconds: config.JOBS_POLL_SECONDS,
          maintenanceIntervalSeconds: config.JOBS_MAINTENANCE_SECONDS,
          applicationName: `${databaseApplicationNameFromEnv()}-jobs`,
        });
        return slot.runtime;
      } catch (error) {
        logger("jobs").error(
          { err: error },
          `could not start (${error instanceof Error ? error.message : String(error)}); trying again in ${RETRY_START_MS / 1000} s`,
        );
        await new Promise((resolve) => setTimeout(resolve, RETRY_START_MS));
      }
    }
  })();
  return slot.starting;
}

/** Stops taking jobs and lets running ones finish within JOBS_SHUTDOWN_GRACE_SECONDS; the rest are retried later. */
export async function stopAppJobs(): Promise<void> {
  await state.atriumJobs?.runtime?.stop(env().JOBS_SHUTDOWN_GRACE_SECONDS * 1000);
}

/**
 * In a Next server: on SIGTERM or SIGINT, Next closes its HTTP server and then calls process.exit, which would cut
 * running jobs short. Its exit is held until the jobs have stopped (bounded by the grace), so a deploy's shutdown
 * finishes or hands back every running job. Next offers no shutdown hook of its own outside development.
 */
export function stopJobsBeforeExit(): void {
  let stopping: Promise<void> | undefined;
  const onSignal = () => {
    if (stopping) return;
    stopping = stopAppJobs().catch((error: unknown) => logger("jobs").error({ err: error }, "stopping failed"));
    const exit = process.exit.bind(process);
    process.exit = ((code?: number | string | null) => {
      void stopping?.finally(() => exit(code ?? undefined));
    }) as typeof process.exit;
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
