import { bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** What an entry records: a write of a record, a custom action run on one (issue 16), or an admin retrying or cancelling a job. */
export const auditOperation = pgEnum("audit_operation", [
  "create",
  "update",
  "delete",
  "restore",
  "purge",
  "revert",
  "action",
  "retry",
  "cancel",
]);
/** The operations that change a record (and so reach live subscribers); the others are audit-only. */
export type RecordOperation = Exclude<(typeof auditOperation.enumValues)[number], "action" | "retry" | "cancel">;
export const auditActorKind = pgEnum("audit_actor_kind", ["user", "token", "system", "anonymous"]);

/**
 * One row per change made through the engine, written in the change's own transaction: who, when, what before and
 * what after (for updates only the fields that changed). Hidden fields are never recorded.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    // A sequence, not a uuid: entries of one record sort in commit-lock order, which history and revert rely on.
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorKind: auditActorKind("actor_kind").notNull(),
    /** The user behind a session or token; no foreign key, so the trail outlives a deleted user. */
    actorId: uuid("actor_id"),
    tokenId: uuid("token_id"),
    /** The user's name at the time, or the system reason. */
    actorLabel: text("actor_label").notNull(),
    operation: auditOperation("operation").notNull(),
    resource: text("resource").notNull(),
    recordId: text("record_id").notNull(),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    requestId: text("request_id"),
  },
  (t) => [
    index("audit_log_record_idx").on(t.resource, t.recordId, t.id),
    index("audit_log_actor_idx").on(t.actorId, t.id),
    index("audit_log_at_idx").on(t.at),
    // The request log opens one request with the entries it caused (docs/operations.md).
    index("audit_log_request_idx").on(t.requestId),
  ],
);
