/** What a live subscriber receives: typed from the resource, like `list` items. */

import type { AnyResource } from "../resource";
import type { Filter } from "../types";

/**
 * A change to one record as this subscriber sees it. `create`: it became visible (created, published, restored, or
 * moved into the filter); `update`: still visible, here is how it reads now; `delete`: it was visible and is not any
 * more (deleted, soft-deleted, unpublished, moved out of the filter). Records carry the subscriber's readable fields
 * only, and always the record's current state, so applying messages in order converges on what `get` would return.
 */
export type LiveChange<Item, Id> = { action: "create" | "update"; id: Id; record: Item } | { action: "delete"; id: Id };

/**
 * Sent once per connection, after any replayed events and before live ones. `resumed: true`: every change since the
 * client's last event id has been delivered. `resumed: false`: there was no last id, or it is outside the retention
 * window: refetch what the page shows, then apply what follows.
 */
export interface LiveReady {
  action: "ready";
  resumed: boolean;
}

export type LiveMessage<Item, Id> = LiveChange<Item, Id> | LiveReady;

/** `onChange` input: the same filter as `list`, optionally one record, and the id to resume after. */
export interface LiveInput<Res extends AnyResource, Id> {
  filter?: Filter<Res>;
  id?: Id;
  /** Set by tRPC's httpSubscriptionLink on reconnect (from the last tracked id); pass it yourself to resume. */
  lastEventId?: string | null;
}
