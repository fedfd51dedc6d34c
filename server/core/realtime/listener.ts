/**
 * One listener per app instance (per database pool): a single LISTEN connection, whatever the number of subscribers.
 * A NOTIFY only wakes it; it then reads every committed event after its cursor from the log, so a missed or coalesced
 * notification, or a dropped connection (postgres.js reconnects and we catch up), never loses an event. Each event
 * is evaluated once per audience (cached), turned into a message per subscriber, and pushed to their inboxes in
 * event order.
 */
import type { Database } from "@/db/client";
import type { Actor } from "../actor";
import { stripUnreadable } from "../expand";
import { type Audience, parseRecordId, type Visibility, visibilities, visibility } from "./audience";
import {
  LIVE_CHANNEL,
  LIVE_EVALUATION_CACHE,
  LIVE_FETCH_BATCH,
  LIVE_INBOX_LIMIT,
  LIVE_PRUNE_EVERY_MS,
  LIVE_RETENTION_MS,
} from "./config";
import { type LiveEvent, latestEventId, pruneEvents, readEvents } from "./events";
import { Inbox } from "./inbox";
import type { LiveChange } from "./types";

type Rec = Record<string, unknown>;
export type RecordChange = LiveChange<Rec, string | number>;

/** A message for one subscriber, with the event id it is tracked by. */
export interface Delivery {
  seq: number;
  message: RecordChange;
}

export interface Subscriber {
  audience: Audience;
  /** Audience and reader: subscribers with equal keys receive the very same message object (computed once). */
  messageKey: string;
  actor: Actor;
  /** Only events of this record (as the log stores ids: text). */
  recordId: string | undefined;
  /** The listener's cursor when the subscriber joined: later events arrive in the inbox, earlier ones are its own. */
  from: number;
  inbox: Inbox<Delivery>;
  close(): void;
}

/** A watcher of every committed change (the admin's audit log): raw events, no visibility, admins only. */
export interface ActivityWatcher {
  from: number;
  inbox: Inbox<LiveEvent>;
  close(): void;
}

export interface ListenerOptions {
  retentionMs?: number;
  /** 0 turns periodic pruning off (tests prune by hand). */
  pruneEveryMs?: number;
}

/** Deliveries handed out before the listener lets other work run (about 20 ms of fan-out on a 2-core machine). */
const DELIVERIES_PER_SLICE = 500;

// Parallel evaluations per round; the pool bounds it anyway, this keeps request handlers from starving.
const EVALUATE_AT_ONCE = 16;

export class LiveListener {
  private cursor = 0;
  private startup: Promise<void> | undefined;
  private ready = false;
  private stopped = false;
  private draining: Promise<void> | undefined;
  private again = false;
  private unlisten: (() => Promise<void>) | undefined;
  private pruneTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly watchers = new Set<ActivityWatcher>();
  private readonly evaluations = new Map<string, Promise<Visibility>>();

  constructor(
    readonly db: Database,
    private readonly options: ListenerOptions = {},
  ) {}

  /** The newest event id this listener has read from the log. */
  get position(): number {
    return this.cursor;
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
      // Called again after postgres.js re-LISTENs on a new connection: read what was committed meanwhile.
      () => this.wake(),
    );
    this.unlisten = meta.unlisten;
    // Read after LISTEN is active, so nothing commits unseen between the two.
    this.cursor = await latestEventId(this.db);
    this.ready = true;
    const every = this.options.pruneEveryMs ?? LIVE_PRUNE_EVERY_MS;
    if (every > 0) {
      this.pruneTimer = setInterval(() => void this.prune(), every);
      this.pruneTimer.unref?.();
    }
    this.wake();
  }

  /** Resolves once every event committed before the call has been delivered to subscribers' inboxes. */
  async caughtUp(): Promise<void> {
    await this.start();
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
      console.error("[live] pruning the event log failed:", error);
      return 0;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pruneTimer);
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
      from: this.cursor,
      inbox: new Inbox<Delivery>(LIVE_INBOX_LIMIT),
      close: () => {
        sub.inbox.close();
        set.delete(sub);
        if (set.size === 0 && this.subscribers.get(name) === set) this.subscribers.delete(name);
      },
    };
    set.add(sub);
    return sub;
  }

  /** Every event after the listener's current position, unfiltered, pushed to the watcher's inbox. */
  async watchAll(): Promise<ActivityWatcher> {
    await this.start();
    const watcher: ActivityWatcher = {
      from: this.cursor,
      inbox: new Inbox<LiveEvent>(LIVE_INBOX_LIMIT),
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
      const seen = await Promise.all(chunk.map((e) => this.evaluate(e, sub.audience)));
      for (const [j, e] of chunk.entries()) out.push(messageOf(sub.audience, sub.actor, e, seen[j] as Visibility));
    }
    return out;
  }

  private wake(): void {
    if (!this.ready || this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((error) => {
        console.error("[live] reading the event log failed; retrying:", error);
        this.retryTimer = setTimeout(() => this.wake(), 1_000);
        this.retryTimer.unref?.();
      })
      .finally(() => {
        this.draining = undefined;
      });
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      const events = await readEvents(this.db, this.cursor, { limit: LIVE_FETCH_BATCH });
      const last = events.at(-1);
      if (!last) break;
      // Advance first: a subscriber joining while this batch is delivered starts after it (and replays it if it
      // resumes), so no event reaches anyone twice.
      this.cursor = last.seq;
      await this.dispatch(events);
      if (events.length === LIVE_FETCH_BATCH) this.again = true;
    } while (this.again && !this.stopped);
  }

  private async dispatch(events: LiveEvent[]): Promise<void> {
    for (const watcher of this.watchers) for (const e of events) if (e.seq > watcher.from) watcher.inbox.push(e);
    for (let i = 0; i < events.length; i += EVALUATE_AT_ONCE) {
      const chunk = events.slice(i, i + EVALUATE_AT_ONCE);
      const planned = await Promise.all(chunk.map((e) => this.plan(e)));
      let pushed = 0;
      for (const deliveries of planned) {
        for (const [sub, delivery] of deliveries) {
          sub.inbox.push(delivery);
          // Tens of thousands of deliveries would hold the event loop for a noticeable time: let requests (writes,
          // pages, health checks) in between slices. Order per subscriber is kept: slices run in sequence.
          if (++pushed % DELIVERIES_PER_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    }
  }

  /** One evaluation per audience among the subscribers the event concerns; one message per (audience, actor). */
  private async plan(event: LiveEvent): Promise<[Subscriber, Delivery][]> {
    const targets = [...(this.subscribers.get(event.resource) ?? [])].filter(
      (s) => event.seq > s.from && (s.recordId === undefined || s.recordId === event.recordId),
    );
    if (targets.length === 0) return [];
    const audiences = new Map(targets.map((s) => [s.audience.key, s.audience]));
    this.evaluateTogether(event, [...audiences.values()]);
    const seen = new Map(
      await Promise.all([...audiences].map(async ([key, a]) => [key, await this.evaluate(event, a)] as const)),
    );
    const messages = new Map<string, RecordChange | null>();
    const out: [Subscriber, Delivery][] = [];
    for (const sub of targets) {
      const key = sub.messageKey;
      if (!messages.has(key)) {
        messages.set(key, messageOf(sub.audience, sub.actor, event, seen.get(sub.audience.key) as Visibility));
      }
      const message = messages.get(key);
      if (message) out.push([sub, { seq: event.seq, message }]);
    }
    return out;
  }

  /** Cached per (event, audience): live fan-out and replays of the same event share one query. */
  private evaluate(event: LiveEvent, audience: Audience): Promise<Visibility> {
    const key = `${event.seq}#${audience.key}`;
    return this.evaluations.get(key) ?? this.remember(key, visibility(this.db, audience, event.seq, event.recordId));
  }

  /** Evaluates, in one query, every audience of `event` not evaluated yet, so `evaluate` finds them cached. */
  private evaluateTogether(event: LiveEvent, audiences: Audience[]): void {
    const missing = audiences.filter((a) => !this.evaluations.has(`${event.seq}#${a.key}`));
    if (missing.length < 2) return;
    const batch = visibilities(this.db, missing, event.seq, event.recordId);
    for (const [i, audience] of missing.entries()) {
      this.remember(
        `${event.seq}#${audience.key}`,
        batch.then((all) => all[i] as Visibility),
      );
    }
  }

  private remember(key: string, found: Promise<Visibility>): Promise<Visibility> {
    found.catch(() => this.evaluations.delete(key));
    this.evaluations.set(key, found);
    if (this.evaluations.size > LIVE_EVALUATION_CACHE) {
      const oldest = this.evaluations.keys().next().value;
      if (oldest !== undefined) this.evaluations.delete(oldest);
    }
    return found;
  }
}

/** Field read rules see the actor and its user; equal keys read the same fields (all anonymous readers share one). */
function actorKey(actor: Actor): string {
  return actor.kind === "anonymous" ? "anonymous" : JSON.stringify(actor);
}

function messageOf(audience: Audience, actor: Actor, event: LiveEvent, seen: Visibility): RecordChange | null {
  const id = parseRecordId(audience.resource, event.recordId);
  if (seen.row) {
    const record = { ...seen.row };
    stripUnreadable(audience.resource, [record], actor);
    return { action: seen.before ? "update" : "create", id, record };
  }
  return seen.before ? { action: "delete", id } : null;
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
}
