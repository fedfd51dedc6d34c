/**
 * The app's background jobs and schedules (docs/jobs.md): every job any code may enqueue must be listed here, so
 * each instance makes its queue and workers run it. Schedules run a listed job on a cron, once per tick across all
 * instances.
 */
import type { AnyJob, ScheduleDefinition } from "@/server/core/jobs/define";
import { taskRunner, taskSchedules } from "@/server/tasks";

export const jobs: AnyJob[] = [];

export const schedules: ScheduleDefinition[] = [];

// The steps of the app's tasks (server/tasks), and their schedules.
jobs.push(...taskRunner.jobs);
schedules.push(...taskSchedules);
