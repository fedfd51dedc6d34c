import { sql } from "drizzle-orm";
import { bigint, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const fileState = pgEnum("file_state", ["pending", "attached", "detached"]);

/**
 * The ledger of stored files (docs/decisions/017-files.md): every blob in storage has a row here, written in the
 * same transaction as the record that attaches or lets go of it. Records hold the files' descriptors in their own
 * jsonb columns; this table says which blobs exist, whose upload each is, and when an unused one may be deleted.
 */
export const files = pgTable(
  "files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Where the bytes are in their storage: random, never derived from the name the uploader gave. */
    key: text("key").notNull().unique(),
    storage: text("storage", { enum: ["local", "uploadthing"] }).notNull(),
    /** The uploader's file name, made safe (no path, no control characters), for Content-Disposition and the UI. */
    name: text("name").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    /** The type sniffed from the content, never the one the uploader claimed. */
    type: text("type").notNull(),
    width: integer("width"),
    height: integer("height"),
    /** Resource and field the upload is for: it may only be attached there. */
    resource: text("resource").notNull(),
    field: text("field").notNull(),
    /** The record holding it, once attached (kept when detached, so revert can find it again). */
    recordId: text("record_id"),
    state: fileState("state").notNull().default("pending"),
    /** No foreign key: the ledger outlives a deleted user like the audit trail does. */
    uploadedBy: uuid("uploaded_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    detachedAt: timestamp("detached_at", { withTimezone: true }),
  },
  (t) => [
    // The sweeper's two questions: old pending uploads, and detached files past their grace.
    index("files_pending_idx").on(t.createdAt).where(sql`${t.state} = 'pending'`),
    index("files_detached_idx").on(t.detachedAt).where(sql`${t.state} = 'detached'`),
    index("files_record_idx").on(t.resource, t.recordId),
    // Bounds how many unattached uploads one user holds.
    index("files_uploader_pending_idx").on(t.uploadedBy).where(sql`${t.state} = 'pending'`),
  ],
);

export type FileRow = typeof files.$inferSelect;
