/**
 * What one event means for the subscribers it concerns: one visibility per audience (evaluations.ts), one message per
 * (audience, reader), and the subscribers it cannot be evaluated for. Only a database that cannot answer at all
 * fails the whole plan (the listener retries the event); anything else is confined to the subscribers it concerns.
 */

import { isDatabaseUnavailable } from "@/db/unavailable";
import type { Actor } from "../actor";
import { stripUnreadable } from "../expand";
import { type Audience, parseRecordId, type Visibility } from "./audience";
import type { Evaluations } from "./evaluations";
import type { LiveEvent } from "./events";
import type { Delivery, RecordChange, Subscriber } from "./subscriber";

/** What one event means for the subscribers it concerns. */
export interface Plan {
  event: LiveEvent;
  deliveries: [Subscriber, Delivery][];
  /** Subscribers the event could not be evaluated for, with why. */
  refused: [Subscriber, unknown][];
}

/**
 * One evaluation per audience among the subscribers the event concerns; one message per (audience, actor). Throws
 * only when the database is unavailable; an audience whose own query fails has its subscribers refused instead.
 */
export async function planEvent(event: LiveEvent, targets: Subscriber[], evaluations: Evaluations): Promise<Plan> {
  const plan: Plan = { event, deliveries: [], refused: [] };
  if (targets.length === 0) return plan;
  const audiences = [...new Map(targets.map((s) => [s.audience.key, s.audience])).values()];
  const settled = await Promise.allSettled(evaluations.all(event, audiences));
  const seen = new Map<string, PromiseSettledResult<Visibility>>();
  for (const [i, audience] of audiences.entries()) {
    const outcome = settled[i] as PromiseSettledResult<Visibility>;
    if (outcome.status === "rejected" && isDatabaseUnavailable(outcome.reason)) throw outcome.reason;
    seen.set(audience.key, outcome);
  }
  const messages = new Map<string, { message: RecordChange | null } | { error: unknown }>();
  for (const sub of targets) {
    const key = sub.messageKey;
    let built = messages.get(key);
    if (!built) {
      const outcome = seen.get(sub.audience.key) as PromiseSettledResult<Visibility>;
      try {
        if (outcome.status === "rejected") throw outcome.reason;
        built = { message: messageOf(sub.audience, sub.actor, event, outcome.value) };
      } catch (error) {
        built = { error };
      }
      messages.set(key, built);
    }
    if ("error" in built) plan.refused.push([sub, built.error]);
    else if (built.message) plan.deliveries.push([sub, { seq: event.seq, message: built.message }]);
  }
  return plan;
}

/** Field read rules see the actor and its user; equal keys read the same fields (all anonymous readers share one). */
export function actorKey(actor: Actor): string {
  return actor.kind === "anonymous" ? "anonymous" : JSON.stringify(actor);
}

export function messageOf(audience: Audience, actor: Actor, event: LiveEvent, seen: Visibility): RecordChange | null {
  const id = parseRecordId(audience.resource, event.recordId);
  if (seen.row) {
    const record = { ...seen.row };
    stripUnreadable(audience.resource, [record], actor);
    return { action: seen.before ? "update" : "create", id, record };
  }
  return seen.before ? { action: "delete", id } : null;
}
