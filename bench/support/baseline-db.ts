/**
 * A database for an earlier commit's build (`--baseline` of bench:write): a second database on the bench's cluster,
 * migrated by that commit's own migrations, so the earlier code runs on the schema it was written for (its indexes,
 * triggers and functions) rather than on this checkout's.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { EmbeddedServer } from "../../db/embedded";
import { installJobsSchema } from "../../server/core/jobs/boss";
import { ROOT } from "../live/server";

/** A commit as `git` names it: hex digits only, so it can be handed to git as one argument. */
export const REVISION = /^[0-9a-f]{7,40}$/;

/** Creates `name` on the server of `pg` and migrates it with `revision`'s db/migrations; returns its URL. */
export async function baselineDatabase(pg: EmbeddedServer, name: string, revision: string, workDir: string) {
  if (!REVISION.test(revision)) throw new Error(`not a commit: "${revision}"`);
  const dir = await mkdtemp(path.join(workDir, "baseline-migrations-"));
  const archive = spawnSync("git", ["archive", "--format=tar", revision, "db/migrations"], { cwd: ROOT });
  if (archive.status !== 0) throw new Error(`git archive ${revision}: ${archive.stderr.toString().trim()}`);
  const untar = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar: ${untar.stderr.toString().trim()}`);

  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(pg.url);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder: path.join(dir, "db", "migrations") });
  } finally {
    await sql.end({ timeout: 5 });
  }
  await installJobsSchema(url.toString());
  return url.toString();
}
