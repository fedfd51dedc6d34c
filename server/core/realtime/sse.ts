/**
 * The wire of `<resource>.onChange`: tRPC's SSE protocol (what `httpSubscriptionLink` reads), written directly.
 *
 * Why not tRPC's own producer: it runs every message of every subscriber through its own chain of async generators
 * (ping, grace, tracking), serialises it with superjson per subscriber, and writes each event as five strings through
 * a TransformStream and a TextEncoderStream. At 1,000 subscribers that cost ~0.6 ms of CPU per delivery and held p99
 * latency near a second at one write per second (`npm run bench:live`). Here a message is serialised and framed once
 * (subscribers who share an audience and reader share the message object, see listener.ts) and the same bytes are
 * enqueued on every stream. The procedure itself, its types, input, rules and the message sequence (liveChanges)
 * are unchanged; only the framing moved. See docs/decisions/007-live-updates.md, "Transport".
 */
import type { Database } from "@/db/client";
import { logger } from "@/server/core/logging/logger";
import type { Actor } from "../actor";
import type { AnyResource } from "../resource";
import { serializeOutput } from "../wire-output";
import { LIVE_RETRY_FIELD, LIVE_SSE, LIVE_STREAM_BUFFER_BYTES } from "./config";
import { type LiveFeed, type LiveParams, liveFeed } from "./subscribe";

const encoder = new TextEncoder();

/** Sent first: how soon to reconnect when the stream ends, then tRPC's `connected` event with the client's options. */
const PREAMBLE = encoder.encode(`${LIVE_RETRY_FIELD}event: connected\ndata: ${JSON.stringify(LIVE_SSE.client)}\n\n`);
const PING = encoder.encode("event: ping\ndata: \n\n");

/** Framed bytes per message object: one serialisation however many subscribers receive it. */
const frames = new WeakMap<object, Uint8Array>();

export function frameOf(id: string, message: object): Uint8Array {
  let frame = frames.get(message);
  if (!frame) {
    frame = encoder.encode(`id: ${id}\ndata: ${JSON.stringify(serializeOutput(message))}\n\n`);
    frames.set(message, frame);
  }
  return frame;
}

/** The headers tRPC's SSE responses carry (proxies must not buffer or transform the stream). */
export const SSE_HEADERS = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  connection: "keep-alive",
} as const;

export interface LiveStreamOptions {
  db: Database;
  resource: AnyResource;
  actor: Actor;
  input: LiveParams;
  /** The request's signal: the client went away. */
  signal: AbortSignal;
  /** Called once when the stream is over, however it ends. */
  onClose?: () => void;
}

/**
 * Queued bytes, not chunks: `desiredSize` is then minus the bytes written and not yet taken by the connection. Nothing
 * is pulled (the listener pushes), so the high-water mark only sets where that count starts.
 */
const BYTES: QueuingStrategy<Uint8Array> = { highWaterMark: 0, size: (chunk) => chunk.byteLength };

/** How a stream that buffered too much ends: as an abort, which Next treats as the client gone (no error logged). */
const overflow = () =>
  new DOMException(`live stream buffered more than ${LIVE_STREAM_BUFFER_BYTES} bytes unread`, "AbortError");

/**
 * An event stream of one subscription: the preamble, then every message `liveChanges` yields (replay, `ready`, live),
 * pings while quiet, and an end after `LIVE_SSE.maxDurationMs`, a database failure, an event that cannot be evaluated
 * for it, or a reader that stopped reading; in each case the browser reconnects with its last id and resumes.
 */
export function liveStreamResponse({ db, resource, actor, input, signal, onClose }: LiveStreamOptions): Response {
  const stop = new AbortController();
  const end = () => stop.abort();
  // Resolved when the client's connection has taken everything queued (the stream asks for more: `pull`), or the
  // stream ended. The replay waits on it once half the buffer budget is queued, instead of overflowing.
  let drained: (() => void) | undefined;
  const whenDrained = () =>
    new Promise<void>((resolve) => {
      if (stop.signal.aborted) return resolve();
      const done = () => {
        stop.signal.removeEventListener("abort", done);
        drained = undefined;
        resolve();
      };
      drained = done;
      stop.signal.addEventListener("abort", done, { once: true });
    });
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // After the client cancels, enqueue throws; a ping or message racing the end must not become an uncaught error.
        const send = (bytes: Uint8Array) => {
          try {
            controller.enqueue(bytes);
          } catch {
            end();
          }
        };
        send(PREAMBLE);
        const ping = setInterval(() => send(PING), LIVE_SSE.ping.intervalMs);
        const timeout = setTimeout(end, LIVE_SSE.maxDurationMs);
        let feed: LiveFeed | undefined;
        const finish = () => {
          onClose?.();
          clearInterval(ping);
          clearTimeout(timeout);
          signal.removeEventListener("abort", end);
          feed?.close();
          try {
            controller.close();
          } catch {
            // already closed or cancelled by the client
          }
        };
        stop.signal.addEventListener("abort", finish, { once: true });
        if (signal.aborted) end();
        else signal.addEventListener("abort", end, { once: true });
        liveFeed<Record<string, unknown>, string | number>({
          db,
          resource,
          actor,
          input,
          signal: stop.signal,
          send: (id, message) => {
            const frame = frameOf(id, message);
            // A reader that stopped reading: end its stream rather than queue without bound, erroring it so the bytes
            // queued for it are dropped now (closing would keep them until the client reads); it resumes from the log.
            // One frame larger than the budget still goes to a reader that has taken everything else.
            const queued = -(controller.desiredSize ?? 0);
            if (queued > 0 && queued + frame.byteLength > LIVE_STREAM_BUFFER_BYTES) {
              if (!stop.signal.aborted) controller.error(overflow());
              return end();
            }
            send(frame);
          },
          onEnd: end,
          paced: () => (-(controller.desiredSize ?? 0) > LIVE_STREAM_BUFFER_BYTES / 2 ? whenDrained() : undefined),
        })
          .then((opened) => {
            feed = opened;
            if (stop.signal.aborted) opened.close();
          })
          .catch((error: unknown) => {
            if (!stop.signal.aborted) logger("live").error({ err: error }, "stream failed; the client will resume");
            end();
          });
      },
      pull() {
        drained?.();
      },
      cancel: end,
    },
    BYTES,
  );
  return new Response(stream, { status: 200, headers: SSE_HEADERS });
}
