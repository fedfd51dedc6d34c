CREATE TYPE "public"."backup_kind" AS ENUM('manual', 'scheduled');--> statement-breakpoint
CREATE TYPE "public"."backup_status" AS ENUM('running', 'ready', 'failed');--> statement-breakpoint
CREATE TABLE "backups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "backup_kind" DEFAULT 'manual' NOT NULL,
	"status" "backup_status" DEFAULT 'running' NOT NULL,
	"file" text,
	"size_bytes" bigint,
	"schema_version" text,
	"table_count" integer,
	"row_count" bigint,
	"checksum" text,
	"manifest" jsonb,
	"error" text,
	"last_check" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "metric_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"instance" text NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"p50_ms" double precision,
	"p95_ms" double precision,
	"p99_ms" double precision,
	"db_queries" integer DEFAULT 0 NOT NULL,
	"db_p95_ms" double precision,
	"live_subscribers" integer DEFAULT 0 NOT NULL,
	"live_events" integer DEFAULT 0 NOT NULL,
	"job_queue_depth" integer,
	"rss_bytes" bigint,
	"heap_used_bytes" bigint,
	"event_loop_lag_p99_ms" double precision,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"request_id" text NOT NULL,
	"method" text NOT NULL,
	"route" text NOT NULL,
	"procedure" text,
	"status" integer NOT NULL,
	"duration_ms" double precision NOT NULL,
	"actor_id" uuid,
	"ip" text,
	"user_agent" text,
	"error" text,
	"instance" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "backups_created_idx" ON "backups" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "metric_samples_at_idx" ON "metric_samples" USING btree ("at","instance");--> statement-breakpoint
CREATE INDEX "request_log_at_idx" ON "request_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "request_log_request_idx" ON "request_log" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "request_log_status_idx" ON "request_log" USING btree ("status","at");--> statement-breakpoint
CREATE INDEX "request_log_actor_idx" ON "request_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "request_log_route_idx" ON "request_log" USING btree ("route","at");--> statement-breakpoint
CREATE INDEX "audit_log_request_idx" ON "audit_log" USING btree ("request_id");