/**
 * The write side of webhooks: called for every change inside the write's transaction (changes.ts `onRecorded`), it
 * records one event per matching webhook and queues its delivery job on the same transaction, so a delivery exists
 * if and only if the change commits. A write that no webhook wants costs no query (cache.ts).
 */
import { type SQL, sql } from "drizzle-orm";
import { webhookEvents, webhooks } from "@/db/schema";
import type { Change, ChangeOperation } from "../changes";
import type { Transaction } from "../executor";
import { enqueue } from "../jobs/enqueue";
import { beforeImage } from "../realtime/log";
import type { WebhookCache } from "./cache";
import type { WebhooksConfig } from "./config";
import type { DeliveryJob } from "./deliver";
import { actionOf, eventOf } from "./events";

const jsonb = (value: Record<string, unknown> | null): SQL =>
  value === null ? sql`null` : sql`${JSON.stringify(value)}::jsonb`;

/**
 * Whether a change of `resource` by `operation` may be delivered, from the list in memory: no when it is fresh and no
 * active webhook takes it, so such a create needs no transaction (changes.ts `ObserverInterest`); yes when unsure.
 */
export function webhooksWant(
  config: WebhooksConfig,
  cache: WebhookCache,
  resource: string,
  operation: ChangeOperation,
) {
  if (resource === config.webhooks.name || resource === config.deliveries.name) return false;
  const hooks = cache.fresh();
  if (!hooks) return true;
  const event = eventOf(operation);
  return hooks.some((h) => h.events.includes(event) && h.resources.includes(resource));
}

export async function recordWebhookEvents(
  config: WebhooksConfig,
  cache: WebhookCache,
  job: DeliveryJob,
  tx: Transaction,
  change: Change,
): Promise<void> {
  // The webhook tables' own changes are never delivered: a delivery logging itself would deliver itself forever.
  if (change.resource === config.webhooks.name || change.resource === config.deliveries.name) return;
  const hooks = await cache.active(tx);
  if (hooks.length === 0) return;
  const event = eventOf(change.operation);
  const ids = hooks.filter((h) => h.events.includes(event) && h.resources.includes(change.resource)).map((h) => h.id);
  if (ids.length === 0) return;
  const resource = config.registry()[change.resource];
  if (!resource) return;
  // Only for webhooks that exist and are active now (the cache may be a few seconds old), and locked against a
  // delete committing meanwhile, which would otherwise fail this write on the foreign key.
  const rows = await tx.execute<{ id: string }>(sql`
    insert into ${webhookEvents} (webhook_id, resource, record_id, event, operation, action, before, after)
    select w.id, ${change.resource}::text, ${change.id}::text, ${event}::webhook_event, ${change.operation}::text,
      ${actionOf(change)}::text,
      ${jsonb(beforeImage(resource, change.before))}, ${jsonb(beforeImage(resource, change.after))}
    from ${webhooks} w
    where w.id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) and w.active
    for key share of w
    returning id`);
  for (const { id } of rows) await enqueue(job, { eventId: id }, { tx });
}
