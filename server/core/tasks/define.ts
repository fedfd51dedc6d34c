/**
 * Tasks (docs/tasks.md): a durable state machine per run. Each non-final state has a step; a step's result names
 * the next state (one its transitions allow) and what to hand on. Steps run as jobs, one after another, each with
 * its own timeout; a step that throws or outlives its timeout moves the run to the failure state and raises an
 * alarm. Runs with the same `lock` key never overlap.
 */
import type { z } from "zod";
import type { Database } from "@/db/client";
import type { Transaction } from "../executor";
import { type Duration, durationSeconds } from "../jobs/define";

export interface StepContext<I, S extends string> {
  runId: string;
  input: I;
  state: S;
  /** What earlier steps handed on. */
  data: Record<string, unknown>;
  /** Aborted at the state's timeout or when the worker stops. */
  signal: AbortSignal;
  db: Database;
}

export interface StepResult<S extends string> {
  next: S;
  /** Merged into the run's data for the steps after this one (JSON values only). */
  data?: Record<string, unknown>;
}

export interface AlarmContext {
  tx: Transaction;
  runId: string;
  task: string;
  state: string;
  error: string;
}

export interface TaskOptions<I extends z.ZodType, S extends string> {
  input: I;
  /** Every state, in the order people read them. */
  states: readonly S[];
  initial: S;
  /** The final states: where a run ends when all went well, and where any failure puts it. */
  succeeded: S;
  failed: S;
  /** The states each state's step may move to (the failure state is always allowed). */
  transitions: { [K in S]?: readonly S[] };
  steps: { [K in S]?: (context: StepContext<z.output<I>, S>) => Promise<StepResult<S>> | StepResult<S> };
  /** Per state; default "5m". */
  timeouts?: { [K in S]?: Duration };
  /** Runs whose key is equal never overlap: a later run waits until the earlier one has finished. */
  lock?: (input: z.output<I>) => string;
  /** Called in the transaction that fails the run (e.g. to enqueue a notification): it commits with the failure. */
  onAlarm?: (alarm: AlarmContext) => Promise<void>;
  /** Runs of this task at once per worker process (default 2). */
  concurrency?: number;
}

export interface TaskDefinition<I extends z.ZodType = z.ZodType, S extends string = string> extends TaskOptions<I, S> {
  kind: "task";
  name: string;
  timeoutSeconds: Record<string, number>;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of tasks of any input and states, as registries hold them.
export type AnyTask = TaskDefinition<any, any>;

const TASK_NAME = /^[a-z][a-z0-9._-]{0,59}$/;

export function defineTask<I extends z.ZodType, const S extends string>(
  name: string,
  options: TaskOptions<I, S>,
): TaskDefinition<I, S> {
  const problems: string[] = [];
  if (!TASK_NAME.test(name)) problems.push(`the name: lower-case letters, digits, ".", "-", "_"`);
  const states = new Set<string>(options.states);
  for (const state of [options.initial, options.succeeded, options.failed]) {
    if (!states.has(state)) problems.push(`"${state}" is not one of its states`);
  }
  if (options.succeeded === options.failed) problems.push("succeeded and failed must be different states");
  const final = new Set<string>([options.succeeded, options.failed]);
  const timeoutSeconds: Record<string, number> = {};
  for (const state of options.states) {
    const step = options.steps[state];
    const next = options.transitions[state] ?? [];
    if (final.has(state)) {
      if (step) problems.push(`"${state}" is final and cannot have a step`);
      continue;
    }
    if (!step) problems.push(`"${state}" has no step`);
    if (next.length === 0) problems.push(`"${state}" has no transitions`);
    for (const target of next) if (!states.has(target)) problems.push(`"${state}" moves to unknown "${target}"`);
    timeoutSeconds[state] = durationSeconds(options.timeouts?.[state] ?? "5m");
  }
  if (problems.length > 0) throw new Error(`task ${name}: ${problems.join("; ")}`);
  return { ...options, kind: "task", name, timeoutSeconds };
}

/** Whether a state ends a run. */
export function isFinal(task: AnyTask, state: string): boolean {
  return state === task.succeeded || state === task.failed;
}
