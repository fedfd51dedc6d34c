CREATE TYPE "public"."file_state" AS ENUM('pending', 'attached', 'detached');--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"storage" text NOT NULL,
	"name" text NOT NULL,
	"size" bigint NOT NULL,
	"type" text NOT NULL,
	"width" integer,
	"height" integer,
	"resource" text NOT NULL,
	"field" text NOT NULL,
	"record_id" text,
	"state" "file_state" DEFAULT 'pending' NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"detached_at" timestamp with time zone,
	CONSTRAINT "files_key_unique" UNIQUE("key")
);
--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "cover" jsonb;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "avatar" jsonb;--> statement-breakpoint
CREATE INDEX "files_pending_idx" ON "files" USING btree ("created_at") WHERE "files"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "files_detached_idx" ON "files" USING btree ("detached_at") WHERE "files"."state" = 'detached';--> statement-breakpoint
CREATE INDEX "files_record_idx" ON "files" USING btree ("resource","record_id");--> statement-breakpoint
CREATE INDEX "files_uploader_pending_idx" ON "files" USING btree ("uploaded_by") WHERE "files"."state" = 'pending';