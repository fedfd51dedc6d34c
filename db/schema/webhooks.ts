import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * What a webhook subscribes to. An engine operation maps onto one of these (docs/webhooks.md): restore counts as a
 * create, revert as an update, purge as a delete; a custom action is an action.
 */
export const webhookEvent = pgEnum("webhook_event", ["create", "update", "delete", "action"]);

/** How one POST to a webhook's URL ended. */
export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", ["succeeded", "failed"]);

/**
 * Outgoing webhooks (docs/webhooks.md): admins register a URL, the resources and events it wants, and get a signing
 * secret. Every committed change that matches queues a signed delivery in the change's own transaction.
 */
export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: varchar("name", { length: 100 }).notNull(),
    url: text("url").notNull(),
    /** Registered resource names (`posts`, `users`); checked against the registry when saved. */
    resources: text("resources").array().notNull().default([]),
    events: webhookEvent("events").array().notNull().default(["create", "update", "delete"]),
    active: boolean("active").notNull().default(true),
    /** Deliveries carry the record as this user may read it through the API; none (deleted user): as anonymous. */
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    /**
     * The HMAC key (`whsec_...`). The server must sign with it, so it is kept as is (a hash would not do); it never
     * leaves through the API except once, when it is made (docs/webhooks.md, "The secret").
     */
    secret: text("secret").notNull(),
    secretCreatedAt: timestamp("secret_created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the secret was shown (once); null until then. */
    secretShownAt: timestamp("secret_shown_at", { withTimezone: true }),
    /** Failed attempts in a row; a success resets it. At WEBHOOKS_DISABLE_AFTER_FAILURES the webhook is disabled. */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** Set when the delivery job disabled the webhook, with why; cleared when an admin turns it back on. */
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    disabledReason: text("disabled_reason"),
    lastDeliveryAt: timestamp("last_delivery_at", { withTimezone: true }),
    lastDeliveryStatus: webhookDeliveryStatus("last_delivery_status"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhooks_owner_idx").on(t.ownerId)],
);

/**
 * One matching change for one webhook: the outbox row written in the change's transaction (with the delivery job),
 * and what every attempt and redelivery builds its body from. Its id is the event id receivers see. The row images
 * are keyed by column name and never hold hidden fields; what a delivery sends of them is decided at delivery time,
 * by the rules of the webhook's owner.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    resource: text("resource").notNull(),
    recordId: text("record_id").notNull(),
    event: webhookEvent("event").notNull(),
    /** The engine's operation: create, update, delete, restore, purge, revert (or a custom action's). */
    operation: text("operation").notNull(),
    /** The custom action's name, for an action. */
    action: text("action"),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_events_webhook_idx").on(t.webhookId, t.occurredAt)],
);

/** The delivery log: one row per POST made (each retry and each redelivery is one), with how it went. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    /** `posts.update`: the event's resource and event, as the X-Atrium-Event header says it. */
    type: text("type").notNull(),
    recordId: text("record_id").notNull(),
    /** 1 for the first POST of an event, counting its retries and redeliveries. */
    attempt: integer("attempt").notNull(),
    /** Sent by an admin's "Redeliver" rather than by the queue. */
    manual: boolean("manual").notNull().default(false),
    requestedById: uuid("requested_by_id").references(() => users.id, { onDelete: "set null" }),
    status: webhookDeliveryStatus("status").notNull(),
    /** The receiver's HTTP status; null when no answer came (refused address, connection error, timeout). */
    statusCode: integer("status_code"),
    latencyMs: integer("latency_ms"),
    /** Why it failed, when it did: "HTTP 500", "timed out after 10 s", "127.0.0.1 is a loopback address". */
    error: text("error"),
    /** The start of the receiver's answer (at most 1 KiB), for debugging. */
    response: text("response"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_deliveries_webhook_idx").on(t.webhookId, t.createdAt),
    index("webhook_deliveries_event_idx").on(t.eventId),
  ],
);
