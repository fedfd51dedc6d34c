/**
 * One live subscription (`<resource>.onChange`): join this instance's listener, replay from the log what the client
 * missed since its last event id, say `ready`, then stream live messages. Every message is `tracked` by its event id,
 * so tRPC's SSE client resumes from the last one it received; a subscriber never gets the same event twice, because
 * replayed ids stop where the listener's start and anything at or below what was sent is skipped.
 */
import { TRPCError, type TrackedEnvelope, tracked } from "@trpc/server";
import type { Database } from "@/db/client";
import type { Actor } from "../actor";
import type { FilterNode } from "../filter";
import type { AnyResource } from "../resource";
import { audienceOf } from "./audience";
import { LIVE_FETCH_BATCH } from "./config";
import { canResumeFrom, readEvents } from "./events";
import { InboxOverflow } from "./inbox";
import { type LiveListener, listenerFor, type Subscriber } from "./listener";
import type { LiveMessage } from "./types";

type Rec = Record<string, unknown>;

/** The validated `onChange` input. */
export interface LiveParams {
  filter?: FilterNode;
  id?: string | number;
  lastEventId?: string | null;
}

/** Event ids are decimal integers; anything else cannot be resumed from. */
function parseEventId(value: string | null | undefined): number | undefined {
  if (!value || !/^\d{1,18}$/.test(value)) return undefined;
  return Number(value);
}

export async function* liveChanges<Item, Id>(opts: {
  db: Database;
  resource: AnyResource;
  actor: Actor;
  input: LiveParams;
  signal: AbortSignal | undefined;
}): AsyncGenerator<TrackedEnvelope<LiveMessage<Item, Id>>, void, unknown> {
  const { db, resource, actor, input, signal } = opts;
  const listener = listenerFor(db);
  const recordId = input.id === undefined ? undefined : String(input.id);
  const sub = await listener.subscribe({ audience: audienceOf(resource, actor, input.filter), actor, recordId });
  const typed = (message: LiveMessage<Rec, string | number>) => message as LiveMessage<Item, Id>;
  try {
    const lastId = parseEventId(input.lastEventId);
    const resumed = lastId !== undefined && (await canResumeFrom(db, lastId));
    let sent = sub.from;
    if (resumed) {
      for await (const [seq, message] of replay(listener, sub, lastId, resource.name))
        yield tracked(String(seq), typed(message));
      // Another instance may have been further along than this one: what it sent is not sent again.
      sent = Math.max(lastId, sub.from);
    }
    yield tracked(String(sent), typed({ action: "ready", resumed }));
    for (;;) {
      const delivery = await sub.inbox.take(signal);
      if (!delivery) return;
      if (delivery.seq <= sent) continue;
      sent = delivery.seq;
      yield tracked(String(delivery.seq), typed(delivery.message));
    }
  } catch (error) {
    // A retryable code: the client reconnects with its last id and catches up from the log.
    if (error instanceof InboxOverflow) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: error.message });
    throw error;
  } finally {
    sub.close();
  }
}

/** The messages for this subscriber among the events after `lastId` up to where its live feed begins. */
async function* replay(listener: LiveListener, sub: Subscriber, lastId: number, resource: string) {
  let after = lastId;
  while (after < sub.from) {
    const events = await readEvents(listener.db, after, {
      through: sub.from,
      resource,
      ...(sub.recordId === undefined ? {} : { recordId: sub.recordId }),
    });
    const messages = await listener.messagesFor(events, sub);
    for (const [i, event] of events.entries()) {
      const message = messages[i];
      if (message) yield [event.seq, message] as const;
    }
    const last = events.at(-1);
    if (!last || events.length < LIVE_FETCH_BATCH) return;
    after = last.seq;
  }
}
