CREATE TABLE "live_events_queue" (
	"id" bigint PRIMARY KEY DEFAULT nextval('live_events_id_seq'::regclass) NOT NULL,
	"resource" text NOT NULL,
	"record_id" text NOT NULL,
	"operation" "audit_operation" NOT NULL,
	"before" jsonb
);

--> statement-breakpoint
-- Hand-written (drizzle-kit does not model functions). Events now wait for their number in "live_events_queue"
-- instead of as rows of "live_events" with a null "seq": numbering them was an UPDATE that wrote a second version of
-- each event with all its index entries, and left the index of unnumbered rows full of dead entries between vacuums,
-- so a run cost more the longer the log (measured: 78, then 171, then 274 us of PostgreSQL CPU per event over three
-- rounds of 20,000 events; 51 to 54 us as a move). The order is unchanged: committed events, in insert-id order, under
-- the one sequencer lock. The queue draws its ids from "live_events_id_seq", so an unnumbered row of "live_events"
-- (written by an instance still on an earlier version, during a rolling upgrade, or left from before this migration)
-- is queued under its own id and numbered in order with the rest. See docs/decisions/027-write-path.md ("Third part")
-- and server/core/realtime/sequencer.ts.
CREATE OR REPLACE FUNCTION "live_events_sequence"(max_events integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  pending bigint[];
  n integer;
  first_seq bigint;
BEGIN
  -- Nothing to do is the common case (the safety-net runs): answer it without queueing on the lock.
  IF NOT EXISTS (SELECT 1 FROM "live_events_queue") AND NOT EXISTS (SELECT 1 FROM "live_events" WHERE "seq" IS NULL)
  THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(7246813370007);
  -- Statements after the lock, so their snapshots see what the previous holder moved (it committed first).
  WITH earlier AS (
    DELETE FROM "live_events" WHERE "seq" IS NULL RETURNING "id", "resource", "record_id", "operation", "before"
  )
  INSERT INTO "live_events_queue" ("id", "resource", "record_id", "operation", "before") SELECT * FROM earlier;
  SELECT array_agg("id" ORDER BY "id") INTO pending
    FROM (SELECT "id" FROM "live_events_queue" ORDER BY "id" LIMIT max_events) AS p;
  n := coalesce(array_length(pending, 1), 0);
  IF n = 0 THEN
    RETURN 0;
  END IF;
  first_seq := nextval('live_event_seq');
  IF n > 1 THEN
    PERFORM setval('live_event_seq', first_seq + n - 1);
  END IF;
  -- Numbers follow the array's order (its ordinality), not the order rows come out of the DELETE.
  WITH moved AS (
    DELETE FROM "live_events_queue" AS q USING unnest(pending) WITH ORDINALITY AS u(id, ord)
      WHERE q."id" = u.id
      RETURNING q."id", q."resource", q."record_id", q."operation", q."before", u.ord
  )
  INSERT INTO "live_events" ("id", "seq", "committed_at", "resource", "record_id", "operation", "before")
    SELECT "id", first_seq + ord - 1, clock_timestamp(), "resource", "record_id", "operation", "before" FROM moved;
  PERFORM pg_notify('atrium_live', (first_seq + n - 1)::text);
  RETURN n;
END
$$;
