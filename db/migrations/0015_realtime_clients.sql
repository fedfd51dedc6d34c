CREATE TABLE "realtime_clients" (
	"id" text PRIMARY KEY NOT NULL,
	"instance" text NOT NULL,
	"ip" text NOT NULL,
	"user_id" uuid,
	"subscriptions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"from_seq" bigint DEFAULT 0 NOT NULL,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "realtime_clients_expires_at_idx" ON "realtime_clients" USING btree ("expires_at");