/**
 * Keeps finished requests in the request_log table (docs/operations-logs.md). A request only hands its row over: the
 * row waits in a bounded buffer and is inserted with others, every second or as soon as a batch is full, on the app's
 * pool and outside any transaction, so logging never delays an answer nor holds a lock a write needs. A full buffer
 * drops new rows and counts them; a failed insert (the database down) puts its rows back and tries at the next tick.
 */
import { hostname } from "node:os";
import type { Database } from "@/db/client";
import { requestLog } from "@/db/schema";
import { logger } from "@/server/core/logging/logger";
import type { FinishedRequest } from "@/server/ops/request-events";

export type RequestLogRow = typeof requestLog.$inferInsert;

export interface RequestLogWriterOptions {
  /** The database to write to; may throw while it is down (the rows wait). */
  db: () => Database;
  /** Share of answers below 400 kept, 0 to 1 (LOG_REQUESTS_SAMPLE); 4xx and 5xx are always kept. */
  sample: number;
  /** Rows waiting at most (LOG_REQUESTS_BUFFER); past it new rows are dropped. */
  capacity: number;
  /** Rows per INSERT, and the count that starts a write before the next tick. */
  batchSize?: number;
  flushEveryMs?: number;
  /** The sampling's coin (tests pass their own). */
  random?: () => number;
}

export interface RequestLogStats {
  /** Rows inserted. */
  written: number;
  /** Successful requests left out by the sample. */
  sampledOut: number;
  /** Rows lost: the buffer was full. */
  dropped: number;
  /** Rows waiting now. */
  waiting: number;
  /** Inserts that failed (their rows were put back while there was room). */
  failedWrites: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** At most one warning about failed writes this often: an outage would otherwise log every second. */
const FAILURE_WARNING_EVERY_MS = 30_000;

/** Which app instance answered: the same on every row this process writes. */
export const INSTANCE = `${hostname()}:${process.pid}`.slice(0, 200);

const log = () => logger("request-log");

export class RequestLogWriter {
  private buffer: RequestLogRow[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private flushing: Promise<void> | undefined;
  private soonScheduled = false;
  private stopped = false;
  private droppedUnreported = 0;
  private failuresUnreported = 0;
  private lastFailureWarning = 0;
  private readonly batchSize: number;
  private readonly random: () => number;
  private readonly counts = { written: 0, sampledOut: 0, dropped: 0, failedWrites: 0 };

  constructor(private readonly options: RequestLogWriterOptions) {
    this.batchSize = Math.max(1, Math.min(options.batchSize ?? 500, options.capacity));
    this.random = options.random ?? Math.random;
  }

  /** Writes every `flushEveryMs` until stopped; the timer never keeps the process alive. */
  start(): this {
    if (!this.timer && !this.stopped) {
      this.timer = setInterval(() => void this.flush(), this.options.flushEveryMs ?? 1_000);
      this.timer.unref?.();
    }
    return this;
  }

  /** Takes a finished request: constant time, never waits, never throws. */
  accept(request: FinishedRequest): void {
    if (request.status < 400 && !(this.random() < this.options.sample)) {
      this.counts.sampledOut++;
      return;
    }
    if (this.stopped || this.buffer.length >= this.options.capacity) {
      this.counts.dropped++;
      this.droppedUnreported++;
      return;
    }
    this.buffer.push(toRow(request));
    if (this.buffer.length >= this.batchSize && !this.soonScheduled) {
      this.soonScheduled = true;
      setImmediate(() => {
        this.soonScheduled = false;
        void this.flush();
      });
    }
  }

  /** Inserts what is waiting now (one flush at a time; a second call joins the running one). */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  stats(): RequestLogStats {
    return { ...this.counts, waiting: this.buffer.length };
  }

  /** Stops the timer and writes what waits, giving up after `timeoutMs` (a shutdown must not hang on a dead database). */
  async stop(timeoutMs = 5_000): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    let timeout: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      (async () => {
        await this.flushing;
        await this.flush();
      })(),
      new Promise((resolve) => {
        timeout = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timeout);
  }

  private async drain(): Promise<void> {
    this.reportDrops();
    // Only the batches waiting when it began: under a flood, a flush still ends, and the next tick takes the rest.
    for (let batches = Math.ceil(this.buffer.length / this.batchSize); batches > 0; batches--) {
      const batch = this.buffer.splice(0, this.batchSize);
      if (batch.length === 0) return;
      try {
        await this.options.db().insert(requestLog).values(batch);
        this.counts.written += batch.length;
      } catch (error) {
        this.putBack(batch);
        this.reportFailure(error);
        return;
      }
    }
  }

  /** A failed batch goes back to the front, as far as there is room; the rest is dropped and counted. */
  private putBack(batch: RequestLogRow[]): void {
    this.counts.failedWrites++;
    const room = Math.max(0, this.options.capacity - this.buffer.length);
    const kept = batch.slice(0, room);
    this.buffer.unshift(...kept);
    const lost = batch.length - kept.length;
    this.counts.dropped += lost;
    this.droppedUnreported += lost;
  }

  private reportDrops(): void {
    if (this.droppedUnreported === 0) return;
    const dropped = this.droppedUnreported;
    this.droppedUnreported = 0;
    log().warn(
      { dropped, droppedTotal: this.counts.dropped, capacity: this.options.capacity },
      `request log buffer full: ${dropped} rows dropped`,
    );
  }

  private reportFailure(error: unknown): void {
    this.failuresUnreported++;
    const now = Date.now();
    if (now - this.lastFailureWarning < FAILURE_WARNING_EVERY_MS) return;
    this.lastFailureWarning = now;
    const failures = this.failuresUnreported;
    this.failuresUnreported = 0;
    log().warn(
      { failures, waiting: this.buffer.length, err: error },
      "writing the request log failed; the rows wait for the next try",
    );
  }
}

/** The row of a finished request, every text bounded and the actor a uuid or nothing (the column's type). */
export function toRow(request: FinishedRequest): RequestLogRow {
  return {
    at: request.at,
    requestId: request.requestId.slice(0, 100),
    method: request.method.slice(0, 16),
    route: request.route.slice(0, 200),
    procedure: request.procedures.length > 0 ? request.procedures.join(",").slice(0, 1_000) : null,
    status: Number.isInteger(request.status) && request.status >= 0 && request.status < 1_000 ? request.status : 0,
    durationMs: Number.isFinite(request.durationMs) && request.durationMs >= 0 ? request.durationMs : 0,
    actorId: request.actorId && UUID.test(request.actorId) ? request.actorId : null,
    ip: request.ip?.slice(0, 100) ?? null,
    userAgent: request.userAgent?.slice(0, 512) ?? null,
    error: request.error?.slice(0, 1_000) ?? null,
    instance: INSTANCE,
  };
}
