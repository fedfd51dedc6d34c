import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { fileColumn, filesColumn } from "../../server/core/files/column";
import { users } from "./users";

export const postStatus = pgEnum("post_status", ["draft", "published"]);

export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    body: text("body").notNull(),
    status: postStatus("status").notNull().default("draft"),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** An image shown atop the post and as its thumbnail in lists (server/resources/posts.ts). */
    cover: fileColumn("cover"),
    attachments: filesColumn("attachments").notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    // Unique among live rows only, so a soft-deleted post does not hold its slug hostage.
    uniqueIndex("posts_slug_unique").on(t.slug).where(sql`${t.deletedAt} is null`),
    // The home page query: published, not deleted, newest first.
    index("posts_published_idx")
      .on(t.publishedAt.desc())
      .where(sql`${t.status} = 'published' and ${t.deletedAt} is null`),
    index("posts_author_idx").on(t.authorId),
    // The lists the demo's pages send (db/list-plans.test.ts, docs/decisions/026-list-totals.md). The engine
    // orders by the sort field, then the id ascending; a NOT NULL field plainly both ways (server/core/sort.ts), so
    // one (field, id) index serves ascending and descending. The default order serves every deleted mode (the bin,
    // and deleted rows included); the others serve live rows only, which is what lists show unless asked.
    index("posts_created_idx").on(t.createdAt, t.id),
    index("posts_updated_idx").on(t.updatedAt, t.id).where(sql`${t.deletedAt} is null`),
    index("posts_title_idx").on(t.title, t.id).where(sql`${t.deletedAt} is null`),
    // Also counts live rows from the index alone (a capped total), the author for the own-drafts rule included.
    index("posts_status_idx").on(t.status, t.id, t.authorId).where(sql`${t.deletedAt} is null`),
    // Two statuses: read backwards, the index above would sort a whole status by id, so descending has its own.
    index("posts_status_desc_idx").on(t.status.desc().nullsFirst(), t.id).where(sql`${t.deletedAt} is null`),
    // A nullable field: NULLs last both ways needs an index per direction.
    index("posts_published_at_idx").on(t.publishedAt, t.id).where(sql`${t.deletedAt} is null`),
    index("posts_published_at_desc_idx").on(t.publishedAt.desc().nullsLast(), t.id).where(sql`${t.deletedAt} is null`),
    // The bin.
    index("posts_deleted_idx").on(t.deletedAt).where(sql`${t.deletedAt} is not null`),
    // Search is ILIKE '%word%' on every searchable field (title, body), which only trigram indexes serve: GIN
    // indexes posts_title_trgm_idx and posts_body_trgm_idx, written by hand in migration 0017 after the pg_trgm
    // extension they need, which drizzle-kit does not model (a squash of the migrations would order them before it).
  ],
);
