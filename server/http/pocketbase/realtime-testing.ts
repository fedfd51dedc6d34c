/**
 * Test helpers for /api/realtime: a real `http.createServer` serving a fetch-style handler (so the unmodified
 * PocketBase SDK, and its EventSource, talk HTTP to it), and a plain SSE reader for what the SDK does not show.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `handler` on a free local port; a client hanging up aborts the request's signal, as in Next. */
export async function serve(handler: (req: Request) => Promise<Response>): Promise<TestServer> {
  const server = createServer((req, res) => {
    respond(handler, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function respond(
  handler: (req: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const gone = new AbortController();
  res.on("close", () => gone.abort());
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else for (const each of value ?? []) headers.append(name, each);
  }
  const method = req.method ?? "GET";
  const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method,
    headers,
    ...(method === "GET" || method === "HEAD" ? {} : { body: Buffer.concat(chunks) }),
    signal: gone.signal,
  });
  const response = await handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.on("close", () => void reader.cancel().catch(() => {}));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
  } catch {
    // cancelled because the client went away
  }
  res.end();
}

export interface SseEvent {
  id: string;
  event: string;
  data: string;
}

/** An event stream read by hand: every event as it arrives, and whether the server ended it. */
export interface SseReader {
  readonly status: number;
  readonly events: SseEvent[];
  /** Comments seen (keep-alives). */
  readonly comments: number;
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Takes events until one matches. */
  until(match: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  ended(): Promise<void>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader | Response> {
  const stop = new AbortController();
  const response = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: stop.signal });
  if (!response.ok || !response.body) return response;
  const events: SseEvent[] = [];
  let comments = 0;
  let taken = 0;
  let wake: (() => void) | undefined;
  const decoder = new TextDecoder();
  const pump = (async () => {
    let buffer = "";
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { id: "", event: "message", data: "" };
          let fields = 0;
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) comments++;
            const colon = line.indexOf(":");
            if (colon <= 0) continue;
            const name = line.slice(0, colon);
            const value = line.slice(colon + 1).replace(/^ /, "");
            if (name === "id" || name === "event" || name === "data") {
              event[name] = name === "data" && event.data ? `${event.data}\n${value}` : value;
              fields++;
            }
          }
          if (fields > 0) events.push(event);
          wake?.();
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // aborted by close()
    }
    wake?.();
  })();
  let done = false;
  void pump.then(() => {
    done = true;
  });
  async function next(timeoutMs = 5_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    while (taken >= events.length) {
      if (done) throw new Error("the stream ended while waiting for an event");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
    return events[taken++] as SseEvent;
  }
  return {
    status: response.status,
    events,
    get comments() {
      return comments;
    },
    next,
    async until(match, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const event = await next(Math.max(1, deadline - Date.now()));
        if (match(event)) return event;
      }
    },
    ended: () => pump,
    close: () => stop.abort(),
  };
}
