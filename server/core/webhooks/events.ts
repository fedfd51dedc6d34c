/**
 * Which webhook event an engine change is (docs/webhooks.md, "Events"). Four events are enough to subscribe by: a
 * restore brings a record (back) into being, a revert is an update, a purge removes it; the payload's `operation`
 * keeps the engine's own word for receivers that care. Any other operation (custom actions) is an action.
 */
import type { webhookEvent } from "@/db/schema";
import type { Change } from "../changes";

export type WebhookEvent = (typeof webhookEvent.enumValues)[number];

export function eventOf(operation: Change["operation"]): WebhookEvent {
  switch (operation) {
    case "create":
    case "restore":
      return "create";
    case "update":
    case "revert":
      return "update";
    case "delete":
    case "purge":
      return "delete";
    default:
      return "action";
  }
}

/** The name of the custom action a change reports, when the engine's change carries one. */
export function actionOf(change: Change): string | null {
  const name: unknown = (change as Change & { action?: unknown }).action;
  return typeof name === "string" ? name : null;
}
