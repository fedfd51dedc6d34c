import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * Operations (docs/operations.md): what the people who run the app look at. None of these tables is app data, so a
 * backup leaves them out and a restore leaves them as they are.
 */

/**
 * One row per HTTP request kept by the request log (sampled; errors always kept; pruned after LOG_RETENTION_DAYS).
 * Written in batches after the response, never inside a request's transaction. No foreign keys: a row outlives the
 * user it names, like the audit trail, and the log must never block a write.
 */
export const requestLog = pgTable(
  "request_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** The `X-Request-Id` the audit entries of the same request carry. */
    requestId: text("request_id").notNull(),
    method: text("method").notNull(),
    /** The route as a pattern (`/api/trpc`, `/api/files/[...path]`), never the raw URL with its query. */
    route: text("route").notNull(),
    /** tRPC procedures of the request, comma-separated for a batch (`posts.list,posts.get`). */
    procedure: text("procedure"),
    status: integer("status").notNull(),
    durationMs: doublePrecision("duration_ms").notNull(),
    actorId: uuid("actor_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /** A server-side failure's message (never sent to the client); the stack stays in the process log. */
    error: text("error"),
    /** Which app instance answered (hostname and pid). */
    instance: text("instance").notNull(),
  },
  (t) => [
    index("request_log_at_idx").on(t.at),
    index("request_log_request_idx").on(t.requestId),
    index("request_log_status_idx").on(t.status, t.at),
    index("request_log_actor_idx").on(t.actorId, t.at),
    index("request_log_route_idx").on(t.route, t.at),
  ],
);

/**
 * One row per app instance per minute: the figures the admin dashboard charts without Prometheus. Each instance
 * writes its own row (instances never share memory), and the charts sum or take the worst across instances.
 */
export const metricSamples = pgTable(
  "metric_samples",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The start of the minute the figures cover. */
    at: timestamp("at", { withTimezone: true }).notNull(),
    instance: text("instance").notNull(),
    requests: integer("requests").notNull().default(0),
    /** Answers with status 500 and above. */
    errors: integer("errors").notNull().default(0),
    p50Ms: doublePrecision("p50_ms"),
    p95Ms: doublePrecision("p95_ms"),
    p99Ms: doublePrecision("p99_ms"),
    dbQueries: integer("db_queries").notNull().default(0),
    dbP95Ms: doublePrecision("db_p95_ms"),
    liveSubscribers: integer("live_subscribers").notNull().default(0),
    liveEvents: integer("live_events").notNull().default(0),
    jobQueueDepth: integer("job_queue_depth"),
    rssBytes: bigint("rss_bytes", { mode: "number" }),
    heapUsedBytes: bigint("heap_used_bytes", { mode: "number" }),
    eventLoopLagP99Ms: doublePrecision("event_loop_lag_p99_ms"),
    /** Anything else a collector adds, by name. */
    extra: jsonb("extra").$type<Record<string, number>>().notNull().default({}),
  },
  (t) => [index("metric_samples_at_idx").on(t.at, t.instance)],
);

/** Where a backup is: being written, ready to download and restore, or failed (with why). */
export const backupStatus = pgEnum("backup_status", ["running", "ready", "failed"]);
/** Who asked for it: an admin (page or `npm run db:backup`) or the schedule. */
export const backupKind = pgEnum("backup_kind", ["manual", "scheduled"]);

/**
 * One row per backup archive. The archive itself is in the file storage (`.data/backups/` on local disk by default);
 * its manifest is copied here so the admin lists backups without opening them.
 */
export const backups = pgTable(
  "backups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: backupKind("kind").notNull().default("manual"),
    status: backupStatus("status").notNull().default("running"),
    /** The archive's key in the backup storage. */
    file: text("file"),
    sizeBytes: bigint("size_bytes", { mode: "number" }),
    /** The last migration applied when the snapshot was taken. */
    schemaVersion: text("schema_version"),
    tableCount: integer("table_count"),
    rowCount: bigint("row_count", { mode: "number" }),
    /** SHA-256 of the whole archive, as written. */
    checksum: text("checksum"),
    manifest: jsonb("manifest").$type<Record<string, unknown>>(),
    error: text("error"),
    /** The last verification, dry run or restore of this archive: which, who asked, how it went (its report). */
    lastCheck: jsonb("last_check").$type<Record<string, unknown>>(),
    /** Who took it (null: the schedule or the command line). No foreign key, like the audit trail. */
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("backups_created_idx").on(t.createdAt)],
);
