import { index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The Idempotency-Key of every keyed mutation that committed, with its answer (server/core/idempotency/). The row is
 * inserted in the mutation's own transaction, so "key stored" and "write committed" are one fact: a concurrent
 * duplicate waits on the primary key until the first commits (then replays its answer) or rolls back (then runs).
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    /** Whose key: `user:<id>` for sessions and tokens alike, `anonymous` for callers without credentials. */
    scope: text("scope").notNull(),
    /** The procedure, e.g. `posts.create`: the same key on another procedure is another request. */
    path: text("path").notNull(),
    key: text("key").notNull(),
    /** sha256 (hex) of the canonical input: a retry must send the same input, or it is refused (422). */
    inputHash: text("input_hash").notNull(),
    /**
     * The first answer, superjson-serialized and sealed (AES-256-GCM under a key derived from AUTH_SECRET): answers
     * may carry secrets shown once, such as a new API token. Null only inside the transaction that is writing it.
     */
    response: text("response"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** After this the key is forgotten: a retry runs again, and pruning may delete the row. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "idempotency_keys_pkey", columns: [t.scope, t.path, t.key] }),
    index("idempotency_keys_expires_idx").on(t.expiresAt),
  ],
);
