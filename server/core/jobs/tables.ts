/**
 * pg-boss 10's own tables, declared for Drizzle so the admin's queries over them are typed. pg-boss creates and
 * migrates them (boss.ts); these declarations live outside db/schema on purpose, so drizzle-kit never writes a
 * migration for them. Only the columns the admin reads are declared.
 */
import { boolean, integer, jsonb, pgSchema, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { JOBS_SCHEMA } from "./boss";
import type { JobState } from "./states";

const boss = pgSchema(JOBS_SCHEMA);

const jobColumns = {
  id: uuid("id").notNull(),
  /** The queue, which is the job's name in the app's job list. */
  name: text("name").notNull(),
  state: text("state").$type<JobState>().notNull(),
  data: jsonb("data"),
  priority: integer("priority").notNull(),
  retryLimit: integer("retry_limit").notNull(),
  /** Retries started so far: 0 during the first attempt (pg-boss counts up when it fetches a retry). */
  retryCount: integer("retry_count").notNull(),
  retryDelay: integer("retry_delay").notNull(),
  retryBackoff: boolean("retry_backoff").notNull(),
  startAfter: timestamp("start_after", { withTimezone: true }).notNull(),
  startedOn: timestamp("started_on", { withTimezone: true }),
  singletonKey: text("singleton_key"),
  createdOn: timestamp("created_on", { withTimezone: true }).notNull(),
  completedOn: timestamp("completed_on", { withTimezone: true }),
  keepUntil: timestamp("keep_until", { withTimezone: true }).notNull(),
  /** The handler's result, or the error of the last failed attempt (pg-boss serialises it: name, message, stack). */
  output: jsonb("output"),
};

/** Jobs waiting, running, and finished until maintenance archives them (12 h by default in pg-boss 10). */
export const bossJob = boss.table("job", jobColumns);

/** Finished jobs moved out of `job` by maintenance; deleted after 7 days by default. */
export const bossArchive = boss.table("archive", {
  ...jobColumns,
  archivedOn: timestamp("archived_on", { withTimezone: true }).notNull(),
});

/** One cron schedule per queue (server/core/jobs/runtime.ts keeps it in line with the code). */
export const bossSchedule = boss.table("schedule", {
  name: text("name").notNull(),
  cron: text("cron").notNull(),
  timezone: text("timezone"),
  data: jsonb("data"),
  createdOn: timestamp("created_on", { withTimezone: true }).notNull(),
  updatedOn: timestamp("updated_on", { withTimezone: true }).notNull(),
});
