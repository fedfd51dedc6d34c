/**
 * One listener per app instance (per database pool): a single LISTEN connection, whatever the number of subscribers.
 * A NOTIFY only wakes it; it then reads every committed event after its cursor from the log, so a missed or coalesced
 * notification, or a dropped connection (postgres.js reconnects and we catch up), never loses an event. Each event
 * is evaluated once per audience (cached), turned into a message per subscriber, and pushed to their inboxes in
 * event order.
 *
 * Failures stay where they belong. The cursor moves past an event only once it has been delivered to every subscriber
 * the listener keeps: when the database cannot answer, the event is read and evaluated again later (with backoff),
 * never skipped. When PostgreSQL refuses one audience's query, that audience alone is given up on: its subscribers'
 * streams end (they resume by Last-Event-ID, replaying from the log) and everyone else gets the event at once.
 */
import { availabilityOf, type Database } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { logger } from "@/server/core/logging/logger";
import type { Actor } from "../actor";
import type { Audience, Visibility } from "./audience";
import {
  LIVE_CHANNEL,
  LIVE_FETCH_BATCH,
  LIVE_INBOX_BYTES,
  LIVE_INBOX_LIMIT,
  LIVE_PRUNE_EVERY_MS,
  LIVE_RETENTION_MS,
  LIVE_RETRY_MAX_MS,
  LIVE_RETRY_MIN_MS,
  LIVE_SEQUENCE_POLL_MS,
} from "./config";
import { type EvaluationHook, Evaluations } from "./evaluations";
import { type LiveEvent, latestEventId, pruneEvents, readEvents } from "./events";
import { Inbox } from "./inbox";
import { actorKey, messageOf, type Plan, planEvent } from "./plan";
import { closeSequencer, sequencerFor } from "./sequencer";
import { bytesOf } from "./size";
import {
  type ActivityWatcher,
  type Delivery,
  LiveEvaluationFailure,
  type RecordChange,
  type Subscriber,
} from "./subscriber";

export interface ListenerOptions {
  retentionMs?: number;
  /** 0 turns periodic pruning off (tests prune by hand). */
  pruneEveryMs?: number;
  /** 0 turns the sequencer's safety-net runs off (tests that prove the wake after COMMIT alone suffices). */
  sequenceEveryMs?: number;
  /** Fault injection for tests: runs before every visibility query (see evaluations.ts). */
  beforeEvaluate?: EvaluationHook;
}

/** Deliveries handed out before the listener lets other work run (about 20 ms of fan-out on a 2-core machine). */
const DELIVERIES_PER_SLICE = 500;

// Parallel evaluations per round; the pool bounds it anyway, this keeps request handlers from starving.
const EVALUATE_AT_ONCE = 16;

export class LiveListener {
  /** Every event up to here has been delivered to every subscriber that needs it: reading resumes after it. */
  private cursor = 0;
  /**
   * The newest event read from the log, delivered or not yet. Subscribers join here: whatever is at or below it they
   * replay from the log, whatever is above reaches their inbox. Events between the cursor and here that are retried
   * therefore never reach a subscriber that joined meanwhile twice (its replay covered them), nor skip an older one.
   */
  private horizon = 0;
  /** Failed attempts in a row, for the backoff. */
  private failures = 0;
  private startup: Promise<void> | undefined;
  private ready = false;
  private stopped = false;
  private draining: Promise<void> | undefined;
  private again = false;
  private unlisten: (() => Promise<void>) | undefined;
  private pruneTimer: ReturnType<typeof setInterval> | undefined;
  private sequenceTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly watchers = new Set<ActivityWatcher>();
  private readonly evaluations: Evaluations;
  /** Events delivered and messages handed to subscribers since start: counters the metrics turn into rates. */
  private readonly counted = { events: 0, deliveries: 0 };

  constructor(
    readonly db: Database,
    private readonly options: ListenerOptions = {},
  ) {
    this.evaluations = new Evaluations(db, options.beforeEvaluate);
  }

  /** The newest event id delivered to every subscriber. */
  get position(): number {
    return this.cursor;
  }

  /** Bytes of visibility results cached (bounded by LIVE_EVALUATION_CACHE_BYTES). */
  get evaluationCacheBytes(): number {
    return this.evaluations.cachedBytes;
  }

  /** Events delivered (each once, whatever its audience) and messages pushed to subscribers, since the start. */
  get delivered(): { events: number; deliveries: number } {
    return { ...this.counted };
  }

  /** Audit-log watchers (`audit.onChange`), counted apart from record subscribers. */
  get watcherCount(): number {
    return this.watchers.size;
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  /** LISTENs (once) and settles the cursor on the newest committed event. */
  start(): Promise<void> {
    this.startup ??= this.listen().catch((error) => {
      this.startup = undefined; // the next subscriber tries again
      throw error;
    });
    return this.startup;
  }

  private async listen() {
    const meta = await this.db.$client.listen(
      LIVE_CHANNEL,
      () => this.wake(),
      // Called again after postgres.js re-LISTENs on a new connection: the database is back, so retry now (not after
      // the backoff) and read what was committed meanwhile.
      () => this.reconnected(),
    );
    this.unlisten = meta.unlisten;
    // Read after LISTEN is active, so nothing commits unseen between the two.
    this.cursor = await latestEventId(this.db);
    this.horizon = this.cursor;
    this.ready = true;
    const every = this.options.pruneEveryMs ?? LIVE_PRUNE_EVERY_MS;
    if (every > 0) {
      this.pruneTimer = setInterval(() => void this.prune(), every);
      this.pruneTimer.unref?.();
    }
    // Events committed while no instance numbered them (a writer that died before waking the sequencer, a script).
    const sequencer = sequencerFor(this.db);
    const sequenceEvery = this.options.sequenceEveryMs ?? LIVE_SEQUENCE_POLL_MS;
    if (sequenceEvery > 0) {
      this.sequenceTimer = setInterval(() => sequencer.wake(), sequenceEvery);
      this.sequenceTimer.unref?.();
    }
    sequencer.wake();
    this.wake();
  }

  /** Resolves once every event committed before the call has been delivered to subscribers' inboxes. */
  async caughtUp(): Promise<void> {
    await this.start();
    // Committed is not yet numbered: the sequencer runs just after COMMIT, not inside it.
    await sequencerFor(this.db).settle();
    const target = await latestEventId(this.db);
    while (this.cursor < target || this.draining) {
      if (this.draining) await this.draining;
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async prune(): Promise<number> {
    try {
      return await pruneEvents(this.db, this.options.retentionMs ?? LIVE_RETENTION_MS);
    } catch (error) {
      logger("live").error({ err: error }, "pruning the event log failed");
      return 0;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pruneTimer);
    clearInterval(this.sequenceTimer);
    clearTimeout(this.retryTimer);
    for (const set of this.subscribers.values()) for (const sub of set) sub.inbox.close();
    this.subscribers.clear();
    for (const watcher of this.watchers) watcher.inbox.close();
    this.watchers.clear();
    await this.draining;
    await this.unlisten?.().catch(() => {});
  }

  /** Registers a subscriber; events after the listener's current position will be pushed to its inbox. */
  async subscribe(spec: { audience: Audience; actor: Actor; recordId?: string }): Promise<Subscriber> {
    await this.start();
    const name = spec.audience.resource.name;
    const set = this.subscribers.get(name) ?? new Set<Subscriber>();
    this.subscribers.set(name, set);
    const sub: Subscriber = {
      ...spec,
      messageKey: `${spec.audience.key}#${actorKey(spec.actor)}`,
      recordId: spec.recordId,
      from: this.horizon,
      inbox: new Inbox<Delivery>({
        items: LIVE_INBOX_LIMIT,
        bytes: LIVE_INBOX_BYTES,
        sizeOf: (delivery) => bytesOf(delivery.message),
      }),
      close: () => {
        sub.inbox.close();
        leave();
      },
      fail: (error) => {
        sub.inbox.fail(error);
        leave();
      },
    };
    const leave = () => {
      set.delete(sub);
      if (set.size === 0 && this.subscribers.get(name) === set) this.subscribers.delete(name);
    };
    set.add(sub);
    return sub;
  }

  /** Every event after the listener's current position, unfiltered, pushed to the watcher's inbox. */
  async watchAll(): Promise<ActivityWatcher> {
    await this.start();
    const watcher: ActivityWatcher = {
      from: this.horizon,
      inbox: new Inbox<LiveEvent>({ items: LIVE_INBOX_LIMIT, bytes: LIVE_INBOX_BYTES, sizeOf: bytesOf }),
      close: () => {
        watcher.inbox.close();
        this.watchers.delete(watcher);
      },
    };
    this.watchers.add(watcher);
    return watcher;
  }

  /** What each event means for one subscriber (null: nothing it may know about), in order. Used to replay. */
  async messagesFor(
    events: LiveEvent[],
    sub: Pick<Subscriber, "audience" | "actor">,
  ): Promise<(RecordChange | null)[]> {
    const out: (RecordChange | null)[] = [];
    for (let i = 0; i < events.length; i += EVALUATE_AT_ONCE) {
      const chunk = events.slice(i, i + EVALUATE_AT_ONCE);
      const seen = await Promise.all(chunk.map((e) => this.evaluations.of(e, sub.audience)));
      for (const [j, e] of chunk.entries()) out.push(messageOf(sub.audience, sub.actor, e, seen[j] as Visibility));
    }
    return out;
  }

  private wake(): void {
    // While a retry is scheduled, notifications change nothing: the retry reads everything after the cursor.
    if (!this.ready || this.stopped || this.retryTimer) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .then(() => {
        this.failures = 0;
      })
      .catch((error: unknown) => {
        // The circuit breaker learns of an outage even when no request is running.
        availabilityOf(this.db)?.report(error);
        const delay = Math.min(LIVE_RETRY_MAX_MS, LIVE_RETRY_MIN_MS * 2 ** this.failures++);
        // An outage repeats this every retry: one line with the cause, not the query and its parameters each time.
        const why = isDatabaseUnavailable(error) ? rootCause(error) : error;
        logger("live").error(
          why instanceof Error ? { err: why } : { reason: why },
          `delivering events after ${this.cursor} failed; retrying in ${delay} ms`,
        );
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.wake();
        }, delay);
        this.retryTimer.unref?.();
      })
      .finally(() => {
        this.draining = undefined;
      });
  }

  private reconnected(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.failures = 0;
    this.wake();
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      const events = await readEvents(this.db, this.cursor, { limit: LIVE_FETCH_BATCH });
      const last = events.at(-1);
      if (!last) break;
      // Subscribers joining while this batch is delivered start after it (and replay it if they resume), so no event
      // reaches anyone twice; the cursor itself moves only as events are delivered (dispatch).
      this.horizon = Math.max(this.horizon, last.seq);
      await this.dispatch(events);
      if (events.length === LIVE_FETCH_BATCH) this.again = true;
    } while (this.again && !this.stopped);
  }

  /**
   * Evaluates a few events at once and delivers them in order, moving the cursor past each as it is delivered. An
   * event that cannot be evaluated at all (the database is unavailable) stops the round there: it and what follows
   * are read again on the retry.
   */
  private async dispatch(events: LiveEvent[]): Promise<void> {
    let pushed = 0;
    for (let i = 0; i < events.length; i += EVALUATE_AT_ONCE) {
      const chunk = events.slice(i, i + EVALUATE_AT_ONCE);
      const plans = await Promise.allSettled(chunk.map((e) => this.plan(e)));
      for (const planned of plans) {
        if (planned.status === "rejected") throw planned.reason;
        const { event, deliveries, refused } = planned.value;
        if (refused.length > 0) this.refuse(event, refused);
        for (const watcher of this.watchers) if (event.seq > watcher.from) watcher.inbox.push(event);
        for (const [sub, delivery] of deliveries) {
          deliver(sub, delivery);
          this.counted.deliveries++;
          // Tens of thousands of deliveries would hold the event loop for a noticeable time: let requests (writes,
          // pages, health checks) in between slices. Order per subscriber is kept: slices run in sequence.
          if (++pushed % DELIVERIES_PER_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        }
        this.cursor = event.seq;
        this.counted.events++;
      }
    }
  }

  private plan(event: LiveEvent): Promise<Plan> {
    const targets = [...(this.subscribers.get(event.resource) ?? [])].filter(
      (s) => event.seq > s.from && (s.recordId === undefined || s.recordId === event.recordId),
    );
    return planEvent(event, targets, this.evaluations);
  }

  /** Ends the streams of subscribers an event could not be evaluated for; they resume from their last event id. */
  private refuse(event: LiveEvent, refused: [Subscriber, unknown][]): void {
    const byAudience = new Map<string, unknown>();
    for (const [sub, error] of refused) {
      if (!byAudience.has(sub.audience.key)) byAudience.set(sub.audience.key, error);
      sub.fail(new LiveEvaluationFailure(event.seq, error));
    }
    for (const error of byAudience.values()) {
      logger("live").error(
        { err: error },
        `event ${event.seq} (${event.resource}) could not be evaluated for one audience; ending its streams`,
      );
    }
  }
}

/** `CODE: message` of the innermost cause (Drizzle wraps the driver's error with the whole query). */
function rootCause(error: unknown): string {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === "object" && "cause" in e && e.cause; depth++) e = e.cause;
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  return typeof code === "string" ? `${code}: ${message}` : message;
}

/** A subscriber whose stream throws while taking a message is its own problem: it is ended, the others go on. */
function deliver(sub: Subscriber, delivery: Delivery): void {
  try {
    sub.inbox.push(delivery);
  } catch (error) {
    sub.fail(error);
  }
}

// On globalThis, like the pool itself, so Next's hot reload and separately bundled routes share one listener.
const registry = globalThis as unknown as { atriumLiveListeners?: WeakMap<Database, LiveListener> };

/** The listener of this database pool, created (not yet started) on first use. */
export function listenerFor(db: Database, options?: ListenerOptions): LiveListener {
  registry.atriumLiveListeners ??= new WeakMap();
  let listener = registry.atriumLiveListeners.get(db);
  if (!listener) {
    listener = new LiveListener(db, options);
    registry.atriumLiveListeners.set(db, listener);
  }
  return listener;
}

/** Stops and forgets the listener of this pool (before closing the pool: tests, scripts, graceful shutdown). */
export async function closeListener(db: Database): Promise<void> {
  const listener = registry.atriumLiveListeners?.get(db);
  registry.atriumLiveListeners?.delete(db);
  await listener?.stop();
  closeSequencer(db);
}
