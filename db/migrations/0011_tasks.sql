CREATE TYPE "public"."task_status" AS ENUM('running', 'waiting', 'succeeded', 'failed');--> statement-breakpoint
CREATE TABLE "task_locks" (
	"key" text PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"acquired_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task" text NOT NULL,
	"state" text NOT NULL,
	"status" "task_status" DEFAULT 'running' NOT NULL,
	"input" jsonb NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"lock_key" text,
	"error" text,
	"step_started_at" timestamp with time zone,
	"alarm_at" timestamp with time zone,
	"alarm_acknowledged_at" timestamp with time zone,
	"started_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "task_runs_task_idx" ON "task_runs" USING btree ("task","created_at");--> statement-breakpoint
CREATE INDEX "task_runs_alarm_idx" ON "task_runs" USING btree ("alarm_at") WHERE "task_runs"."alarm_at" is not null and "task_runs"."alarm_acknowledged_at" is null;--> statement-breakpoint
CREATE INDEX "task_runs_lock_idx" ON "task_runs" USING btree ("lock_key","created_at") WHERE "task_runs"."lock_key" is not null and "task_runs"."finished_at" is null;