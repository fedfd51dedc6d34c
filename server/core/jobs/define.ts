/**
 * Jobs and schedules as code (decision 018): `defineJob` declares a durable unit of background work with its input
 * schema, retry, timeout and concurrency; `schedule` runs one on a cron. Both are plain values: the app lists them
 * (server/jobs), the worker registers them with pg-boss, and `enqueue` sends them, typed by the input schema.
 */
import type { z } from "zod";
import type { Database } from "@/db/client";

/** "30s", "5m", "2h", or seconds as a number. */
export type Duration = number | `${number}${"s" | "m" | "h"}`;

export function durationSeconds(duration: Duration): number {
  if (typeof duration === "number") return duration;
  const match = /^(\d+(?:\.\d+)?)([smh])$/.exec(duration);
  if (!match) throw new Error(`not a duration: ${duration} (use "30s", "5m" or "2h")`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as "s" | "m" | "h"];
}

export interface JobContext {
  /** pg-boss's id of this run. */
  id: string;
  /** 0 on the first attempt. */
  attempt: number;
  /** Aborted when the job's timeout passes or the worker shuts down: long work should stop at it. */
  signal: AbortSignal;
  db: Database;
}

export interface RetryPolicy {
  /** Attempts after the first; 0 never retries. */
  limit: number;
  /** Seconds before the first retry (default 1 with backoff, else 0). */
  delay?: number;
  /** Doubles the delay after each failure (pg-boss's exponential backoff). */
  backoff?: boolean;
}

export interface JobOptions<I extends z.ZodType> {
  input: I;
  run: (input: z.output<I>, context: JobContext) => Promise<unknown> | unknown;
  /** Default: 2 retries with exponential backoff from 1 s. */
  retry?: RetryPolicy;
  /** How long one attempt may take (default "5m"); past it the attempt fails and is retried. */
  timeout?: Duration;
  /** Attempts this job runs at once per worker process (default 1). */
  concurrency?: number;
  /** At most one job of a key waiting or running: enqueueing another with the same key does nothing. */
  singletonKey?: (input: z.output<I>) => string;
}

export interface JobDefinition<I extends z.ZodType = z.ZodType> {
  kind: "job";
  /** The pg-boss queue: letters, digits, ".", "-", "_". */
  name: string;
  input: I;
  run: (input: z.output<I>, context: JobContext) => Promise<unknown> | unknown;
  retry: Required<RetryPolicy>;
  timeoutSeconds: number;
  concurrency: number;
  singletonKey?: (input: z.output<I>) => string;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of jobs of any input, as registries hold them.
export type AnyJob = JobDefinition<any>;

const JOB_NAME = /^[a-z][a-z0-9._-]{0,63}$/;

export function defineJob<I extends z.ZodType>(name: string, options: JobOptions<I>): JobDefinition<I> {
  if (!JOB_NAME.test(name)) throw new Error(`job name "${name}": lower-case letters, digits, ".", "-", "_"`);
  const backoff = options.retry?.backoff ?? options.retry === undefined;
  const { limit = 2, delay = backoff ? 1 : 0 } = options.retry ?? {};
  // pg-boss takes whole numbers here and would refuse others only when the queue is made, at start.
  if (!Number.isInteger(limit) || limit < 0 || limit > 100) throw new Error(`job ${name}: retry.limit from 0 to 100`);
  if (!Number.isInteger(delay) || delay < 0 || delay > 86_400)
    throw new Error(`job ${name}: retry.delay in whole seconds`);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 100) {
    throw new Error(`job ${name}: concurrency must be a whole number from 1 to 100`);
  }
  const timeoutSeconds = durationSeconds(options.timeout ?? "5m");
  if (timeoutSeconds < 1 || timeoutSeconds > 24 * 3600) throw new Error(`job ${name}: timeout from 1s to 24h`);
  return {
    kind: "job",
    name,
    input: options.input,
    run: options.run,
    retry: { limit, delay, backoff },
    timeoutSeconds,
    concurrency,
    ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
  };
}

export interface ScheduleDefinition {
  kind: "schedule";
  cron: string;
  job: AnyJob;
  input: unknown;
  /** IANA time zone of the cron (default UTC). */
  tz: string;
}

/** Runs `job` with `input` on every tick of `cron` (five fields, minutes), exactly once per tick across instances. */
export function schedule<I extends z.ZodType>(
  cron: string,
  job: JobDefinition<I>,
  input: z.input<I>,
  options: { tz?: string } = {},
): ScheduleDefinition {
  return { kind: "schedule", cron, job, input: job.input.parse(input), tz: options.tz ?? "UTC" };
}
