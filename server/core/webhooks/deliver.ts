/**
 * The delivery job (docs/webhooks.md, "Deliveries"): one run is one POST of one event. It reads the event and its
 * webhook, builds the body as the webhook's reader may see the record, signs it, sends it through the private-network
 * guard, and logs the attempt. A failure throws, so pg-boss retries it with exponential backoff up to the retry
 * limit; a refused address, a webhook disabled by this very failure and a redelivery by hand do not retry.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { webhookEvents, webhooks } from "@/db/schema";
import { defineJob, type JobContext, type JobDefinition } from "../jobs/define";
import { failureOf, logAttempt } from "./attempt-log";
import { WEBHOOK_LIMITS, type WebhooksConfig } from "./config";
import { buildPayload, serializePayload } from "./payload";
import { postSafely } from "./safe-post";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";

export const deliveryInput = z.object({
  eventId: z.uuid(),
  /** Sent by an admin's "Redeliver": goes even to an inactive webhook, once, without retries. */
  manual: z.boolean().optional(),
  requestedById: z.uuid().nullable().optional(),
});
export type DeliveryInput = z.infer<typeof deliveryInput>;
export type DeliveryJob = JobDefinition<typeof deliveryInput>;

export type DeliveryResult =
  | { status: "succeeded" | "failed"; deliveryId: string | null; error: string | null }
  | { status: "skipped"; reason: string };

/** Thrown to have pg-boss retry: its message is what the jobs admin shows for the attempt. */
export class WebhookDeliveryError extends Error {
  override name = "WebhookDeliveryError";
}

export function webhookDeliveryJob(config: WebhooksConfig): DeliveryJob {
  const { timeoutMs, retry } = config.settings;
  return defineJob(config.jobName ?? "webhooks.deliver", {
    input: deliveryInput,
    retry: { limit: retry.limit, delay: retry.delaySeconds, backoff: true },
    // The request's own deadline plus the database work around it.
    timeout: Math.ceil(timeoutMs / 1000) + 30,
    // Slow receivers should not hold up the others: a few requests at once per worker.
    concurrency: 4,
    run: (input, context) => deliverEvent(config, input, context),
  });
}

export async function deliverEvent(
  config: WebhooksConfig,
  input: DeliveryInput,
  context: Pick<JobContext, "db" | "signal">,
): Promise<DeliveryResult> {
  const db: Database = context.db;
  const [found] = await db
    .select({
      event: webhookEvents,
      webhook: { url: webhooks.url, secret: webhooks.secret, active: webhooks.active, ownerId: webhooks.ownerId },
    })
    .from(webhookEvents)
    .innerJoin(webhooks, eq(webhooks.id, webhookEvents.webhookId))
    .where(eq(webhookEvents.id, input.eventId));
  if (!found) return { status: "skipped", reason: "the event or its webhook no longer exists" };
  const { event, webhook } = found;
  if (!webhook.active && !input.manual) return { status: "skipped", reason: "the webhook is not active" };
  const resource = config.registry()[event.resource];
  if (!resource) return { status: "skipped", reason: `${event.resource} is no longer a resource` };

  const reader = await config.readerOf(db, webhook.ownerId);
  const payload = await buildPayload(db, resource, event, reader);
  if (!payload) return { status: "skipped", reason: "the webhook's reader may not see this record" };
  const body = serializePayload(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const outcome = await postSafely({
    url: webhook.url,
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": "Atrium-Webhooks/1",
      "x-atrium-event-id": event.id,
      "x-atrium-event": payload.type,
      "x-atrium-timestamp": String(timestamp),
      [SIGNATURE_HEADER]: signatureHeader(webhook.secret, timestamp, body),
    },
    allowed: config.settings.allowed,
    timeoutMs: config.settings.timeoutMs,
    excerptBytes: WEBHOOK_LIMITS.excerptBytes,
    ...(config.resolve ? { resolve: config.resolve } : {}),
    signal: context.signal,
  });
  const delivered = outcome.kind === "answered" && outcome.status >= 200 && outcome.status < 300;
  const manual = input.manual ?? false;
  const logged = await logAttempt(config, db, {
    event,
    outcome,
    delivered,
    manual,
    requestedById: input.requestedById ?? null,
  });
  const error = failureOf(outcome, delivered);
  if (error && !manual && !logged.disabled && outcome.kind !== "refused") throw new WebhookDeliveryError(error);
  return { status: delivered ? "succeeded" : "failed", deliveryId: logged.deliveryId, error };
}
