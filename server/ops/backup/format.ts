/**
 * The backup archive's format (docs/operations-backups.md): a gzip'd tar holding one entry per table, the table's rows
 * as PostgreSQL's COPY text, and `manifest.json` last (only then are the counts and checksums known). Everything a
 * restore reads from the manifest is checked against this schema first: an archive is input like any other.
 */
import { z } from "zod";

export const FORMAT = "atrium-backup";
export const FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = "manifest.json";

/** Bounds on what a restore will read, so a hostile archive cannot make it work without end. */
export const LIMITS = {
  manifestBytes: 4 * 1024 * 1024,
  tables: 1_000,
  columns: 1_600,
  migrations: 10_000,
  sequences: 10_000,
} as const;

/** Tables a backup never holds (docs/operations-backups.md, "What is in a backup"). */
export const EXCLUDED_TABLES = [
  // Operations: what the people who run the app look at, not app data; a restore keeps them as they are.
  "request_log",
  "metric_samples",
  "backups",
  // The live event log: a restore empties it and raises its horizon, so clients refetch instead of resuming.
  "live_events",
  "live_events_queue",
  "live_event_horizon",
  // PocketBase realtime connections of the running instances: a restore must not overwrite the streams open now.
  "realtime_clients",
] as const;

/** A plain SQL identifier: what a restore will quote and put in its statements. */
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/, "is not a plain SQL identifier");
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "is not a SHA-256");
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const tableEntrySchema = z.strictObject({
  schema: z.literal("public"),
  name: identifier,
  /** The archive entry holding the rows. */
  entry: z.string().max(200),
  columns: z
    .array(z.strictObject({ name: identifier, type: z.string().min(1).max(200) }))
    .min(1)
    .max(LIMITS.columns),
  /** The primary key the rows were written in order of (empty: the table has none, rows in storage order). */
  orderedBy: z.array(identifier).max(32),
  rows: count,
  bytes: count,
  sha256,
});

export const migrationSchema = z.strictObject({
  tag: z.string().min(1).max(200),
  /** drizzle's `created_at`: the journal's `when` of the migration. */
  when: count,
  hash: sha256,
});

export const manifestSchema = z
  .strictObject({
    format: z.literal(FORMAT),
    version: z.literal(FORMAT_VERSION),
    createdAt: z.iso.datetime(),
    postgres: z.string().max(200),
    /** The last migration applied when the snapshot was taken (null: none). */
    schemaVersion: z.string().max(200).nullable(),
    migrations: z.array(migrationSchema).max(LIMITS.migrations),
    /** Where each sequence stood: a restore never moves one below this (ids are never handed out twice). */
    sequences: z
      .array(z.strictObject({ name: identifier, value: z.string().regex(/^-?\d{1,19}$/) }))
      .max(LIMITS.sequences),
    excluded: z.array(identifier).max(100),
    /** Records whose last audit entry says they exist but have no row, in the snapshot (a restore must match it). */
    audit: z.strictObject({ missing: count }),
    tables: z.array(tableEntrySchema).max(LIMITS.tables),
  })
  .superRefine((m, ctx) => {
    const names = new Set<string>();
    m.tables.forEach((t, i) => {
      if (names.has(t.name)) ctx.addIssue({ code: "custom", path: ["tables", i, "name"], message: "appears twice" });
      names.add(t.name);
      if (t.entry !== entryName(t.name)) {
        ctx.addIssue({ code: "custom", path: ["tables", i, "entry"], message: `should be ${entryName(t.name)}` });
      }
    });
    const last = m.migrations.at(-1)?.tag ?? null;
    if (last !== m.schemaVersion) {
      ctx.addIssue({ code: "custom", path: ["schemaVersion"], message: "is not the last migration listed" });
    }
  });

export type Manifest = z.infer<typeof manifestSchema>;
export type TableEntry = z.infer<typeof tableEntrySchema>;
export type MigrationRecord = z.infer<typeof migrationSchema>;

export function entryName(table: string): string {
  return `tables/public.${table}.copy`;
}

/** `"name"`, with inner quotes doubled. Names reaching SQL were checked by `identifier` or come from the catalog. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
