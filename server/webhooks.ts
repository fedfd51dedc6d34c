/**
 * The app's webhooks (docs/webhooks.md): the engine (server/core/webhooks) given the app's registry, its two
 * resources, who deliveries read records as, and the settings from the environment. Its delivery job is in the
 * app's job list (server/jobs); its observer is installed by the app router (server/router.ts), so every engine
 * write of any process that serves the API records its webhook events.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { webhooksFromEnv } from "@/env";
import type { Actor } from "./core/actor";
import type { Executor } from "./core/executor";
import type { WebhookSettings } from "./core/webhooks/config";
import { defineWebhooks } from "./core/webhooks/define-webhooks";
import { resources } from "./resources";
import { webhookDeliveriesResource, webhooksResource } from "./resources/webhooks";

export function webhookSettings(): WebhookSettings {
  const config = webhooksFromEnv();
  return {
    allowed: config.WEBHOOKS_ALLOW_PRIVATE,
    timeoutMs: config.WEBHOOKS_TIMEOUT_SECONDS * 1000,
    disableAfterFailures: config.WEBHOOKS_DISABLE_AFTER_FAILURES,
    retry: { limit: config.WEBHOOKS_RETRY_LIMIT, delaySeconds: config.WEBHOOKS_RETRY_DELAY_SECONDS },
    retentionDays: config.WEBHOOKS_RETENTION_DAYS,
    cacheTtlMs: config.WEBHOOKS_CACHE_SECONDS * 1000,
  };
}

/**
 * A webhook reads records as its owner would through the API, with the owner's role as it is now; an owner who is
 * gone or blocked reads as an anonymous visitor (decision 020, "Who a delivery reads as").
 */
export async function ownerAsReader(db: Executor, ownerId: string | null): Promise<Actor> {
  if (!ownerId) return { kind: "anonymous" };
  const [owner] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      blocked: users.blocked,
    })
    .from(users)
    .where(eq(users.id, ownerId));
  if (!owner || owner.blocked) return { kind: "anonymous" };
  const { blocked: _blocked, ...user } = owner;
  return { kind: "user", user, via: "session" };
}

export const appWebhooks = defineWebhooks({
  registry: () => resources,
  webhooks: webhooksResource,
  deliveries: webhookDeliveriesResource,
  readerOf: ownerAsReader,
  settings: webhookSettings(),
});

/** The delivery job, for the app's job list. */
export const webhookDelivery = appWebhooks.job;
