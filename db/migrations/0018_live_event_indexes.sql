-- Fewer index entries per live event (docs/decisions/027-write-path.md): an event is inserted unnumbered and numbered
-- moments later, so its number is indexed only once it has one; pruning walks the numbers instead of an index on the
-- commit time that every event had to keep up.
DROP INDEX "live_events_committed_at_idx";--> statement-breakpoint
DROP INDEX "live_events_seq_unique";--> statement-breakpoint
DROP INDEX "live_events_resource_seq_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "live_events_seq_unique" ON "live_events" USING btree ("seq") WHERE "live_events"."seq" is not null;--> statement-breakpoint
CREATE INDEX "live_events_resource_seq_idx" ON "live_events" USING btree ("resource","seq") WHERE "live_events"."seq" is not null;