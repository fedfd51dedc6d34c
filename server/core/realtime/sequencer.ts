/**
 * Numbers committed live events in commit order, off the write path (docs/decisions/027-write-path.md).
 *
 * Writers queue their events (`live_events_queue`) and take no lock. A sequencer run, `live_events_sequence()`
 * (migration 0019), takes the one sequencer lock, moves every committed queued event to `live_events` in insert-id
 * order, numbering them as it goes, and NOTIFYs the listeners, in a transaction of its own. Runs of all instances
 * queue on that lock, writers never do, so the ids visible to any snapshot are still a prefix and "everything after my
 * last id" is still complete.
 *
 * Who runs it: the instance that wrote, right after its COMMIT (`wakeLiveSequencer`), so an event waits one round
 * trip, not a poll; and every listener every LIVE_SEQUENCE_POLL_MS, for events whose writer died between its COMMIT
 * and the wake, or that were written by a process that never wakes (a script). Runs coalesce: a wake while one runs
 * makes it run once more afterwards, so a burst of writes costs a few runs, not one each.
 */
import { sql } from "drizzle-orm";
import { availabilityOf, type Database } from "@/db/client";
import { logger } from "@/server/core/logging/logger";
import type { Executor } from "../executor";
import {
  LIVE_RETRY_MAX_MS,
  LIVE_RETRY_MIN_MS,
  LIVE_SEQUENCE_BATCH,
  LIVE_SEQUENCE_DELAY_MS,
  LIVE_SEQUENCE_GAP_MS,
} from "./config";
import { liveEventLogging } from "./log";

export class LiveSequencer {
  private running: Promise<void> | undefined;
  private again = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private delayTimer: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() when the last run started. */
  private lastRun = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Database,
    private readonly gapMs = LIVE_SEQUENCE_GAP_MS,
  ) {}

  /**
   * Numbers what has committed by now, within LIVE_SEQUENCE_DELAY_MS, or LIVE_SEQUENCE_GAP_MS after the last run
   * started if that is later; never throws (a failure is logged and retried with backoff). The delay gathers a burst
   * of writes into one run, the gap the steady writes of a busy instance: one run per write would cost a statement
   * per write.
   */
  wake(): void {
    if (this.retryTimer || this.delayTimer) return; // the run to come numbers everything committed by then
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = Math.max(LIVE_SEQUENCE_DELAY_MS, this.lastRun + this.gapMs - performance.now());
    this.delayTimer = setTimeout(() => {
      this.delayTimer = undefined;
      this.run();
    }, wait);
    this.delayTimer.unref?.();
  }

  private run(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.lastRun = performance.now();
    this.running = this.drain()
      .then(() => {
        this.failures = 0;
      })
      .catch((error: unknown) => {
        // The pool was closed (shutdown, a test's teardown): nothing left to number with, and nobody to tell.
        if (poolEnded(error)) return;
        availabilityOf(this.db)?.report(error);
        const delay = Math.min(LIVE_RETRY_MAX_MS, LIVE_RETRY_MIN_MS * 2 ** this.failures++);
        logger("live").error({ err: error }, `numbering live events failed; retrying in ${delay} ms`);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.run();
        }, delay);
        this.retryTimer.unref?.();
      })
      .finally(() => {
        this.running = undefined;
        // Woken while it ran: what committed meanwhile gets the next run, after the delay like any other.
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /**
   * Resolves once every event committed before the call is numbered (and its NOTIFY sent): what "caught up" waits for
   * first. Throws what the database throws.
   */
  async settle(): Promise<void> {
    await this.running;
    await this.drain();
  }

  stop(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.delayTimer);
    this.retryTimer = undefined;
    this.delayTimer = undefined;
  }

  /** Runs until a run numbers less than a full batch: the backlog is gone. */
  private async drain(): Promise<void> {
    let numbered: number;
    do {
      const [row] = await this.db.execute<{ n: number }>(
        sql`select live_events_sequence(${LIVE_SEQUENCE_BATCH}::integer) as n`,
      );
      numbered = Number(row?.n ?? 0);
    } while (numbered === LIVE_SEQUENCE_BATCH);
  }
}

function poolEnded(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    if ((e as { code?: unknown }).code === "CONNECTION_ENDED") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

// On globalThis, like the pool and the listener, so Next's separately bundled routes share one per pool.
const registry = globalThis as unknown as { atriumLiveSequencers?: WeakMap<Database, LiveSequencer> };

/** Stops the sequencer of a pool about to close (its retry timer), and forgets it. */
export function closeSequencer(db: Database): void {
  registry.atriumLiveSequencers?.get(db)?.stop();
  registry.atriumLiveSequencers?.delete(db);
}

export function sequencerFor(db: Database): LiveSequencer {
  registry.atriumLiveSequencers ??= new WeakMap();
  let sequencer = registry.atriumLiveSequencers.get(db);
  if (!sequencer) {
    sequencer = new LiveSequencer(db);
    registry.atriumLiveSequencers.set(db, sequencer);
  }
  return sequencer;
}

/**
 * Called after a COMMIT that logged live events: numbers them (and wakes every listener) without delaying the caller.
 * Given a transaction's handle (a write nested in a transaction nobody registered for after-commit work), it does
 * nothing: that COMMIT has not happened yet, and the handle will be closed; the listeners' safety-net run numbers it.
 */
export function wakeLiveSequencer(db: Executor): void {
  if ("rollback" in db || !liveEventLogging.enabled) return;
  sequencerFor(db).wake();
}

/** Resolves once every live event committed on this database before the call is numbered (tests, scripts). */
export function settleLiveEvents(db: Database): Promise<void> {
  return sequencerFor(db).settle();
}
