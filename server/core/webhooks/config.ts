/**
 * What the webhook engine is given by the app (server/webhooks.ts): the registry it observes, its own two resource
 * definitions (so its writes are audited and go out live like any other), who a delivery reads records as, and the
 * operator's settings. The engine knows no app table besides its own.
 */
import type { Actor } from "../actor";
import type { Executor } from "../executor";
import type { Registry } from "../expand";
import type { AnyResource } from "../resource";
import type { Network } from "./address";
import type { Resolver } from "./safe-post";

/** Fixed bounds (docs/webhooks.md, "Limits"): what one admin, one receiver or one record can make the server hold. */
export const WEBHOOK_LIMITS = {
  /** Webhooks at most, active or not: each is matched against every write. */
  maxWebhooks: 100,
  /** Longest URL. */
  maxUrlLength: 2_048,
  /** Resources one webhook may name. */
  maxResources: 50,
  /** Largest body sent; a bigger record is left out (`recordOmitted`), the event still goes. */
  maxBodyBytes: 256 * 1024,
  /** Bytes of the receiver's answer kept in the log. */
  excerptBytes: 1_024,
  /** Old events deleted per delivery, so pruning never holds the webhook's row for long. */
  pruneBatch: 1_000,
} as const;

export interface WebhookSettings {
  /** Private networks deliveries may reach anyway (WEBHOOKS_ALLOW_PRIVATE). */
  allowed: readonly Network[];
  /** For the DNS lookup and the request together. */
  timeoutMs: number;
  /** Failed attempts in a row that disable a webhook. */
  disableAfterFailures: number;
  /** Retries after the first attempt, and the first retry's delay (doubling, with jitter, after each). */
  retry: { limit: number; delaySeconds: number };
  /** Events (and their deliveries) older than this are deleted. */
  retentionDays: number;
  /** How long an instance trusts its list of active webhooks without reading it again. */
  cacheTtlMs: number;
}

export interface WebhooksConfig {
  /** Every registered resource by name, read when needed (the app's registry imports the webhook definitions). */
  registry: () => Registry;
  /** The app's definitions over the `webhooks` and `webhook_deliveries` tables. */
  webhooks: AnyResource;
  deliveries: AnyResource;
  /**
   * Who a delivery reads its record as, given the webhook's owner (null when there is none): the record is sent as
   * that actor may read it through the API, so a webhook never carries more than its owner could fetch.
   */
  readerOf: (db: Executor, ownerId: string | null) => Promise<Actor>;
  settings: WebhookSettings;
  /** Tests resolve host names themselves; the app uses the system's resolver. */
  resolve?: Resolver;
  /** The delivery job's name (default `webhooks.deliver`). */
  jobName?: string;
}

/** The actor the delivery job writes as (the audit trail names it when it disables a webhook). */
export const DELIVERY_ACTOR: Actor = { kind: "system", reason: "webhook deliveries" };
