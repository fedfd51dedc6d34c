/**
 * The app's background jobs and schedules (docs/jobs.md): every job any code may enqueue must be listed here, so
 * each instance makes its queue and workers run it. Schedules run a listed job on a cron, once per tick across all
 * instances.
 */
import type { AnyJob, ScheduleDefinition } from "@/server/core/jobs/define";
import { mailJob } from "@/server/mail/job";
import { backupJobs, backupSchedules } from "@/server/ops/backup/jobs";
import { pruneRequestLogJob, pruneRequestLogSchedule } from "@/server/ops/logging/retention";
import { pruneMetricSamples, pruneMetricSamplesSchedule } from "@/server/ops/metrics/retention";
import { taskRunner, taskSchedules } from "@/server/tasks";
import { webhookDelivery } from "@/server/webhooks";
import { accountMailJobs } from "./account-mail";
import { passwordResetJob } from "./password-reset";
import { weeklyDigest, weeklyDigestSchedule } from "./weekly-digest";

export const jobs: AnyJob[] = [passwordResetJob, mailJob];

export const schedules: ScheduleDefinition[] = [];

// The account mails that carry a link or a code (sign-up verification, reset, sign-in code, email change).
jobs.push(...accountMailJobs);

// The steps of the app's tasks (server/tasks), and their schedules.
jobs.push(...taskRunner.jobs);
schedules.push(...taskSchedules);

// Webhook deliveries (docs/webhooks.md).
jobs.push(webhookDelivery);

// The request log's retention: rows older than LOG_RETENTION_DAYS deleted every hour (docs/operations-logs.md).
jobs.push(pruneRequestLogJob);
schedules.push(pruneRequestLogSchedule);

// Metric samples past METRICS_RETENTION_DAYS, deleted hourly (docs/operations-metrics.md).
jobs.push(pruneMetricSamples);
schedules.push(pruneMetricSamplesSchedule);

// Backups taken, checked and restored in a worker; scheduled by BACKUP_SCHEDULE (docs/operations-backups.md).
jobs.push(...backupJobs);
schedules.push(...backupSchedules());

// The demo blog's weekly digest (server/jobs/weekly-digest.ts); `npm run demo:remove` drops these lines.
jobs.push(weeklyDigest);
schedules.push(weeklyDigestSchedule);
