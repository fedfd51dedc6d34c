/**
 * What the admin's Jobs page reads from pg-boss's tables (decision 021): counts by state per queue, pages of jobs
 * and one job. Every query names the queues it may see (the app's job list, given by the caller), so it reads only
 * those partitions of `pgboss.job` (pg-boss partitions it by queue) and never another app's jobs on a shared
 * schema. Inputs and results are cut to a bound in SQL: a job's data may be megabytes, a page of them must not be.
 */
import { and, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../executor";
import { CANCELLABLE, JOB_STATES, type JobState, RETRYABLE } from "./states";
import { bossArchive, bossJob } from "./tables";

/** Characters of a job's input (as JSON) and error a list row carries; the job's own page shows more. */
export const LIST_TEXT_LIMIT = 1_000;
export const DETAIL_TEXT_LIMIT = 20_000;

export type StateCounts = Record<JobState, number>;

export const emptyCounts = (): StateCounts => Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as StateCounts;

export interface JobSummary {
  id: string;
  queue: string;
  state: JobState;
  /** Attempts started so far (0 while it waits for its first). */
  attempts: number;
  /** Attempts it may have in all: the first plus its retries. */
  maxAttempts: number;
  /** The input as JSON text, cut at the limit. */
  input: string;
  inputTruncated: boolean;
  /** The last failed attempt's error message (also while it waits for a retry, or runs one); null when none. */
  error: string | null;
  createdAt: Date;
  /** Not before this: a delayed job, or a retry's backoff. */
  startAfter: Date;
  /** When its latest attempt started. */
  startedAt: Date | null;
  /** When it completed, failed for good or was cancelled. */
  finishedAt: Date | null;
  canRetry: boolean;
  canCancel: boolean;
}

export interface JobDetail extends JobSummary {
  /** A completed job's result as JSON text, cut at the limit. Errors are in `error`; stacks never leave the server. */
  output: string | null;
  outputTruncated: boolean;
  singletonKey: string | null;
  priority: number;
  /** Seconds before the first retry; doubled per retry with backoff. */
  retryDelay: number;
  retryBackoff: boolean;
  /** Moved to pg-boss's archive by maintenance: read-only from then on. */
  archivedAt: Date | null;
}

type JobTable = typeof bossJob | typeof bossArchive;

/**
 * The error message an output holds: our runtime's errors come serialised as `{ name, message, stack }`, pg-boss's
 * own (timeouts, shutdown) as `{ value: { message } }` or `{ value: "text" }`. A completed job's output is a result.
 */
function errorText(t: JobTable, limit: number): SQL<string | null> {
  return sql<string | null>`case when ${t.state} <> 'completed' then left(coalesce(
    ${t.output}->>'message',
    ${t.output}#>>'{value,message}',
    case when jsonb_typeof(${t.output}->'value') = 'string' then ${t.output}->>'value' end
  ), ${limit}) end`;
}

function summaryColumns(t: JobTable, limit: number) {
  return {
    id: t.id,
    queue: t.name,
    state: t.state,
    retryCount: t.retryCount,
    retryLimit: t.retryLimit,
    input: sql<string>`left(coalesce(${t.data}::text, 'null'), ${limit})`,
    inputLength: sql<number>`length(coalesce(${t.data}::text, 'null'))`.mapWith(Number),
    error: errorText(t, limit),
    createdAt: t.createdOn,
    startAfter: t.startAfter,
    startedAt: t.startedOn,
    finishedAt: t.completedOn,
  };
}

type SummaryRow = {
  id: string;
  queue: string;
  state: JobState;
  retryCount: number;
  retryLimit: number;
  input: string;
  inputLength: number;
  error: string | null;
  createdAt: Date;
  startAfter: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

function summary(row: SummaryRow, archived: boolean): JobSummary {
  const { retryCount, retryLimit, inputLength, ...rest } = row;
  return {
    ...rest,
    // pg-boss counts retries when it fetches one, and marks a first fetch only by setting started_on.
    attempts: row.startedAt === null ? 0 : retryCount + 1,
    maxAttempts: retryLimit + 1,
    inputTruncated: inputLength > row.input.length,
    canRetry: !archived && RETRYABLE.includes(row.state),
    canCancel: !archived && CANCELLABLE.includes(row.state),
  };
}

/** Jobs by state for each queue (zeros included), from pg-boss's job table: what waits, runs, or recently finished. */
export async function stateCounts(db: Executor, queues: readonly string[]): Promise<Map<string, StateCounts>> {
  const counts = new Map(queues.map((q) => [q, emptyCounts()]));
  if (queues.length === 0) return counts;
  const rows = await db
    .select({ queue: bossJob.name, state: bossJob.state, n: count() })
    .from(bossJob)
    .where(inArray(bossJob.name, [...queues]))
    .groupBy(bossJob.name, bossJob.state);
  for (const row of rows) {
    const byState = counts.get(row.queue);
    if (byState && row.state in byState) byState[row.state] = row.n;
  }
  return counts;
}

export interface JobListQuery {
  /** The queues the caller may see (the app's job list). */
  queues: readonly string[];
  /** One of them, or all. */
  queue?: string | undefined;
  states?: readonly JobState[] | undefined;
  page: number;
  perPage: number;
}

/** One page of jobs, newest first, in the list contract. A retried job keeps its place (it keeps its creation time). */
export async function listJobs(db: Executor, query: JobListQuery) {
  const queues = query.queue === undefined ? [...query.queues] : query.queues.filter((q) => q === query.queue);
  const { page, perPage } = query;
  if (queues.length === 0) return { items: [], page, perPage, totalItems: 0, totalPages: 0 };
  const where = and(
    inArray(bossJob.name, queues),
    query.states && query.states.length > 0 ? inArray(bossJob.state, [...query.states]) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(summaryColumns(bossJob, LIST_TEXT_LIMIT))
      .from(bossJob)
      .where(where)
      .orderBy(desc(bossJob.createdOn), desc(bossJob.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ n: count() }).from(bossJob).where(where),
  ]);
  const totalItems = total?.n ?? 0;
  return {
    items: rows.map((row) => summary(row, false)),
    page,
    perPage,
    totalItems,
    totalPages: Math.ceil(totalItems / perPage),
  };
}

function detailColumns(t: JobTable) {
  return {
    ...summaryColumns(t, DETAIL_TEXT_LIMIT),
    output: sql<
      string | null
    >`case when ${t.state} = 'completed' then left(${t.output}::text, ${DETAIL_TEXT_LIMIT}) end`,
    outputLength: sql<number>`coalesce(length(${t.output}::text), 0)`.mapWith(Number),
    singletonKey: t.singletonKey,
    priority: t.priority,
    retryDelay: t.retryDelay,
    retryBackoff: t.retryBackoff,
  };
}

/** One job of the given queues by id: from the job table, else from the archive (read-only); null when neither. */
export async function findJob(db: Executor, queues: readonly string[], id: string): Promise<JobDetail | null> {
  if (queues.length === 0) return null;
  const [live] = await db
    .select(detailColumns(bossJob))
    .from(bossJob)
    .where(and(inArray(bossJob.name, [...queues]), eq(bossJob.id, id)))
    .limit(1);
  if (live) return detail(live, null);
  const [archived] = await db
    .select({ ...detailColumns(bossArchive), archivedAt: bossArchive.archivedOn })
    .from(bossArchive)
    .where(and(inArray(bossArchive.name, [...queues]), eq(bossArchive.id, id)))
    .limit(1);
  return archived ? detail(archived, archived.archivedAt) : null;
}

function detail(
  row: SummaryRow & {
    output: string | null;
    outputLength: number;
    singletonKey: string | null;
    priority: number;
    retryDelay: number;
    retryBackoff: boolean;
  },
  archivedAt: Date | null,
): JobDetail {
  const { output, outputLength, singletonKey, priority, retryDelay, retryBackoff, ...rest } = row;
  return {
    ...summary(rest, archivedAt !== null),
    output,
    outputTruncated: output !== null && outputLength > output.length,
    singletonKey,
    priority,
    retryDelay,
    retryBackoff,
    archivedAt,
  };
}
