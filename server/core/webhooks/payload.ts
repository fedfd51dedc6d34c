/**
 * What a delivery says (docs/webhooks.md, "The body"). The event's row images are read as the webhook's reader
 * (its owner, or anonymous) would read the record through `get`: the resource's `get` rule and soft delete decide
 * whether they see it at all (evaluated in SQL on the image, as live updates evaluate their before-images), its field
 * read rules what they see of it, and hidden fields never left the database. A change the reader could see neither
 * before nor after is not delivered at all, not even its id.
 */
import { and, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { webhookEvents } from "@/db/schema";
import { rowCondition } from "../access";
import type { Actor } from "../actor";
import type { Executor } from "../executor";
import { selection, stripUnreadable } from "../expand";
import { liveCondition } from "../read";
import type { AnyResource } from "../resource";
import { WEBHOOK_LIMITS } from "./config";
import type { WebhookEvent } from "./events";

type Rec = Record<string, unknown>;
export type EventRow = typeof webhookEvents.$inferSelect;

export interface WebhookPayload {
  /** The event id: the same on every retry and redelivery, so receivers can ignore one they already handled. */
  id: string;
  /** `<resource>.<event>`, e.g. `posts.update`. */
  type: string;
  resource: string;
  event: WebhookEvent;
  /** The engine's operation: create, update, delete, restore, purge, revert, or action. */
  operation: string;
  /** The custom action's name, for actions. */
  action?: string;
  recordId: string;
  occurredAt: string;
  /** The record after the change as the reader may read it; null when it is gone or no longer visible to them. */
  record: Rec | null;
  /** For updates: the fields the reader may read whose value changed. */
  changes?: string[];
  /** Set when the record was left out because the body would pass the size limit. */
  recordOmitted?: "too large";
}

/** The result key of the visibility flag, beside the record's own keys (which are identifiers: no colon). */
const VISIBLE = "webhook:visible";

/** The record an image holds, as `reader` may read it, or null when the reader may not see it. */
async function readableImage(
  db: Executor,
  resource: AnyResource,
  image: Rec | null,
  reader: Actor,
): Promise<Rec | null> {
  if (!image) return null;
  const table = resource.table as PgTable;
  const alias = sql.identifier(getTableName(table));
  const condition = and(liveCondition(resource), rowCondition(resource.access, "get", reader));
  // Read from the image, not the table: each column by name, decoded as the column decodes it.
  const columns = Object.fromEntries(
    Object.entries(selection(resource)).map(([key, column]) => [
      key,
      sql`${alias}.${sql.identifier(column.name)}`.mapWith(column),
    ]),
  );
  // The image is cast to the table's row type and aliased as the table, so the rule's SQL applies to it unchanged.
  const [result] = await db
    .select({ [VISIBLE]: condition ? sql<boolean>`coalesce((${condition}), false)` : sql<boolean>`true`, ...columns })
    .from(sql`jsonb_populate_record(null::${table}, ${JSON.stringify(image)}::jsonb) as ${alias}`);
  if (!result?.[VISIBLE]) return null;
  const { [VISIBLE]: _visible, ...record } = result as Rec;
  stripUnreadable(resource, [record], reader);
  return record;
}

const comparable = (value: unknown) => JSON.stringify(value, jsonReplacer);

export async function buildPayload(
  db: Executor,
  resource: AnyResource,
  event: EventRow,
  reader: Actor,
): Promise<WebhookPayload | null> {
  const [before, after] = await Promise.all([
    readableImage(db, resource, event.before, reader),
    readableImage(db, resource, event.after, reader),
  ]);
  if (!before && !after) return null;
  const record = event.event === "delete" ? null : after;
  const payload: WebhookPayload = {
    id: event.id,
    type: `${event.resource}.${event.event}`,
    resource: event.resource,
    event: event.event,
    operation: event.operation,
    ...(event.action ? { action: event.action } : {}),
    recordId: event.recordId,
    occurredAt: event.occurredAt.toISOString(),
    record,
  };
  if (event.event === "update" && before && after) {
    payload.changes = Object.keys(after).filter((key) => comparable(before[key]) !== comparable(after[key]));
  }
  return payload;
}

/** JSON has no bigint: its exact digits, as text (as the API's other JSON surfaces write them). */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/** The body as sent: the payload's JSON, without the record when it would pass the size limit. */
export function serializePayload(payload: WebhookPayload, maxBytes: number = WEBHOOK_LIMITS.maxBodyBytes): string {
  const body = JSON.stringify(payload, jsonReplacer);
  if (Buffer.byteLength(body) <= maxBytes) return body;
  return JSON.stringify({ ...payload, record: null, recordOmitted: "too large" }, jsonReplacer);
}
