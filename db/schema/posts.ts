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
  ],
);
