/**
 * What the listener keeps per subscriber (its audience, where it joined, its inbox) and what it hands each one: a
 * message per event it may see, or the failure its stream ends on.
 */
import type { Actor } from "../actor";
import type { Audience } from "./audience";
import type { LiveEvent } from "./events";
import type { Inbox } from "./inbox";
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
  /** The listener's read horizon when the subscriber joined: later events arrive in the inbox, earlier ones are its own. */
  from: number;
  inbox: Inbox<Delivery>;
  close(): void;
  /** Leaves the listener with an error its stream ends on (it resumes from its last event id). */
  fail(error: unknown): void;
}

/** A watcher of every committed change (the admin's audit log): raw events, no visibility, admins only. */
export interface ActivityWatcher {
  from: number;
  inbox: Inbox<LiveEvent>;
  close(): void;
}

/** An event could not be evaluated for a subscriber's audience (or its message built): its stream ends. */
export class LiveEvaluationFailure extends Error {
  constructor(seq: number, cause: unknown) {
    super(`live event ${seq} could not be evaluated for this subscription; resume from the last event id`, { cause });
    this.name = "LiveEvaluationFailure";
  }
}
