/**
 * One live subscription (`<resource>.onChange`): join this instance's listener, replay from the log what the client
 * missed since its last event id, say `ready`, then pass live messages on. Every message is `tracked` by its event id,
 * so tRPC's SSE client resumes from the last one it received; a subscriber never gets the same event twice, because
 * replayed ids stop where the listener's start and anything at or below what was sent is skipped.
 */
import { TRPCError, type TrackedEnvelope, tracked } from "@trpc/server";
import type { Database } from "@/db/client";
import type { Actor } from "../actor";
import type { FilterNode } from "../filter";
import type { AnyResource } from "../resource";
import { audienceOf } from "./audience";
import { LIVE_INBOX_BYTES, LIVE_INBOX_LIMIT } from "./config";
import { canResumeFrom, eventsBetween, parseEventId } from "./events";
import { Inbox, InboxOverflow } from "./inbox";
import { type LiveListener, listenerFor } from "./listener";
import { bytesOf } from "./size";
import { LiveEvaluationFailure, type Subscriber } from "./subscriber";
import type { LiveMessage } from "./types";

type Rec = Record<string, unknown>;

/** The validated `onChange` input. */
export interface LiveParams {
  filter?: FilterNode;
  id?: string | number;
  lastEventId?: string | null;
}

/** A running subscription fed by `liveFeed`. */
export interface LiveFeed {
  close(): void;
}

/**
 * One subscription, for a consumer that takes each message synchronously (the SSE writer, server/core/realtime/
 * sse.ts): replays what the client missed, sends `ready`, then hands each live message to `send` as the listener
 * dispatches it (no promise per message). Resolves once `ready` has been sent; `close` leaves the listener.
 */
export async function liveFeed<Item, Id>(opts: {
  db: Database;
  resource: AnyResource;
  actor: Actor;
  input: LiveParams;
  send: (id: string, message: LiveMessage<Item, Id>) => void;
  /**
   * The listener ended this subscription after `ready` (`failure`: an event it could not evaluate for it, or the
   * listener stopped): end the stream, so the client resumes from its last id rather than wait in silence.
   */
  onEnd: (failure: unknown) => void;
  signal: AbortSignal;
  /** While replaying, after each message: a promise to wait on when the consumer has fallen behind. */
  paced?: () => Promise<void> | undefined;
}): Promise<LiveFeed> {
  const { db, resource, actor, input, send, onEnd, signal, paced } = opts;
  const listener = listenerFor(db);
  const recordId = input.id === undefined ? undefined : String(input.id);
  const sub = await listener.subscribe({ audience: audienceOf(resource, actor, input.filter), actor, recordId });
  const typed = (message: LiveMessage<Rec, string | number>) => message as LiveMessage<Item, Id>;
  try {
    const lastId = parseEventId(input.lastEventId);
    const resumed = lastId !== undefined && (await canResumeFrom(db, lastId));
    let sent = sub.from;
    if (resumed) {
      for await (const [seq, message] of replay(listener, sub, lastId, resource.name)) {
        if (signal.aborted) break;
        send(String(seq), typed(message));
        // A reader slower than the replay: wait for it rather than outrun (and overflow) its stream.
        const behind = paced?.();
        if (behind) await behind;
      }
      // Another instance may have been further along than this one: what it sent is not sent again.
      sent = Math.max(lastId, sub.from);
    }
    send(String(sent), typed({ action: "ready", resumed }));
    // Live messages that queued during the replay first, then each as the listener dispatches it.
    sub.inbox.drainTo((delivery) => {
      if (delivery.seq <= sent) return;
      sent = delivery.seq;
      send(String(delivery.seq), typed(delivery.message));
    }, onEnd);
    // Fell more than the inbox limit behind while replaying, or an event failed for it: end, and the client resumes
    // from its last id.
    if (!sub.inbox.open) throw sub.inbox.error ?? new InboxOverflow(`${LIVE_INBOX_LIMIT} messages`);
    return { close: () => sub.close() };
  } catch (error) {
    sub.close();
    throw error;
  }
}

/**
 * The same subscription as an async generator of `tracked` messages: the tRPC procedure's resolver, for server-side
 * callers and tests (HTTP clients get the SSE writer). A consumer that falls more than the inbox limit behind gets
 * a retryable SERVICE_UNAVAILABLE and resumes from its last id, as does one whose events cannot be evaluated.
 */
export async function* liveChanges<Item, Id>(opts: {
  db: Database;
  resource: AnyResource;
  actor: Actor;
  input: LiveParams;
  signal: AbortSignal | undefined;
}): AsyncGenerator<TrackedEnvelope<LiveMessage<Item, Id>>, void, unknown> {
  const stop = new AbortController();
  const end = () => stop.abort();
  opts.signal?.addEventListener("abort", end, { once: true });
  const queue = new Inbox<TrackedEnvelope<LiveMessage<Item, Id>>>({
    items: LIVE_INBOX_LIMIT,
    bytes: LIVE_INBOX_BYTES,
    // The message object is shared by the subscribers of one audience and reader: measured once.
    sizeOf: (envelope) => bytesOf(envelope[1]),
  });
  let feed: LiveFeed | undefined;
  try {
    feed = await liveFeed<Item, Id>({
      ...opts,
      signal: stop.signal,
      send: (id, message) => {
        queue.push(tracked(id, message));
        // Over its budget, the queue failed and dropped what it held: leave the listener now, not when (if ever)
        // the consumer reads again.
        if (!queue.open) feed?.close();
      },
      onEnd: (failure) => (failure === undefined ? queue.close() : queue.fail(failure)),
    });
    for (;;) {
      const next = await queue.take(stop.signal);
      if (!next) return;
      yield next;
    }
  } catch (error) {
    if (error instanceof InboxOverflow || error instanceof LiveEvaluationFailure) {
      throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: error.message });
    }
    throw error;
  } finally {
    opts.signal?.removeEventListener("abort", end);
    end();
    feed?.close();
    queue.close();
  }
}

/** Events replayed per evaluation round (the listener evaluates as many at once). */
const REPLAY_SLICE = 16;

/** The messages for this subscriber among the events after `lastId` up to where its live feed begins. */
async function* replay(listener: LiveListener, sub: Subscriber, lastId: number, resource: string) {
  const filter = { resource, ...(sub.recordId === undefined ? {} : { recordId: sub.recordId }) };
  for await (const batch of eventsBetween(listener.db, lastId, sub.from, filter)) {
    // Evaluated a few at a time and handed on before the next few: a batch of 500 large rows held at once would be
    // tens of megabytes per resuming subscriber.
    for (let start = 0; start < batch.length; start += REPLAY_SLICE) {
      const events = batch.slice(start, start + REPLAY_SLICE);
      const messages = await listener.messagesFor(events, sub).catch((error: unknown) => {
        throw new LiveEvaluationFailure(events[0]?.seq ?? lastId, error);
      });
      for (const [i, event] of events.entries()) {
        const message = messages[i];
        if (message) yield [event.seq, message] as const;
      }
    }
  }
}
