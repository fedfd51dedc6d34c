/**
 * Webhooks and their delivery log as resources (docs/webhooks.md): the admin's list, form, history, live updates and
 * the API come from the engine like for any resource. Admins only, for every operation. The log is written by the
 * delivery job alone: nobody creates, changes or deletes a delivery through the API.
 */
import { TRPCError } from "@trpc/server";
import { count } from "drizzle-orm";
import { webhookDeliveries, webhooks } from "@/db/schema";
import { webhooksFromEnv } from "@/env";
import { belongsTo, callerId, defineResource, rule } from "@/server/core";
import { FieldError } from "@/server/core/errors";
import type { Transaction } from "@/server/core/executor";
import { WEBHOOK_LIMITS } from "@/server/core/webhooks/config";
import { generateSecret } from "@/server/core/webhooks/signature";
import { webhookUrlProblem } from "@/server/core/webhooks/url-check";
import { adminsSet } from "./policies";

/** The webhook tables' own resources: a webhook may not subscribe to them (it would deliver its own log). */
export const WEBHOOK_RESOURCES = new Set(["webhooks", "webhookDeliveries"]);

function refuse(field: string, message: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message, cause: new FieldError(message, { [field]: [message] }) });
}

async function checkUrl(url: string): Promise<void> {
  const problem = await webhookUrlProblem(url, webhooksFromEnv().WEBHOOKS_ALLOW_PRIVATE);
  if (problem) throw refuse("url", problem);
}

/** Every name must be a registered resource other than the webhook tables. */
async function checkResources(names: readonly string[]): Promise<void> {
  // Imported when called: the registry imports this file.
  const { resources } = await import("./index");
  const known = Object.keys(resources).filter((name) => !WEBHOOK_RESOURCES.has(name));
  if (names.length === 0) throw refuse("resources", `Choose at least one resource: ${known.join(", ")}.`);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const which = unknown.map((name) => `"${name}"`).join(", ");
    throw refuse("resources", `Not a resource webhooks can watch: ${which}. Choose from ${known.join(", ")}.`);
  }
}

async function checkRoom(tx: Transaction): Promise<void> {
  const [held] = await tx.select({ n: count() }).from(webhooks);
  if ((held?.n ?? 0) >= WEBHOOK_LIMITS.maxWebhooks) {
    throw refuse("_form", `There are ${WEBHOOK_LIMITS.maxWebhooks} webhooks already; delete one first.`);
  }
}

type WebhookPatch = Partial<typeof webhooks.$inferInsert>;

/**
 * What an update may not bring back (a revert sets a webhook back to an old version, and versions hold these): the
 * delivery counters, and the secret's dates but for a new secret. A secret once shown stays shown, so a revert can
 * never make the live secret showable again.
 */
function withoutBookkeeping(data: WebhookPatch): WebhookPatch {
  const { consecutiveFailures: _f, lastDeliveryAt: _at, lastDeliveryStatus: _status, ...rest } = data;
  const { secretCreatedAt, secretShownAt, ...kept } = rest;
  return {
    ...kept,
    ...(data.secret !== undefined && secretCreatedAt ? { secretCreatedAt } : {}),
    ...(secretShownAt instanceof Date ? { secretShownAt } : {}),
  };
}

const nobody = rule("nobody: the delivery log is written by the delivery job", () => false);

export const webhooksResource = defineResource("webhooks", {
  table: webhooks,
  label: { one: "Webhook", many: "Webhooks" },
  icon: "Webhook",
  titleField: "name",
  fields: {
    name: {
      label: "Name",
      rules: { minLength: 1, maxLength: 100 },
      filterable: true,
      sortable: true,
      searchable: true,
    },
    url: {
      label: "URL",
      widget: "url",
      help: "Where deliveries are POSTed: http:// or https://, on a public address.",
      rules: {
        maxLength: WEBHOOK_LIMITS.maxUrlLength,
        pattern: { source: "^https?://", message: "URL must start with http:// or https://" },
      },
      searchable: true,
    },
    resources: {
      label: "Resources",
      widget: "tags",
      help: "The resources whose changes it receives, by name (e.g. users).",
      rules: {
        minItems: 1,
        maxItems: WEBHOOK_LIMITS.maxResources,
        maxLength: 64,
        pattern: { source: "^[A-Za-z][A-Za-z0-9]*$", message: "Each resource is a name like posts" },
      },
    },
    events: {
      label: "Events",
      help: "Restores count as create, reverts as update, purges as delete.",
      rules: { minItems: 1 },
    },
    active: { label: "Active", filterable: true, sortable: true },
    ownerId: {
      label: "Reads as",
      help: "Deliveries carry the record as this user may read it. Without one: as an anonymous visitor.",
      defaultValue: callerId,
      filterable: true,
    },
    // The signing key: never read or written through the API (docs/webhooks.md, "The secret").
    secret: { hidden: true },
    secretCreatedAt: { label: "Secret made", creatable: false, updatable: false },
    secretShownAt: { label: "Secret shown", creatable: false, updatable: false },
    consecutiveFailures: { label: "Failures in a row", creatable: false, updatable: false, sortable: true },
    disabledAt: { label: "Disabled", creatable: false, updatable: false, filterable: true, sortable: true },
    disabledReason: { label: "Disabled because", creatable: false, updatable: false },
    lastDeliveryAt: { label: "Last delivery", creatable: false, updatable: false, sortable: true },
    lastDeliveryStatus: { label: "Last result", creatable: false, updatable: false, filterable: true },
    createdAt: { label: "Created", sortable: true },
    updatedAt: { label: "Updated", sortable: true },
  },
  relations: { owner: belongsTo("users", { field: "ownerId" }) },
  list: { defaultSort: ["name"], maxPerPage: 100 },
  hooks: {
    beforeCreate: async ({ data, tx }) => {
      await checkRoom(tx);
      await checkUrl(data.url ?? "");
      await checkResources(data.resources ?? []);
      return { ...data, secret: generateSecret(), secretCreatedAt: new Date(), secretShownAt: null };
    },
    beforeUpdate: async ({ data: given, old }) => {
      const data = withoutBookkeeping(given);
      if (data.url !== undefined && data.url !== old.url) await checkUrl(data.url);
      if (data.resources !== undefined) await checkResources(data.resources);
      // Switching a disabled webhook back on starts its failure count afresh and clears the notice.
      if (data.active === true && !old.active) {
        return { ...data, consecutiveFailures: 0, disabledAt: null, disabledReason: null };
      }
      return data;
    },
  },
  access: {
    list: adminsSet,
    get: adminsSet,
    create: adminsSet,
    update: adminsSet,
    delete: adminsSet,
    revert: adminsSet,
  },
});

export const webhookDeliveriesResource = defineResource("webhookDeliveries", {
  table: webhookDeliveries,
  label: { one: "Webhook delivery", many: "Webhook deliveries" },
  icon: "Activity",
  titleField: "type",
  fields: {
    webhookId: { label: "Webhook", filterable: true },
    eventId: { label: "Event", filterable: true },
    type: { label: "Event type", filterable: true, sortable: true, searchable: true },
    recordId: { label: "Record", filterable: true },
    attempt: { label: "Attempt", sortable: true },
    manual: { label: "By hand", filterable: true },
    requestedById: { label: "Requested by" },
    status: { label: "Result", filterable: true, sortable: true, tones: { succeeded: "green", failed: "red" } },
    statusCode: { label: "HTTP status", filterable: true, sortable: true },
    latencyMs: { label: "Latency (ms)", sortable: true },
    error: { label: "Error", widget: "textarea" },
    response: { label: "Response", widget: "textarea" },
    createdAt: { label: "Sent", filterable: true, sortable: true },
  },
  relations: {
    webhook: belongsTo("webhooks", { field: "webhookId" }),
    requestedBy: belongsTo("users", { field: "requestedById" }),
  },
  list: { defaultSort: ["-createdAt"], maxPerPage: 100 },
  access: {
    list: adminsSet,
    get: adminsSet,
    create: nobody,
    update: nobody,
    delete: nobody,
    revert: nobody,
  },
});
