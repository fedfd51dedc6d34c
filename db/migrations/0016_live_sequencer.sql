CREATE INDEX "live_events_unnumbered_idx" ON "live_events" USING btree ("id") WHERE "live_events"."seq" is null;--> statement-breakpoint
-- Hand-written (drizzle-kit does not model functions or triggers). Live event ids are no longer drawn inside the
-- writing transaction's COMMIT under one cluster-wide lock (which queued every writer of every instance on it).
-- Writers insert unnumbered rows and take no lock; this function, run by the app just after a COMMIT and by every
-- listener now and then, numbers what has committed. Only its runs queue on the lock, and each holds it until its own
-- commit is visible, so the ids any snapshot can see are still a prefix. Rows are numbered in insert-id order: a write
-- that waited on another's row lock inserted its event after that one committed, so it gets the higher id.
-- See docs/decisions/027-write-path.md and server/core/realtime/sequencer.ts.
DROP TRIGGER "live_events_commit" ON "live_events";--> statement-breakpoint
DROP FUNCTION "live_events_commit"();--> statement-breakpoint
CREATE FUNCTION "live_events_sequence"(max_events integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  pending bigint[];
  n integer;
  first_seq bigint;
BEGIN
  -- Nothing to do is the common case (the safety-net runs): answer it without queueing on the lock.
  IF NOT EXISTS (SELECT 1 FROM "live_events" WHERE "seq" IS NULL) THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(7246813370007);
  -- A statement after the lock, so its snapshot sees what the previous holder numbered (it committed first).
  SELECT array_agg("id" ORDER BY "id") INTO pending
    FROM (SELECT "id" FROM "live_events" WHERE "seq" IS NULL ORDER BY "id" LIMIT max_events) AS p;
  n := coalesce(array_length(pending, 1), 0);
  IF n = 0 THEN
    RETURN 0;
  END IF;
  first_seq := nextval('live_event_seq');
  IF n > 1 THEN
    PERFORM setval('live_event_seq', first_seq + n - 1);
  END IF;
  UPDATE "live_events" AS e SET "seq" = first_seq + u.ord - 1, "committed_at" = clock_timestamp()
    FROM unnest(pending) WITH ORDINALITY AS u(id, ord)
    WHERE e."id" = u.id;
  PERFORM pg_notify('atrium_live', (first_seq + n - 1)::text);
  RETURN n;
END
$$;
