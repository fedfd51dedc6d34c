CREATE SEQUENCE "public"."live_event_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "live_event_horizon" (
	"one" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"pruned_through" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "live_event_horizon_one_row" CHECK ("live_event_horizon"."one")
);
--> statement-breakpoint
CREATE TABLE "live_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"seq" bigint,
	"committed_at" timestamp with time zone,
	"resource" text NOT NULL,
	"record_id" text NOT NULL,
	"operation" "audit_operation" NOT NULL,
	"before" jsonb
);
--> statement-breakpoint
CREATE UNIQUE INDEX "live_events_seq_unique" ON "live_events" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "live_events_resource_seq_idx" ON "live_events" USING btree ("resource","seq");--> statement-breakpoint
CREATE INDEX "live_events_committed_at_idx" ON "live_events" USING btree ("committed_at");--> statement-breakpoint
INSERT INTO "live_event_horizon" ("one", "pruned_through") VALUES (true, 0);--> statement-breakpoint
-- Hand-written (drizzle-kit does not model triggers). Live event ids must follow COMMIT order, not insert order, so
-- that "every event after my last id" never skips a transaction that committed late. This deferred constraint
-- trigger runs as the writing transaction commits: under one transaction-scoped advisory lock, held until the commit
-- is visible, it draws the event's id and stamps the commit time. The ids visible to any reader are therefore always
-- a prefix (gaps only where a commit failed). NOTIFY inside the transaction is delivered only if it commits, in
-- commit order; the payload is just the id (listeners read the rows). See docs/decisions/007-live-updates.md.
CREATE FUNCTION "live_events_commit"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  next_seq bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(7246813370007);
  next_seq := nextval('live_event_seq');
  UPDATE "live_events" SET "seq" = next_seq, "committed_at" = clock_timestamp() WHERE "id" = NEW."id";
  PERFORM pg_notify('atrium_live', next_seq::text);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "live_events_commit" AFTER INSERT ON "live_events"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "live_events_commit"();
