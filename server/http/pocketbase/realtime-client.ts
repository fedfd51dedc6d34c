/**
 * One PocketBase realtime client on the instance holding its stream: the SSE response (`PB_CONNECT`, then a
 * message per change on each topic, keep-alive comments), and one live feed (server/core/realtime/subscribe.ts) per
 * topic, read as the client's actor, so the engine's rules filter every event exactly as for `onChange`.
 *
 * Subscriptions change by version (realtime-store.ts). Versions apply one at a time, in order, and never twice:
 * a topic kept with the same reader keeps its feed; a new topic opens a feed that replays from the log what
 * committed after the POST was accepted, so nothing committed after the 204 is missed, whichever instance took the
 * POST; a topic whose reader changed (a guest who signed in) reopens where its old feed stopped, so nothing is lost
 * or sent twice in between.
 *
 * The stream ends on disconnect, after the live streams' maximum lifetime, after PocketBase's idle timeout, when it
 * buffers more than the live streams' budget unread, or when a feed fails; everything it held is released then.
 */
import type { Database } from "@/db/client";
import type { Actor } from "@/server/core/actor";
import { logger } from "@/server/core/logging/logger";
import { LIVE_SSE, LIVE_STREAM_BUFFER_BYTES } from "@/server/core/realtime/config";
import { listenerFor } from "@/server/core/realtime/listener";
import { actorKey } from "@/server/core/realtime/plan";
import { SSE_HEADERS } from "@/server/core/realtime/sse";
import { type LiveFeed, liveFeed } from "@/server/core/realtime/subscribe";
import type { RecordChange } from "@/server/core/realtime/subscriber";
import { REALTIME_IDLE_MS } from "./realtime-config";
import { changeData, connectFrame, eventChunks, eventHead, KEEP_ALIVE } from "./realtime-frames";
import type { Registry, Topic } from "./realtime-topics";

/** One version of a client's subscriptions, ready to apply. */
export interface Subscriptions {
  version: number;
  actor: Actor;
  /** Checked topics (PB_CONNECT already left out). */
  topics: Topic[];
  /** The newest event id when the POST was accepted. */
  fromSeq: number;
}

interface OpenTopic {
  topic: Topic;
  reader: string;
  head: Uint8Array;
  /** The last event id its feed handed on (replayed, live or `ready`). */
  lastSeq: number;
  feed?: LiveFeed;
  closed: boolean;
}

export interface ClientOptions {
  id: string;
  db: Database;
  registry: Registry;
  /** The request's signal: the client went away. */
  signal: AbortSignal;
  /** Called once when the stream is over, however it ends. */
  onClose: () => void;
}

/** Queued bytes, so `desiredSize` is minus what the connection has not taken yet (as in the tRPC writer). */
const BYTES: QueuingStrategy<Uint8Array> = { highWaterMark: 0, size: (chunk) => chunk.byteLength };

export class RealtimeClient {
  readonly id: string;
  readonly response: Response;
  /** The newest version queued to apply (what a notification of an older or equal one need not load). */
  wanted = 0;
  private applied = 0;
  private ended = false;
  private lastMessageAt = Date.now();
  private readonly topics = new Map<string, OpenTopic>();
  private readonly stop = new AbortController();
  private queue: Promise<void> = Promise.resolve();
  /** Feeds waiting, while they replay, for the connection to take what is queued. */
  private waiting: (() => void)[] = [];
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private readonly timers: ReturnType<typeof setTimeout>[] = [];

  constructor(private readonly options: ClientOptions) {
    this.id = options.id;
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
          this.enqueue(connectFrame(this.id));
        },
        pull: () => this.wakeWaiting(),
        cancel: () => this.end(),
      },
      BYTES,
    );
    this.response = new Response(stream, { status: 200, headers: SSE_HEADERS });
    const ping = setInterval(() => {
      // PocketBase's idle timeout counts messages, not keep-alives: a client subscribed to nothing that changes goes.
      if (Date.now() - this.lastMessageAt >= REALTIME_IDLE_MS) this.end();
      else this.enqueue(KEEP_ALIVE);
    }, LIVE_SSE.ping.intervalMs);
    this.timers.push(
      ping,
      setTimeout(() => this.end(), LIVE_SSE.maxDurationMs),
    );
    if (options.signal.aborted) this.end();
    else options.signal.addEventListener("abort", this.onAbort, { once: true });
  }

  /** The collections its topics name (the handler's registry). */
  get registry(): Registry {
    return this.options.registry;
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Applies `next` after every version queued before it, unless a newer one was applied meanwhile. */
  apply(next: Subscriptions): Promise<void> {
    this.wanted = Math.max(this.wanted, next.version);
    return this.enqueueWork(() => this.applyNow(next));
  }

  /** Loads the stored version (a POST on another instance) and applies it, in turn with local applies. */
  refresh(load: () => Promise<Subscriptions | null | undefined>): Promise<void> {
    return this.enqueueWork(async () => {
      const next = await load();
      // null: the stored user may not read any more (blocked, deleted): the stream ends, the client reconnects.
      if (next === null) return this.end();
      if (next) {
        this.wanted = Math.max(this.wanted, next.version);
        await this.applyNow(next);
      }
    });
  }

  /** Ends the stream and releases every feed, timer and slot; safe to call more than once. */
  end(failure?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (failure !== undefined)
      logger("realtime").warn({ err: failure }, "realtime stream ended; the client reconnects");
    this.stop.abort();
    this.wakeWaiting();
    for (const timer of this.timers) clearTimeout(timer);
    this.options.signal.removeEventListener("abort", this.onAbort);
    for (const open of this.topics.values()) closeTopic(open);
    this.topics.clear();
    try {
      this.controller?.close();
    } catch {
      // already closed, errored, or cancelled by the client
    }
    this.options.onClose();
  }

  private readonly onAbort = () => this.end();

  private enqueueWork(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.ended) return;
      try {
        await work();
      } catch (error) {
        // A feed that cannot start (the database went away, a replay that overflowed): the SDK reconnects and
        // sends its topics again, which is how PocketBase clients recover from any broken stream.
        this.end(error);
      }
    });
    this.queue = run;
    return run;
  }

  private async applyNow(next: Subscriptions): Promise<void> {
    if (this.ended || next.version <= this.applied) return;
    this.applied = next.version;
    const reader = actorKey(next.actor);
    const wanted = new Map(next.topics.filter((topic) => !topic.silent).map((topic) => [topic.name, topic]));
    // A topic whose reader changed goes on where its old feed stopped: everything the listener had delivered (and
    // anything this feed was sent while it was delivering) was sent as the old reader; what follows, as the new.
    const resumeAt = new Map<string, number>();
    const delivered = listenerFor(this.options.db).position;
    for (const [name, open] of this.topics) {
      if (wanted.has(name) && open.reader === reader) continue;
      closeTopic(open);
      this.topics.delete(name);
      if (wanted.has(name)) resumeAt.set(name, Math.max(delivered, open.lastSeq));
    }
    const opening: Promise<void>[] = [];
    for (const [name, topic] of wanted) {
      if (this.topics.has(name)) continue;
      opening.push(this.open(topic, next.actor, reader, resumeAt.get(name) ?? next.fromSeq));
    }
    await Promise.all(opening);
  }

  private async open(topic: Topic, actor: Actor, reader: string, from: number): Promise<void> {
    const open: OpenTopic = { topic, reader, head: eventHead(this.id, topic.name), lastSeq: from, closed: false };
    this.topics.set(topic.name, open);
    const feed = await liveFeed<Record<string, unknown>, string | number>({
      db: this.options.db,
      resource: topic.resource,
      actor,
      input: {
        ...(topic.id === undefined ? {} : { id: topic.id }),
        ...(topic.filter ? { filter: topic.filter } : {}),
        lastEventId: String(from),
      },
      signal: this.stop.signal,
      send: (seq, message) => {
        open.lastSeq = Number(seq);
        if (open.closed || message.action === "ready") return;
        this.deliver(open, message);
      },
      // Closing a topic ourselves ends its feed too: only an end we did not ask for ends the stream.
      onEnd: (failure) => {
        if (!open.closed) this.end(failure);
      },
      paced: () => this.paced(),
    }).catch((error: unknown) => {
      // A topic dropped while its feed was starting (a newer version, the stream's end) owes nobody an error.
      if (open.closed || this.ended) return undefined;
      throw error;
    });
    if (!feed) return;
    if (open.closed || this.ended) feed.close();
    else open.feed = feed;
  }

  private deliver(open: OpenTopic, message: RecordChange): void {
    const data = changeData(open.topic, this.options.registry, message);
    const queued = -(this.controller?.desiredSize ?? 0);
    const size = open.head.byteLength + data.byteLength + 2;
    // A reader that stopped reading: end its stream rather than queue without bound, erroring it so what it holds
    // is dropped now; one message larger than the budget still goes to a reader that has taken everything else.
    if (queued > 0 && queued + size > LIVE_STREAM_BUFFER_BYTES) {
      try {
        this.controller?.error(new DOMException("realtime stream buffered too much unread", "AbortError"));
      } catch {
        // already closed
      }
      this.end();
      return;
    }
    for (const chunk of eventChunks(open.head, data)) this.enqueue(chunk);
    this.lastMessageAt = Date.now();
  }

  /** While a feed replays: a promise to wait on once half the buffer budget is queued unread. */
  private paced(): Promise<void> | undefined {
    if (-(this.controller?.desiredSize ?? 0) <= LIVE_STREAM_BUFFER_BYTES / 2) return undefined;
    return new Promise<void>((resolve) => {
      if (this.ended) resolve();
      else this.waiting.push(resolve);
    });
  }

  private wakeWaiting(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  private enqueue(bytes: Uint8Array): void {
    if (this.ended) return;
    try {
      this.controller?.enqueue(bytes);
    } catch {
      // The client cancelled between our check and the write.
      this.end();
    }
  }
}

function closeTopic(open: OpenTopic): void {
  open.closed = true;
  open.feed?.close();
}
