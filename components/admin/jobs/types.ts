/** The shapes the Jobs page renders, inferred from the jobs router (never copied). */
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/router";

type Outputs = inferRouterOutputs<AppRouter>["jobs"];

export type JobSummary = Outputs["list"]["items"][number];
export type JobDetail = Outputs["get"];
export type QueueInfo = Outputs["queues"][number];
export type ScheduleInfo = Outputs["schedules"][number];
