/**
 * The app's background jobs and schedules (docs/jobs.md): every job any code may enqueue must be listed here, so
 * each instance makes its queue and workers run it. Schedules run a listed job on a cron, once per tick across all
 * instances.
 */
import type { AnyJob, ScheduleDefinition } from "@/server/core/jobs/define";

export const jobs: AnyJob[] = [];

export const schedules: ScheduleDefinition[] = [];
