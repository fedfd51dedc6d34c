/**
 * Runs tasks (define.ts) on jobs: `start` inserts the run and queues its first step in one transaction; each step is
 * a job of the task's queue (`task.<name>`) that runs the state's step with its timeout, then, in one transaction,
 * moves the run to the next state and queues that state's step. A duplicate or stale step job (the run has moved on)
 * does nothing, so steps may be retried safely after a crash; a step itself runs at least once.
 *
 * Locks: a run with a lock key starts `waiting`; its first step takes the key's row in `task_locks` (one per key) or
 * looks again shortly; a finishing run gives the key back and wakes the oldest run waiting for it.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { taskLocks, taskRuns } from "@/db/schema";
import { type Actor, userOf } from "../actor";
import type { Change } from "../changes";
import type { Executor, Transaction } from "../executor";
import { type AnyJob, defineJob, type JobDefinition } from "../jobs/define";
import { enqueue } from "../jobs/enqueue";
import type { AnyResource } from "../resource";
import { type AnyTask, isFinal, type TaskDefinition } from "./define";
import { announceChanges, recordChange } from "./record";

/** A waiting run looks for its lock again after this long, besides being woken when the lock is given back. */
const LOCK_RECHECK_SECONDS = 5;
/** What steps may hand on, in all (JSON): a run is a state machine, not a store. */
const MAX_DATA_BYTES = 256 * 1024;
const MAX_ERROR_LENGTH = 2_000;

const stepInput = z.object({ runId: z.uuid(), state: z.string().min(1).max(100) });
type StepJob = JobDefinition<typeof stepInput>;
type RunRow = typeof taskRuns.$inferSelect;

export interface TaskRunner {
  /** Two jobs per task (its steps, and starting a run); list them with the app's jobs. */
  jobs: AnyJob[];
  /** The job that starts a run of `task` with its input: what a schedule runs (`schedule(cron, startJob(t), input)`). */
  startJob<I extends z.ZodType, S extends string>(task: TaskDefinition<I, S>): JobDefinition<I>;
  tasks: readonly AnyTask[];
  /** Starts a run (in `tx` when given: it exists if and only if that commits); returns its id. */
  start(task: AnyTask, input: unknown, options?: { tx?: Executor; actor?: Actor; db?: Database }): Promise<string>;
  /** Marks a failed run's alarm as seen. False when there was no open alarm. */
  acknowledge(runId: string, options: { db: Database; actor: Actor }): Promise<boolean>;
}

export class UnknownTaskError extends Error {}

export function createTaskRunner(options: { resource: AnyResource; tasks: readonly AnyTask[] }): TaskRunner {
  const { resource } = options;
  const jobOf = new Map<string, StepJob>();
  const startJobOf = new Map<string, AnyJob>();
  const taskOf = new Map<string, AnyTask>();
  for (const task of options.tasks) {
    if (taskOf.has(task.name)) throw new Error(`two tasks are named ${task.name}`);
    taskOf.set(task.name, task);
    const longest = Math.max(...Object.values(task.timeoutSeconds));
    jobOf.set(
      task.name,
      defineJob(`task.${task.name}`, {
        input: stepInput,
        // Retries here are for the machinery (the database away mid-step): a failing step fails the run instead.
        retry: { limit: 5, delay: 2, backoff: true },
        // Past the longest state's own timeout, which the step enforces itself.
        timeout: longest + 30,
        concurrency: task.concurrency ?? 2,
        run: (input, context) => runStep(task, input, context.db, context.signal),
      }),
    );
    startJobOf.set(
      task.name,
      defineJob(`task.${task.name}.start`, {
        input: task.input,
        // Once per tick is enough: a run that could not be started is retried, and its lock keeps runs apart.
        retry: { limit: 3, delay: 5, backoff: true },
        timeout: "1m",
        run: async (input, { db }) => ({ runId: await runner.start(task, input, { db }) }),
      }),
    );
  }
  const stepJob = (task: AnyTask): StepJob => {
    const job = jobOf.get(task.name);
    if (!job) throw new UnknownTaskError(`task ${task.name} is not in the runner's task list`);
    return job;
  };

  async function runStep(task: AnyTask, { runId, state }: z.output<typeof stepInput>, db: Database, stop: AbortSignal) {
    const [run] = await db.select().from(taskRuns).where(eq(taskRuns.id, runId));
    // Moved on, finished, or gone: this step job is a duplicate or stale.
    if (!run || run.finishedAt || run.state !== state) return { skipped: true };
    if (run.status === "waiting" && !(await acquire(db, task, run))) return { waiting: true };
    await db.update(taskRuns).set({ stepStartedAt: new Date() }).where(eq(taskRuns.id, runId));
    const outcome = await attempt(task, run, db, stop);
    await finishStep(db, task, run, outcome);
    return { state: outcome.ok ? outcome.result.next : task.failed };
  }

  /** Takes the run's lock, or queues another look: true when the step may go ahead. */
  async function acquire(db: Database, task: AnyTask, run: RunRow): Promise<boolean> {
    const changes: Change[] = [];
    const acquired = await db.transaction(async (tx) => {
      const key = run.lockKey as string;
      await tx.insert(taskLocks).values({ key, runId: run.id }).onConflictDoNothing({ target: taskLocks.key });
      const [holder] = await tx.select().from(taskLocks).where(eq(taskLocks.key, key));
      if (holder?.runId !== run.id) {
        await enqueue(stepJob(task), { runId: run.id, state: run.state }, { tx, startAfter: LOCK_RECHECK_SECONDS });
        return false;
      }
      const [after] = await tx
        .update(taskRuns)
        .set({ status: "running", updatedAt: new Date() })
        .where(eq(taskRuns.id, run.id))
        .returning();
      changes.push(await recordChange(tx, resource, "update", run.id, run, after ?? null, systemActor(task)));
      return true;
    });
    await announceChanges(db, resource, changes);
    return acquired;
  }

  /** Moves the run on (or to its failure state), in one transaction with the next step's job. */
  async function finishStep(db: Database, task: AnyTask, run: RunRow, outcome: Outcome) {
    const changes: Change[] = [];
    await db.transaction(async (tx) => {
      const [current] = await tx.select().from(taskRuns).where(eq(taskRuns.id, run.id)).for("update");
      if (!current || current.finishedAt || current.state !== run.state) return;
      let error = outcome.ok ? problemWith(task, run.state, outcome.result) : outcome.error;
      const next = error || !outcome.ok ? task.failed : outcome.result.next;
      const data = outcome.ok && !error ? { ...current.data, ...(outcome.result.data ?? {}) } : current.data;
      if (!error && JSON.stringify(data).length > MAX_DATA_BYTES) {
        error = `the step of "${run.state}" handed on more than ${MAX_DATA_BYTES / 1024} KB`;
      }
      const state = error ? task.failed : next;
      const now = new Date();
      const final = isFinal(task, state);
      const [after] = await tx
        .update(taskRuns)
        .set({
          state,
          data: error ? current.data : data,
          status: state === task.succeeded ? "succeeded" : state === task.failed ? "failed" : "running",
          error: error ? error.slice(0, MAX_ERROR_LENGTH) : null,
          stepStartedAt: null,
          updatedAt: now,
          finishedAt: final ? now : null,
          alarmAt: state === task.failed ? now : null,
        })
        .where(eq(taskRuns.id, run.id))
        .returning();
      changes.push(await recordChange(tx, resource, "update", run.id, current, after ?? null, systemActor(task)));
      if (!final) await enqueue(stepJob(task), { runId: run.id, state }, { tx });
      if (final && current.lockKey) await release(tx, current.lockKey, run.id);
      if (state === task.failed) {
        await task.onAlarm?.({ tx, runId: run.id, task: task.name, state: run.state, error: error ?? "failed" });
      }
    });
    await announceChanges(db, resource, changes);
  }

  /** Gives the key back and wakes the oldest run waiting for it. */
  async function release(tx: Transaction, key: string, runId: string) {
    await tx.delete(taskLocks).where(and(eq(taskLocks.key, key), eq(taskLocks.runId, runId)));
    const [waiter] = await tx
      .select({ id: taskRuns.id, task: taskRuns.task, state: taskRuns.state })
      .from(taskRuns)
      .where(and(eq(taskRuns.lockKey, key), isNull(taskRuns.finishedAt), eq(taskRuns.status, "waiting")))
      .orderBy(asc(taskRuns.createdAt))
      .limit(1);
    const waiting = waiter ? taskOf.get(waiter.task) : undefined;
    if (waiter && waiting) await enqueue(stepJob(waiting), { runId: waiter.id, state: waiter.state }, { tx });
  }

  const runner: TaskRunner = {
    jobs: [...jobOf.values(), ...startJobOf.values()],
    tasks: options.tasks,
    startJob<I extends z.ZodType, S extends string>(task: TaskDefinition<I, S>) {
      const job = startJobOf.get(task.name);
      if (!job) throw new UnknownTaskError(`task ${task.name} is not in the runner's task list`);
      return job as JobDefinition<I>;
    },
    async start(task, input, { tx, actor, db } = {}) {
      const job = stepJob(task);
      const parsed = task.input.parse(input);
      const lockKey = task.lock ? task.lock(parsed) : null;
      const by = actor ?? systemActor(task);
      const executor = tx ?? db;
      if (!executor) throw new Error("start a task with { tx } or { db }");
      const changes: Change[] = [];
      const id = await executor.transaction(async (inner) => {
        const [row] = await inner
          .insert(taskRuns)
          .values({
            task: task.name,
            state: task.initial,
            status: lockKey ? "waiting" : "running",
            input: parsed,
            lockKey,
            startedBy: userOf(by)?.id ?? null,
          })
          .returning();
        if (!row) throw new Error("the task run was not written");
        changes.push(await recordChange(inner, resource, "create", row.id, null, row, by));
        await enqueue(job, { runId: row.id, state: task.initial }, { tx: inner });
        return row.id;
      });
      // Inside a caller's transaction, the caller's commit is what makes it real: announce only our own.
      if (!tx && db) await announceChanges(db, resource, changes);
      return id;
    },
    async acknowledge(runId, { db, actor }) {
      const changes: Change[] = [];
      const done = await db.transaction(async (tx) => {
        const [current] = await tx.select().from(taskRuns).where(eq(taskRuns.id, runId)).for("update");
        if (!current?.alarmAt || current.alarmAcknowledgedAt) return false;
        const [after] = await tx
          .update(taskRuns)
          .set({ alarmAcknowledgedAt: sql`now()`, updatedAt: sql`now()` })
          .where(eq(taskRuns.id, runId))
          .returning();
        changes.push(await recordChange(tx, resource, "update", runId, current, after ?? null, actor));
        return true;
      });
      await announceChanges(db, resource, changes);
      return done;
    },
  };
  return runner;
}

type Outcome = { ok: true; result: { next: string; data?: Record<string, unknown> } } | { ok: false; error: string };

/** Runs the state's step with its timeout; a worker stopping is not the step's failure (the job is retried). */
async function attempt(task: AnyTask, run: RunRow, db: Database, stop: AbortSignal): Promise<Outcome> {
  const step = task.steps[run.state];
  if (!step) return { ok: false, error: `"${run.state}" has no step` };
  const seconds = task.timeoutSeconds[run.state] ?? 300;
  const controller = new AbortController();
  const onStop = () => controller.abort("stopping");
  stop.addEventListener("abort", onStop);
  const timer = setTimeout(() => controller.abort("timeout"), seconds * 1000);
  const aborted = new Promise<never>((_, reject) =>
    controller.signal.addEventListener("abort", () => reject(new StepAborted(String(controller.signal.reason)))),
  );
  const work = Promise.resolve().then(() =>
    step({
      runId: run.id,
      input: task.input.parse(run.input),
      state: run.state,
      data: run.data,
      signal: controller.signal,
      db,
    }),
  );
  try {
    return { ok: true, result: await Promise.race([work, aborted]) };
  } catch (error) {
    if (error instanceof StepAborted && error.message === "stopping") throw error;
    if (error instanceof StepAborted) {
      return { ok: false, error: `the step of "${run.state}" took longer than its timeout of ${seconds} s` };
    }
    return {
      ok: false,
      error: `the step of "${run.state}" failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    clearTimeout(timer);
    stop.removeEventListener("abort", onStop);
    work.catch(() => {});
  }
}

class StepAborted extends Error {}

/** Why a step's answer cannot be taken (a state its transitions do not allow), or null. */
function problemWith(task: AnyTask, state: string, result: { next: string }): string | null {
  const allowed: readonly string[] = task.transitions[state] ?? [];
  if (result.next === task.failed || allowed.includes(result.next)) return null;
  return `the step of "${state}" moved to "${result.next}", which is not among its transitions (${allowed.join(", ")})`;
}

function systemActor(task: AnyTask): Actor {
  return { kind: "system", reason: `task ${task.name}` };
}
