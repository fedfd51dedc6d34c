/**
 * A live subscriber that behaves like the browser's: it reads `<resource>.onChange` as raw server-sent events from
 * the real route handler, and whenever its stream ends or is refused it connects again with `Last-Event-ID` set to
 * the last id it received, as EventSource does. It keeps every change it was given, by event id, so a test can
 * compare them with the event log after an outage: nothing missing, nothing twice, in order.
 */
import superjson from "superjson";
import { parseEvent } from "@/e2e/support/sse";
import { type Handler, type RequestLog, retryDelay, sleep } from "./requests";

type Serialized = Parameters<typeof superjson.deserialize>[0];

/** A change as received: its event id, and what the message said. */
export interface ReceivedChange {
  seq: number;
  action: string;
  id: string;
  /** Which connection (1, 2, ...) brought it. */
  connection: number;
}

/** A `ready` as received: on every connection, after the replay. */
export interface ReceivedReady {
  seq: number;
  resumed: boolean;
  /** performance.now() when it arrived. */
  at: number;
  connection: number;
}

export interface LiveClientOptions {
  name: string;
  handler: Handler;
  log: RequestLog;
  /** `posts.onChange` */
  path: string;
  input?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Wait before reconnecting after a stream ended (the server's `retry:`), and the cap on Retry-After. */
  retryMs: number;
  /** Called with each change as it arrives (a test may act on the first one). */
  onChange?: (change: ReceivedChange) => void;
}

export class LiveClient {
  readonly changes: ReceivedChange[] = [];
  readonly readies: ReceivedReady[] = [];
  /** Messages that were neither a change nor ready, or could not be read: always a bug. */
  readonly oddities: string[] = [];
  lastEventId: string | undefined;
  connections = 0;
  private stopped = false;
  private current: AbortController | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: LiveClientOptions) {}

  /** Connects (from `lastEventId` if set) and keeps reconnecting until `stop`; resolves at the first `ready`. */
  async start(timeoutMs = 10_000): Promise<void> {
    const readies = this.readies.length;
    this.stopped = false;
    this.loop = this.run();
    await this.waitFor(() => this.readies.length > readies, timeoutMs, "ready");
  }

  /** Drops the connection as a closed tab would, and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.current?.abort();
    await this.loop;
  }

  /** Drops the current connection only: the client reconnects with its last id, as after a network cut. */
  dropConnection(): void {
    this.current?.abort();
  }

  get name(): string {
    return this.options.name;
  }

  /** Event id of the first `ready`: every change after it belongs to this client. */
  get from(): number {
    const first = this.readies[0];
    if (!first) throw new Error(`${this.options.name} never got ready`);
    return first.seq;
  }

  async waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) {
        throw new Error(
          `${this.options.name}: no ${what} within ${timeoutMs} ms (connections ${this.connections}, ` +
            `last id ${this.lastEventId}, changes ${this.changes.length})`,
        );
      }
      await sleep(10);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const wait = await this.connectOnce();
      if (this.stopped) break;
      await sleep(wait);
    }
  }

  /** One connection, read to its end; returns how long to wait before the next. */
  private async connectOnce(): Promise<number> {
    const { handler, log, path, input, headers, retryMs } = this.options;
    const controller = new AbortController();
    this.current = controller;
    this.connections++;
    const query = encodeURIComponent(JSON.stringify(superjson.serialize(input ?? {})));
    const { response } = await log.send(
      path,
      handler,
      new Request(`http://localhost/api/trpc/${path}?input=${query}`, {
        headers: {
          ...headers,
          accept: "text/event-stream",
          ...(this.lastEventId ? { "last-event-id": this.lastEventId } : {}),
        },
        signal: controller.signal,
      }),
    );
    if (!response) return retryMs;
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel().catch(() => {});
      return retryDelay(response.headers.get("retry-after"), retryMs);
    }
    await this.read(response.body, controller.signal);
    return retryMs;
  }

  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    const stop = () => void reader.cancel().catch(() => {});
    signal.addEventListener("abort", stop, { once: true });
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const event = parseEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (event?.event === "message") this.take(event.id, event.data);
        }
      }
    } catch {
      // the server ended the stream with an error, or we aborted it: either way, reconnect
    } finally {
      signal.removeEventListener("abort", stop);
    }
  }

  private take(id: string | undefined, data: string): void {
    let message: unknown;
    try {
      message = superjson.deserialize(JSON.parse(data) as Serialized);
    } catch {
      this.oddities.push(`unreadable: ${data}`);
      return;
    }
    const seq = Number(id);
    if (id === undefined || !Number.isSafeInteger(seq)) {
      this.oddities.push(`no event id: ${data}`);
      return;
    }
    // As EventSource does: every event with an id moves the id it resumes from.
    this.lastEventId = id;
    const m = message as { action?: unknown; id?: unknown; resumed?: unknown };
    if (m.action === "ready") {
      this.readies.push({ seq, resumed: m.resumed === true, at: performance.now(), connection: this.connections });
    } else if (typeof m.action === "string" && typeof m.id === "string") {
      const change = { seq, action: m.action, id: m.id, connection: this.connections };
      this.changes.push(change);
      this.options.onChange?.(change);
    } else {
      this.oddities.push(`unexpected message: ${data}`);
    }
  }
}
