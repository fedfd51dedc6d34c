/**
 * The app's tasks (docs/tasks.md): durable state machines whose runs the admin follows live. Every task that may be
 * started must be listed here; their jobs and schedules join the app's (server/jobs/index.ts).
 */
import { type ScheduleDefinition, schedule } from "@/server/core/jobs/define";
import type { AnyTask } from "@/server/core/tasks/define";
import { createTaskRunner } from "@/server/core/tasks/runner";
import { taskRunsResource } from "@/server/resources/task-runs";
import { recountPosts } from "./recount-posts";

export const tasks: AnyTask[] = [];
export const taskSchedules: ScheduleDefinition[] = [];

// The demo blog's task (server/tasks/recount-posts.ts); `npm run demo:remove` drops these lines.
tasks.push(recountPosts);

export const taskRunner = createTaskRunner({ resource: taskRunsResource, tasks });

// Nightly, besides runs started by hand from the admin; `npm run demo:remove` drops this line too.
taskSchedules.push(schedule("0 3 * * *", taskRunner.startJob(recountPosts), { reason: "nightly" }));
