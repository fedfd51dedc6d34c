/**
 * Sending a job (decision 018). Inside a write's transaction (`{ tx }`), the job row is inserted by that transaction:
 * it exists if and only if the write commits (a transactional outbox, with pg-boss's table as the outbox), so no job
 * is lost between COMMIT and a side effect and none runs for a write that rolled back.
 */
import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import type postgres from "postgres";
import type { z } from "zod";
import { getDb } from "@/db/client";
import type { Executor } from "../executor";
import { JOBS_CHANNEL, JOBS_SCHEMA } from "./boss";
import type { JobDefinition } from "./define";

/**
 * pg-boss's SQL run on a Drizzle executor's own connection, so it joins that executor's transaction. The text goes
 * to postgres.js as pg-boss wrote it (`unsafe`), with its `$1`, `$2`: pg-boss reuses one placeholder as text, time
 * and interval (`$5` in its insert), which only works when the server infers each parameter once, as it does here.
 */
export function executorDb(executor: Executor): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const rows = await clientOf(executor).unsafe(text, values.map(serialize) as postgres.ParameterOrJSON<never>[]);
      return { rows: Array.from(rows) };
    },
  };
}

/**
 * The postgres.js connection behind a Drizzle database or transaction. Drizzle keeps it on its session and offers
 * no public way to send raw text with numbered parameters, which pg-boss's SQL needs.
 */
function clientOf(executor: Executor): postgres.Sql {
  const client = (executor as unknown as { session?: { client?: postgres.Sql } }).session?.client;
  if (!client) throw new Error("jobs need a postgres.js Drizzle database or transaction");
  return client;
}

/** As node-postgres sends values (pg-boss's own driver): objects as JSON text, dates as ISO text, the rest as is. */
function serialize(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

/** The retry and timeout a job's definition implies, for its queue and each job sent to it. */
export function queueOptions(job: JobDefinition) {
  return {
    retryLimit: job.retry.limit,
    retryDelay: job.retry.delay,
    retryBackoff: job.retry.backoff,
    // pg-boss's own limit backs ours up (the worker aborts at timeoutSeconds); it also decides when maintenance
    // retries a job whose worker died.
    expireInSeconds: job.timeoutSeconds + 2,
  };
}

/** The pg-boss send options of one job: its queue's, and its singleton key. */
export function sendOptions(job: JobDefinition, input: unknown): PgBoss.SendOptions {
  return { ...queueOptions(job), ...(job.singletonKey ? { singletonKey: job.singletonKey(input) } : {}) };
}

export class JobNotQueuedError extends Error {
  constructor(job: string) {
    super(`job ${job} was not queued: its queue does not exist (is the job in the app's job list?)`);
  }
}

export interface EnqueueOptions {
  /** The transaction the job belongs to: it is queued if and only if this commits. Default: the app's pool. */
  tx?: Executor;
  /** Run no earlier than this (a Date, or seconds from now). */
  startAfter?: Date | number;
}

/**
 * Queues `job` with `input` (checked against its schema: a bad input is the caller's bug, thrown here, never a job
 * that fails later). Returns the job's id, or null when a job with the same singleton key is already waiting.
 */
export async function enqueue<I extends z.ZodType>(
  job: JobDefinition<I>,
  input: z.input<I>,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const data = job.input.parse(input) as object;
  const startAfter = options.startAfter instanceof Date ? options.startAfter.toISOString() : options.startAfter;
  const executor = options.tx ?? getDb();
  const id = await sender().send(job.name, data, {
    ...sendOptions(job, data),
    ...(startAfter !== undefined ? { startAfter } : {}),
    db: executorDb(executor),
  });
  // pg-boss inserts nothing for an unknown queue and says so only by returning null, as it does for a singleton key
  // already waiting: never lose a job silently.
  if (id === null && !(job.singletonKey && (await queueExists(executor, job.name)))) {
    throw new JobNotQueuedError(job.name);
  }
  // Wakes the queue's idle workers on every instance once (and only if) this commits, instead of at their next poll.
  if (id !== null && startAfter === undefined)
    await (options.tx ?? getDb()).execute(sql`select pg_notify(${JOBS_CHANNEL}, ${job.name})`);
  return id;
}

async function queueExists(executor: Executor, name: string): Promise<boolean> {
  const rows = await executor.execute(sql`select 1 from ${sql.identifier(JOBS_SCHEMA)}.queue where name = ${name}`);
  return rows.length > 0;
}

let senderBoss: PgBoss | undefined;

/**
 * A pg-boss that only writes SQL: every send names the executor it runs on, so it needs no pool and no start, and
 * any process (a web-only instance, a script) can enqueue.
 */
function sender(): PgBoss {
  senderBoss ??= new PgBoss({
    schema: JOBS_SCHEMA,
    db: {
      executeSql: () => Promise.reject(new Error("the job sender has no connection of its own")),
    },
  });
  return senderBoss;
}
