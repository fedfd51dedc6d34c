import { sql } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Where a run is: moving through its states, waiting for its lock, or finished one way or the other. */
export const taskStatus = pgEnum("task_status", ["running", "waiting", "succeeded", "failed"]);

/**
 * One row per run of a task (server/core/tasks): a durable state machine. Each state's step runs as a job; the step's
 * result moves the row to its next state in the same transaction that queues the next step, so a run never skips or
 * repeats a state across crashes. A step that throws or outlives its timeout moves the run to the task's failure
 * state and raises an alarm (`alarm_at`) until an admin acknowledges it.
 */
export const taskRuns = pgTable(
  "task_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The task's name as defined in code. */
    task: text("task").notNull(),
    /** The state machine's current state (one of the task's states). */
    state: text("state").notNull(),
    status: taskStatus("status").notNull().default("running"),
    input: jsonb("input").$type<unknown>().notNull(),
    /** What the steps have handed on so far (each step's result merged in). */
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    /** Runs with the same key never overlap: a later one waits until the earlier one has finished. */
    lockKey: text("lock_key"),
    /** Why the run failed (a step's error or its timeout), in words. */
    error: text("error"),
    /** When the current state's step began (its timeout counts from here). */
    stepStartedAt: timestamp("step_started_at", { withTimezone: true }),
    alarmAt: timestamp("alarm_at", { withTimezone: true }),
    alarmAcknowledgedAt: timestamp("alarm_acknowledged_at", { withTimezone: true }),
    /** Who started it (null: a schedule or the system). No foreign key, like the audit trail. */
    startedBy: uuid("started_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("task_runs_task_idx").on(t.task, t.createdAt),
    index("task_runs_alarm_idx")
      .on(t.alarmAt)
      .where(sql`${t.alarmAt} is not null and ${t.alarmAcknowledgedAt} is null`),
    index("task_runs_lock_idx")
      .on(t.lockKey, t.createdAt)
      .where(sql`${t.lockKey} is not null and ${t.finishedAt} is null`),
  ],
);

/** The lock of each key held by a run now: one row per key, so two runs can never both hold it. */
export const taskLocks = pgTable("task_locks", {
  key: text("key").primaryKey(),
  runId: uuid("run_id").notNull(),
  acquiredAt: timestamp("acquired_at", { withTimezone: true }).notNull().defaultNow(),
});
