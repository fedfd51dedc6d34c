/**
 * What the coordinator (bench/live.ts) and its subscriber processes (subscriber-worker.ts) say to each other over
 * Node's IPC channel, and the few rules both sides must apply alike (who may see which write).
 */

/** Who a subscriber reads as: a member's index (0, 1, ...), or one of these. */
export const ANONYMOUS = -1;
export const EDITOR = -2;

/** Who may see one write: everyone (a published post), or a member's index (that member's draft, and editors). */
export const EVERYONE = -1;

export function mayRead(reader: number, audience: number): boolean {
  return audience === EVERYONE || reader === EDITOR || reader === audience;
}

export interface SubscriberSpec {
  reader: number;
  /** `Bearer atr_...` for signed-in readers. */
  authorization?: string;
}

export interface OpenRequest {
  type: "open";
  port: number;
  path: string;
  subscribers: SubscriberSpec[];
  /** Connection attempts in flight at once, per process. */
  concurrency: number;
}

export type ToWorker =
  | OpenRequest
  /** Starts the measured window (CPU time is counted from here). */
  | { type: "start" }
  /** A write the subscribers should see: its message key, when it was sent (monotonic ms), and who may see it. */
  | { type: "expect"; key: string; sentAt: number; audience: number }
  | { type: "progress" }
  | { type: "finish" };

export interface WorkerResult {
  /** Streams that got `ready`, and of those, how many were still open at the end. */
  ready: number;
  open: number;
  /** Streams that never got `ready` (HTTP error, refused, timed out), with a few reasons. */
  failed: number;
  reasons: string[];
  /** Expected (subscriber, write) pairs among ready subscribers, and what happened to them. */
  expected: number;
  delivered: number;
  missing: number;
  duplicates: number;
  /** Messages a subscriber may not see, or of no write the bench made. */
  unexpected: number;
  histogram: [number, number][];
  maxMs: number;
  firstAt: number;
  lastAt: number;
  /** CPU time of this process in the measured window, ms. */
  cpuMs: number;
  fdLimit: string;
}

export type FromWorker =
  | { type: "opened"; ready: number; failed: number; seconds: number }
  | { type: "progress"; expected: number; received: number }
  | ({ type: "result" } & WorkerResult);

/** Monotonic milliseconds, comparable across processes on one machine (CLOCK_MONOTONIC), unlike performance.now(). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
