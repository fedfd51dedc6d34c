/**
 * The app's background jobs and schedules (docs/jobs.md): every job any code may enqueue must be listed here, so
 * each instance makes its queue and workers run it. Schedules run a listed job on a cron, once per tick across all
 * instances.
 */
import type { AnyJob, ScheduleDefinition } from "@/server/core/jobs/define";
import { mailJob } from "@/server/mail/job";
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

// The demo blog's weekly digest (server/jobs/weekly-digest.ts); `npm run demo:remove` drops these lines.
jobs.push(weeklyDigest);
schedules.push(weeklyDigestSchedule);
