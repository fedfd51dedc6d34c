/**
 * The webhook engine, set up once by the app (server/webhooks.ts): `job` goes in the app's job list, `install()`
 * makes every write of this process record matching events (in its transaction), and the admin's procedures call
 * `revealSecret`, `rotateSecret` and `redeliver`. See docs/webhooks.md and docs/decisions/020-webhooks.md.
 */
import type { Actor } from "../actor";
import { onCommitted, onRecorded } from "../changes";
import type { Executor } from "../executor";
import type { Writer } from "../write";
import { WebhookCache } from "./cache";
import type { WebhooksConfig } from "./config";
import { type DeliveryJob, webhookDeliveryJob } from "./deliver";
import { recordWebhookEvents, webhooksWant } from "./observe";
import { redeliver } from "./redeliver";
import { revealSecret, rotateSecret } from "./secrets";

export interface Webhooks {
  config: WebhooksConfig;
  job: DeliveryJob;
  cache: WebhookCache;
  /** Observes this process's writes (idempotent); returns the function that stops it. */
  install(): () => void;
  revealSecret(w: Writer, id: string): Promise<string>;
  rotateSecret(w: Writer, id: string): Promise<string>;
  redeliver(db: Executor, deliveryId: string, actor: Actor): Promise<{ eventId: string }>;
}

export function defineWebhooks(config: WebhooksConfig): Webhooks {
  const cache = new WebhookCache(config.settings.cacheTtlMs);
  const job = webhookDeliveryJob(config);
  let uninstall: (() => void) | undefined;
  return {
    config,
    job,
    cache,
    install() {
      if (!uninstall) {
        const stopRecording = onRecorded(
          (tx, change) => recordWebhookEvents(config, cache, job, tx, change),
          (resource, operation) => webhooksWant(config, cache, resource, operation),
        );
        // A webhook saved here applies to the very next write here; other instances re-read within the cache's TTL.
        const stopListening = onCommitted((change) => {
          if (change.resource === config.webhooks.name) cache.invalidate();
        });
        uninstall = () => {
          stopRecording();
          stopListening();
          uninstall = undefined;
        };
      }
      return uninstall;
    },
    revealSecret: (w, id) => revealSecret(config, w, id),
    rotateSecret: (w, id) => rotateSecret(config, w, id),
    redeliver: (db, deliveryId, actor) => redeliver(job, db, deliveryId, actor),
  };
}
