/**
 * A tRPC subscription read off the wire as a browser's EventSource would see it: `GET /api/trpc/<path>?input=...`
 * streamed with fetch, split into server-sent events (`id:`, `event:`, `data:`), data decoded with superjson. No
 * tRPC client on purpose: the spec checks the raw stream two real servers produce, ids included.
 */
import superjson from "superjson";

/** One server-sent event as the wire has it. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** The `onChange` messages (README "Live updates"); ids of posts are uuids, so strings. */
export type LiveData =
  | { action: "create" | "update"; id: string; record: Record<string, unknown> }
  | { action: "delete"; id: string }
  | { action: "ready"; resumed: boolean };

/** A `message` event: its SSE id (the live event id) and its decoded data. */
export interface LiveMessage {
  id: string;
  data: LiveData;
}

type Serialized = Parameters<typeof superjson.deserialize>[0];

/** `?input=` as tRPC's httpSubscriptionLink sends it: superjson-serialized, then JSON, then URL-encoded. */
export function subscriptionUrl(base: string, path: string, input: Record<string, unknown>): string {
  return `${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
}

/** One block as EventSource reads it; a block without a data line (the server's `retry:` field) is no event. */
export function parseEvent(block: string): SseEvent | undefined {
  const out: SseEvent = { event: "message", data: "" };
  let hasData = false;
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue; // an SSE comment
    const at = line.indexOf(":");
    const field = at < 0 ? line : line.slice(0, at);
    const value = at < 0 ? "" : line.slice(at + 1).replace(/^ /, "");
    if (field === "id") out.id = value;
    else if (field === "event") out.event = value;
    else if (field === "data") {
      out.data += hasData ? `\n${value}` : value;
      hasData = true;
    }
  }
  return hasData ? out : undefined;
}

/** An open event stream, parsed as it arrives. Events are queued; `next` takes them in order, skipping pings. */
export class SseStream {
  /** Every byte received, for failure messages. */
  raw = "";
  private readonly queue: SseEvent[] = [];
  private wake: (() => void) | undefined;
  private ended = false;

  private constructor(
    private readonly body: ReadableStream<Uint8Array>,
    private readonly controller: AbortController,
  ) {
    void this.pump();
  }

  /** Opens the stream; resolves once the response headers say it is an event stream. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
    const controller = new AbortController();
    const res = await fetch(url, { headers: { ...headers, accept: "text/event-stream" }, signal: controller.signal });
    const type = res.headers.get("content-type") ?? "";
    if (!res.ok || !type.startsWith("text/event-stream") || !res.body) {
      controller.abort();
      throw new Error(`GET ${url}: ${res.status} ${type}: ${await res.text().catch(() => "")}`);
    }
    return new SseStream(res.body, controller);
  }

  private async pump() {
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = this.body.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        // tRPC ends lines with \n only, so no CR handling.
        const text = decoder.decode(value, { stream: true });
        this.raw += text;
        buffer += text;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const event = parseEvent(buffer.slice(0, end));
          if (event) this.queue.push(event);
          buffer = buffer.slice(end + 2);
        }
        this.wake?.();
      }
    } catch {
      // aborted by close(), or the server went away: `next` reports the end with what was received
    } finally {
      this.ended = true;
      this.wake?.();
    }
  }

  /** The next event other than pings; throws with everything received when none comes in time. */
  async next(timeoutMs = 5_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const event = this.queue.shift();
      if (event) {
        if (event.event === "ping") continue;
        return event;
      }
      if (this.ended) throw new Error(`stream ended; received so far:\n${this.raw}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms; received so far:\n${this.raw}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** The next data message (tRPC's event type is `message`), with its id, decoded from superjson. */
  async message(timeoutMs = 5_000): Promise<LiveMessage> {
    const event = await this.next(timeoutMs);
    if (event.event !== "message") throw new Error(`expected a message, got "${event.event}": ${event.data}`);
    if (event.id === undefined) throw new Error(`a message without an id: ${event.data}`);
    const data = superjson.deserialize(JSON.parse(event.data) as Serialized);
    if (typeof data !== "object" || data === null || typeof (data as { action?: unknown }).action !== "string") {
      throw new Error(`not a live message: ${event.data}`);
    }
    return { id: event.id, data: data as LiveData };
  }

  /** tRPC's first event (`connected`), then the subscription's `ready`; returns the `ready` message. */
  async ready(timeoutMs = 5_000): Promise<LiveMessage> {
    const connected = await this.next(timeoutMs);
    if (connected.event !== "connected") throw new Error(`expected "connected", got "${connected.event}"`);
    const ready = await this.message(timeoutMs);
    if (ready.data.action !== "ready") throw new Error(`expected ready, got ${JSON.stringify(ready.data)}`);
    return ready;
  }

  /** Events received but not taken yet, pings left out: after a short wait, proof that nothing extra arrived. */
  pending(): SseEvent[] {
    return this.queue.filter((e) => e.event !== "ping");
  }

  /** Drops the connection, as a closed tab or a network cut would; the server ends the subscription. */
  close(): void {
    this.controller.abort();
  }
}
