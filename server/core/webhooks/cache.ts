/**
 * The active webhooks, as every write asks for them (docs/decisions/020-webhooks.md, "Matching"). A write must not
 * pay a query to learn that no webhook wants it, so each instance keeps the list in memory: it is dropped at once
 * when a change to a webhook commits on this instance (onCommitted), and read again at most `ttlMs` after it was read
 * otherwise, which bounds how long another instance's change goes unseen. A webhook disabled or deleted meanwhile
 * is caught anyway: events are only recorded for webhooks still active at the write, and deliveries check again.
 */
import { eq } from "drizzle-orm";
import { webhooks } from "@/db/schema";
import type { Executor } from "../executor";
import type { WebhookEvent } from "./events";

export interface ActiveWebhook {
  id: string;
  resources: string[];
  events: WebhookEvent[];
}

export class WebhookCache {
  private hooks: ActiveWebhook[] | undefined;
  private loadedAt = 0;
  /** Bumped by every invalidation: a read that started before one is not kept. */
  private generation = 0;

  constructor(private readonly ttlMs: number) {}

  invalidate(): void {
    this.hooks = undefined;
    this.generation++;
  }

  /** The active webhooks if the list in memory is fresh, else undefined (nothing is read). */
  fresh(): ActiveWebhook[] | undefined {
    return this.hooks && Date.now() - this.loadedAt < this.ttlMs ? this.hooks : undefined;
  }

  /** The active webhooks: from memory while fresh, else read on `db` (the write's own transaction). */
  async active(db: Executor): Promise<ActiveWebhook[]> {
    const fresh = this.fresh();
    if (fresh) return fresh;
    const generation = this.generation;
    const rows = await db
      .select({ id: webhooks.id, resources: webhooks.resources, events: webhooks.events })
      .from(webhooks)
      .where(eq(webhooks.active, true));
    if (generation === this.generation) {
      this.hooks = rows;
      this.loadedAt = Date.now();
    }
    return rows;
  }
}
