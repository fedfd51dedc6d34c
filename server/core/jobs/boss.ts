/**
 * The pg-boss instance of this process (decision 018): jobs live in PostgreSQL (schema `pgboss`, created and migrated
 * by pg-boss itself at start), on a small pool of its own so background work never takes the app's connections.
 * `createBoss` is for tests and the worker; the app uses the one `sharedBoss()` per process.
 */
import PgBoss from "pg-boss";
import { logger } from "@/server/core/logging/logger";

/** Where pg-boss keeps its tables. */
export const JOBS_SCHEMA = "pgboss";
/** NOTIFY channel of new jobs (payload: the queue), so idle workers start at once rather than at their next poll. */
export const JOBS_CHANNEL = "atrium_jobs";

export interface BossOptions {
  url: string;
  /** Connections of pg-boss's own pool. */
  poolMax?: number;
  /** Runs maintenance (expiring jobs of dead workers, retention) and the cron clock: workers do, web-only instances not. */
  supervise?: boolean;
  /** How often a worker asks for new jobs when idle. */
  pollingIntervalSeconds?: number;
  /** How often maintenance runs: a job whose worker died is retried at most this long after its timeout. */
  maintenanceIntervalSeconds?: number;
  /** How often the cron clock looks for due schedules. */
  cronIntervalSeconds?: number;
  applicationName?: string;
}

export function createBoss(options: BossOptions): PgBoss {
  const supervise = options.supervise ?? true;
  const boss = new PgBoss({
    connectionString: options.url,
    max: options.poolMax ?? 4,
    application_name: options.applicationName ?? "atrium-jobs",
    schema: JOBS_SCHEMA,
    migrate: true,
    supervise,
    schedule: supervise,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    cronMonitorIntervalSeconds: options.cronIntervalSeconds ?? 30,
    cronWorkerIntervalSeconds: Math.max(1, Math.min(5, options.cronIntervalSeconds ?? 5)),
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    // Failed jobs stay in the live table (where the admin can retry them) for a week, not pg-boss's 12 hours;
    // archived jobs are deleted a week later.
    archiveFailedAfterSeconds: 7 * 24 * 3600,
    deleteAfterDays: 7,
  });
  // pg-boss emits errors of its background loops (a lost connection, a failed maintenance run); they are retried by
  // it, so they are logged, never thrown: an unhandled 'error' event would end the process.
  boss.on("error", (error) => {
    // The server closing idle connections (a restart, or the dev server's database stopping first) is routine: the
    // pool connects again on its next use.
    if ((error as { code?: string }).code === "57P01") return;
    logger("jobs").error({ err: error }, error instanceof Error ? error.message : String(error));
  });
  return boss;
}

/**
 * Creates or upgrades pg-boss's schema, with the app's migrations (db/migrate.ts): a deploy's `db:migrate` readies
 * the job tables too, and test databases cloned from the migrated template start with them.
 */
export async function installJobsSchema(url: string): Promise<void> {
  const boss = createBoss({ url, poolMax: 1, supervise: false, applicationName: "atrium-migrate" });
  await boss.start();
  await boss.stop({ graceful: false, wait: true, close: true });
}
