/**
 * One live subscriber of `posts.onChange` as a browser holds it: reconnects whenever its stream ends or fails (after
 * the server's 500 ms `retry:`), resumes with `Last-Event-ID`, and gives up on a stream that says nothing for 45 s
 * (three missed pings, tRPC's client rule). It records the id of every change it receives, so the bench can compare
 * them with the event log: none missing, none twice, in order.
 *
 * A paused subscriber reads up to its first `ready` and then never again (its socket stays open, unread), the slow
 * reader whose bytes the server must stop buffering.
 */
import http from "node:http";
import { type SseEvent, SseReader } from "../live/sse";

/** The server's `retry:` field (LIVE_RECONNECT_DELAY_MS); refused connections wait a little longer. */
const RECONNECT_MS = 500;
const REFUSED_RECONNECT_MS = 1_000;
/** LIVE_SSE.client.reconnectAfterInactivityMs: the server pings every 15 s. */
const INACTIVITY_MS = 45_000;

const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

export interface SubscriberOptions {
  port: number;
  path: string;
  /** `Bearer atr_...`; anonymous without. */
  authorization?: string;
  /** Read until the first `ready`, then stop reading and never reconnect. */
  paused?: boolean;
}

export class LiveSubscriber {
  /** Ids of the changes received, in arrival order. */
  readonly ids: number[] = [];
  /** The id of the first `ready`: every posts event after it is this subscriber's to receive. */
  firstReady: number | undefined;
  connects = 0;
  readies = 0;
  /** `ready` with `resumed: false` on a reconnect: the server could not replay what was missed. */
  notResumed = 0;
  /** Streams given up on after INACTIVITY_MS of silence. */
  stalls = 0;
  /** Connections that did not become a stream: "HTTP 503", "ECONNREFUSED", ..., with counts. */
  readonly refusals = new Map<string, number>();
  /** Longest wait from a stream's headers to its `ready`, ms. */
  slowestReadyMs = 0;
  ready = false;
  lastEventAt = 0;
  private lastId: string | undefined;
  private request: http.ClientRequest | undefined;
  private response: http.IncomingMessage | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  private onReady: (() => void) | undefined;

  constructor(private readonly options: SubscriberOptions) {}

  /** Connects; resolves at the first `ready` (it keeps reconnecting until then). */
  start(): Promise<void> {
    const first = new Promise<void>((resolve) => {
      this.onReady = resolve;
    });
    this.connect();
    return first;
  }

  get lastReceived(): number {
    return this.ids.at(-1) ?? this.firstReady ?? 0;
  }

  private connect(): void {
    if (this.stopped) return;
    // Events of an earlier connection (a late error after its close) must not end this one.
    const attempt = ++this.connects;
    const end = (refusal?: string) => {
      if (attempt === this.connects) this.ended(refusal);
    };
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (this.options.authorization) headers.authorization = this.options.authorization;
    if (this.lastId !== undefined) headers["last-event-id"] = this.lastId;
    const { port, path } = this.options;
    const request = http.get({ host: "127.0.0.1", port, path, agent, headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return end(`HTTP ${res.statusCode}`);
      }
      this.response = res;
      const headersAt = performance.now();
      let readyHere = false;
      const sse = new SseReader((event) => {
        if (this.take(event) && !readyHere) {
          readyHere = true;
          this.slowestReadyMs = Math.max(this.slowestReadyMs, performance.now() - headersAt);
          if (this.options.paused) this.pause();
        }
      });
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        this.lastEventAt = performance.now();
        this.arm();
        sse.feed(chunk);
      });
      res.on("close", () => end());
      res.on("error", () => {});
      this.arm();
    });
    this.request = request;
    request.on("error", (error: NodeJS.ErrnoException) => end(error.code ?? error.message));
  }

  /** Handles one event; true when it was a `ready`. */
  private take(event: SseEvent): boolean {
    if (event.id !== undefined) this.lastId = event.id;
    if (event.event !== "message") return false;
    const message = parse(event.data);
    if (message?.action === "ready") {
      this.readies++;
      if (this.firstReady === undefined) this.firstReady = Number(event.id);
      else if (!message.resumed) this.notResumed++;
      this.ready = true;
      this.onReady?.();
      this.onReady = undefined;
      return true;
    }
    if (message && event.id !== undefined) this.ids.push(Number(event.id));
    return false;
  }

  private arm(): void {
    clearTimeout(this.watchdog);
    if (this.stopped || this.options.paused) return;
    this.watchdog = setTimeout(() => {
      this.stalls++;
      this.request?.destroy();
    }, INACTIVITY_MS);
  }

  private pause(): void {
    clearTimeout(this.watchdog);
    this.response?.pause();
  }

  private ended(refusal?: string): void {
    if (this.retry) return;
    clearTimeout(this.watchdog);
    this.ready = false;
    this.response = undefined;
    if (refusal) this.refusals.set(refusal, (this.refusals.get(refusal) ?? 0) + 1);
    if (this.stopped || this.options.paused) return;
    this.retry = setTimeout(
      () => {
        this.retry = undefined;
        this.connect();
      },
      refusal ? REFUSED_RECONNECT_MS : RECONNECT_MS,
    );
  }

  /**
   * A paused subscriber reads again what the server sent it while it was paused; resolves when its stream has ended
   * (the server gave up on it) or nothing more arrived for `quietMs` (it is still open).
   */
  async drainPaused(quietMs: number): Promise<{ events: number; ended: boolean }> {
    const res = this.response;
    const before = this.ids.length;
    if (!res) return { events: 0, ended: true };
    const ended = new Promise<boolean>((resolve) => res.once("close", () => resolve(true)));
    res.resume();
    for (;;) {
      const seen = this.lastEventAt;
      const quiet = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), quietMs));
      const done = await Promise.race([ended, quiet]);
      if (done) return { events: this.ids.length - before, ended: true };
      if (this.lastEventAt === seen) return { events: this.ids.length - before, ended: false };
    }
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.watchdog);
    clearTimeout(this.retry);
    this.request?.destroy();
  }
}

/** The message of a `data:` line (superjson: `{ json: { action, ... } }`); undefined when it is none. */
function parse(data: string): { action?: unknown; resumed?: unknown } | undefined {
  try {
    const parsed = JSON.parse(data) as { json?: { action?: unknown; resumed?: unknown } } | null;
    return parsed?.json ?? undefined;
  } catch {
    return undefined;
  }
}

export function closeSubscriberAgent(): void {
  agent.destroy();
}
