/**
 * Writes down how one POST went, in one transaction: the delivery log's row, the webhook's failure count (reset by
 * a success), and past WEBHOOKS_DISABLE_AFTER_FAILURES failures in a row the webhook disabled, through the engine so
 * the audit trail says the delivery job did it and why. Log rows and counters are bookkeeping, not changes anyone
 * made: they go out live (the admin's deliveries list updates itself) but are not audited.
 */
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { webhookDeliveries, webhookEvents, webhooks } from "@/db/schema";
import { logger } from "@/server/core/logging/logger";
import { afterCommit, transactionWithAfterCommit } from "../after-commit";
import type { Change } from "../changes";
import type { Transaction } from "../executor";
import { logLiveEvent } from "../realtime/log";
import { wakeLiveSequencer } from "../realtime/sequencer";
import type { AnyResource } from "../resource";
import { updateRecord } from "../write";
import { DELIVERY_ACTOR, WEBHOOK_LIMITS, type WebhooksConfig } from "./config";
import type { EventRow } from "./payload";
import type { PostOutcome } from "./safe-post";

type Rec = Record<string, unknown>;

export interface Attempt {
  event: EventRow;
  outcome: PostOutcome;
  delivered: boolean;
  manual: boolean;
  requestedById: string | null;
}

/** What the log says went wrong, in a few words; null for a delivery. */
export function failureOf(outcome: PostOutcome, delivered: boolean): string | null {
  if (delivered) return null;
  if (outcome.kind === "answered") return `HTTP ${outcome.status}`;
  return outcome.reason;
}

/** The engine's writes take a Database; inside this transaction they nest as savepoints. */
const asDatabase = (tx: Transaction) => tx as unknown as Database;

function liveChange(resource: AnyResource, id: string, before: Rec | null, after: Rec): Change {
  const operation = before ? "update" : "create";
  return { operation, resource: resource.name, id, before, after, actor: DELIVERY_ACTOR, requestId: undefined };
}

export async function logAttempt(
  config: WebhooksConfig,
  db: Database,
  attempt: Attempt,
): Promise<{ deliveryId: string | null; disabled: boolean }> {
  const { event, outcome, delivered } = attempt;
  const error = failureOf(outcome, delivered);
  return transactionWithAfterCommit(db, async (tx) => {
    const [old] = await tx.select().from(webhooks).where(eq(webhooks.id, event.webhookId)).for("update");
    // Deleted while the request was out: its log went with it.
    if (!old) return { deliveryId: null, disabled: false };
    const [delivery] = await tx
      .insert(webhookDeliveries)
      .values({
        webhookId: event.webhookId,
        eventId: event.id,
        type: `${event.resource}.${event.event}`,
        recordId: event.recordId,
        attempt: sql`(select count(*) + 1 from ${webhookDeliveries} where ${webhookDeliveries.eventId} = ${event.id})`,
        manual: attempt.manual,
        requestedById: attempt.requestedById,
        status: delivered ? "succeeded" : "failed",
        statusCode: outcome.kind === "answered" ? outcome.status : null,
        latencyMs: outcome.kind === "refused" ? null : outcome.latencyMs,
        error,
        response: outcome.kind === "answered" ? outcome.excerpt : null,
      })
      .returning();
    if (!delivery) throw new Error("the delivery log refused its row");
    await logLiveEvent(tx, config.deliveries, liveChange(config.deliveries, delivery.id, null, delivery));
    await afterCommit(tx, async () => wakeLiveSequencer(db));

    const failures = delivered ? 0 : old.consecutiveFailures + 1;
    const [counted] = await tx
      .update(webhooks)
      .set({
        consecutiveFailures: failures,
        lastDeliveryAt: delivery.createdAt,
        lastDeliveryStatus: delivery.status,
      })
      .where(eq(webhooks.id, old.id))
      .returning();
    if (counted) await logLiveEvent(tx, config.webhooks, liveChange(config.webhooks, old.id, old, counted));

    const disable = !delivered && old.active && failures >= config.settings.disableAfterFailures;
    if (disable) {
      const reason = `Disabled after ${failures} failed deliveries in a row (the last: ${error}).`;
      await updateRecord(
        { db: asDatabase(tx), actor: DELIVERY_ACTOR, registry: config.registry() },
        config.webhooks,
        old.id,
        { active: false, disabledAt: new Date(), disabledReason: reason },
        { visible: undefined, allowed: undefined },
      );
      logger("webhooks").warn(`webhook ${old.id} (${old.name}) disabled: ${reason}`);
    }
    await pruneEvents(tx, old.id, config.settings.retentionDays);
    return { deliveryId: delivery.id, disabled: disable };
  });
}

/** Deletes a batch of this webhook's events (their deliveries cascade) older than the retention. */
async function pruneEvents(tx: Transaction, webhookId: string, retentionDays: number): Promise<void> {
  const cutoff = new Date(Date.now() - retentionDays * 24 * 60 * 60 * 1000);
  const old = tx
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.webhookId, webhookId), lt(webhookEvents.occurredAt, cutoff)))
    .limit(WEBHOOK_LIMITS.pruneBatch);
  await tx.delete(webhookEvents).where(inArray(webhookEvents.id, old));
}
