import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The PocketBase-shaped realtime clients (`/api/realtime`, server/http/pocketbase/realtime.ts) open on any app
 * instance. A client's event stream lives on the instance that accepted its GET, but its `POST /api/realtime` may
 * reach any instance behind the load balancer: that instance checks and stores the subscriptions here, in the same
 * transaction NOTIFYs `atrium_pb_realtime` with the client's id, and the owning instance reads the row and applies it.
 * Rows are connection state, not app data: deleted when the stream ends, and ignored (then swept) once expired.
 */
export const realtimeClients = pgTable(
  "realtime_clients",
  {
    /** The client id PocketBase clients read from `PB_CONNECT` and send back with every POST. */
    id: text("id").primaryKey(),
    /** The app instance whose process holds the stream (a random id per process and database pool). */
    instance: text("instance").notNull(),
    /** The address the stream was opened from: a POST from another one is refused, as in PocketBase. */
    ip: text("ip").notNull(),
    /** Whom the subscriptions are evaluated for: null until a signed-in POST binds the client to its user. */
    userId: uuid("user_id"),
    /** The topics, exactly as the client sent them (`posts/*`, `posts/<id>?options=...`). */
    subscriptions: jsonb("subscriptions").$type<string[]>().notNull().default([]),
    /** Raised by every accepted POST: the owning instance applies a version once, newest last. */
    version: integer("version").notNull().default(0),
    /** The newest live event id when the POST was accepted: new subscriptions replay what committed after it. */
    fromSeq: bigint("from_seq", { mode: "number" }).notNull().default(0),
    connectedAt: timestamp("connected_at", { withTimezone: true }).notNull().defaultNow(),
    /** After this no stream can still be open (streams end after LIVE_STREAM_MAX_SECONDS): the row is stale. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("realtime_clients_expires_at_idx").on(t.expiresAt)],
);
