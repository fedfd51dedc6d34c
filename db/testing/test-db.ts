/**
 * A fresh, migrated database for one test file: `const t = await createTestDatabase()` in beforeAll,
 * `await t.drop()` in afterAll. Cloned from the template built by global-setup.ts, so it costs milliseconds.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { createDatabase } from "../client";
import { withDatabase } from "./urls";

export async function createTestDatabase() {
  const adminUrl = inject("testAdminUrl");
  const template = inject("testTemplateDatabase");
  const name = `atrium_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${template}"`);
  const url = withDatabase(adminUrl, name);
  const queries: string[] = [];
  const handle = createDatabase(url, { max: 5, onQuery: (q) => queries.push(q) });
  return {
    ...handle,
    /** Every SQL statement sent through `db`, in order; clear it with `queries.length = 0`. */
    queries,
    url,
    name,
    async drop() {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
