CREATE INDEX "posts_created_idx" ON "posts" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "posts_updated_idx" ON "posts" USING btree ("updated_at","id") WHERE "posts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "posts_title_idx" ON "posts" USING btree ("title","id") WHERE "posts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "posts_status_idx" ON "posts" USING btree ("status","id","author_id") WHERE "posts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "posts_status_desc_idx" ON "posts" USING btree ("status" DESC NULLS FIRST,"id") WHERE "posts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "posts_published_at_idx" ON "posts" USING btree ("published_at","id") WHERE "posts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "posts_published_at_desc_idx" ON "posts" USING btree ("published_at" DESC NULLS LAST,"id") WHERE "posts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "posts_deleted_idx" ON "posts" USING btree ("deleted_at") WHERE "posts"."deleted_at" is not null;--> statement-breakpoint
-- Hand-written from here: drizzle-kit does not model extensions. pg_trgm serves search (ILIKE '%word%') from an index.
-- It ships with PostgreSQL (embedded-postgres included) and is trusted since PostgreSQL 13, so the database owner may
-- create it. It lives in a schema of its own, never public: a restore replaces public whole (server/ops/backup/
-- swap.ts). One statement, so that `npm run demo:remove` carries schema and extension over together (its squash takes
-- a CREATE SCHEMA for drizzle-kit's own). See docs/decisions/026-list-totals.md.
DO $$
BEGIN
  CREATE SCHEMA IF NOT EXISTS "extensions";
  CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA "extensions";
END
$$;--> statement-breakpoint
-- Search's indexes (db/schema/posts.ts names them), after the extension they need; in a DO block too, which the squash
-- carries over after the tables it generates, where it would take a bare CREATE INDEX for one of its own.
DO $$
BEGIN
  CREATE INDEX "posts_title_trgm_idx" ON "posts" USING gin ("title" "extensions"."gin_trgm_ops");
  CREATE INDEX "posts_body_trgm_idx" ON "posts" USING gin ("body" "extensions"."gin_trgm_ops");
END
$$;
