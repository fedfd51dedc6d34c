/**
 * Applies the committed drizzle-kit migrations, then pg-boss's own schema for jobs. Safe to run from several app instances at once:
 * a session-level advisory lock makes the others wait, and then find nothing left to do.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { installJobsSchema } from "../server/core/jobs/boss";

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

// Any fixed 64-bit number shared by all instances; it names the lock "atrium migrations".
const MIGRATION_LOCK_ID = 7_246_813_370_001;

export async function migrateDatabase(url: string): Promise<void> {
  // One connection, so the advisory lock and the migration share a session.
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
    // pg-boss's tables (background jobs), created and upgraded by pg-boss under its own lock.
    await installJobsSchema(url);
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
