/**
 * The bytes of PocketBase's realtime stream. Every event carries the client id as its SSE id (the SDK reads the id
 * of `PB_CONNECT`, PocketBase repeats it on every message) and is named by the topic exactly as subscribed, which is
 * what the SDK adds its listeners by. Data is `{ action, record }` with the record in PocketBase's shape.
 *
 * Atrium's live messages map one to one: `create` (the record became visible to this subscriber: created,
 * published, restored, or moved into its filter), `update` (still visible, as it reads now), `delete` (visible
 * before and not any more: deleted, soft-deleted, unpublished, moved out of the filter; the record is then its id
 * only, as the engine keeps nothing else a subscriber may still read). `ready`, Atrium's resume marker, has no
 * PocketBase counterpart and is not sent.
 */

import { pickFields } from "@/server/core/pocketbase/fields";
import { pocketBaseRecordFromEngine } from "@/server/core/pocketbase/record";
import type { RecordChange } from "@/server/core/realtime/subscriber";
import { isPlainObject, type JsonValue } from "@/server/core/rest/json-codecs";
import type { Registry, Topic } from "./realtime-topics";

const encoder = new TextEncoder();

/** An SSE comment: keeps proxies from closing a quiet stream; EventSource ignores it. */
export const KEEP_ALIVE = encoder.encode(": keep-alive\n\n");

const EVENT_END = encoder.encode("\n\n");

export function connectFrame(clientId: string): Uint8Array {
  return encoder.encode(`id:${clientId}\nevent:PB_CONNECT\ndata:${JSON.stringify({ clientId })}\n\n`);
}

/** `id:` and `event:` of one client's messages on one topic, up to the data: built once per topic. */
export function eventHead(clientId: string, topic: string): Uint8Array {
  return encoder.encode(`id:${clientId}\nevent:${topic}\ndata:`);
}

/**
 * The data of one message as a topic shows it. The listener hands subscribers who share an audience and reader the
 * same message object, so this is serialised once per (message, fields) however many clients receive it.
 */
const encoded = new WeakMap<RecordChange, Map<string, Uint8Array>>();

export function changeData(topic: Topic, registry: Registry, message: RecordChange): Uint8Array {
  const key = topic.fields?.text ?? "";
  let byFields = encoded.get(message);
  const known = byFields?.get(key);
  if (known) return known;
  const data = encoder.encode(JSON.stringify({ action: message.action, record: recordOf(topic, registry, message) }));
  byFields ??= new Map();
  byFields.set(key, data);
  encoded.set(message, byFields);
  return data;
}

/** The three chunks of one event: head, data, end (enqueued as they are; nothing copied per client). */
export function eventChunks(head: Uint8Array, data: Uint8Array): [Uint8Array, Uint8Array, Uint8Array] {
  return [head, data, EVENT_END];
}

function recordOf(topic: Topic, registry: Registry, message: RecordChange): JsonValue {
  const { resource } = topic;
  const item = message.action === "delete" ? { [resource.info.idKey]: message.id } : message.record;
  const record = pocketBaseRecordFromEngine(resource, registry, item);
  return topic.fields && isPlainObject(record) ? pickFields(record, topic.fields.tree, false) : record;
}
