/**
 * Replaces the migration history with one fresh `0000_init` that drizzle-kit generates from the schema as it is now,
 * plus the hand-written statements of the old migrations that drizzle-kit cannot generate (functions, triggers, seed
 * rows), minus those about tables that are gone. On failure the old migrations are put back.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const BREAKPOINT = "--> statement-breakpoint";

/**
 * Statement openings drizzle-kit writes itself when it diffs a schema; anything else was written by a person. It never
 * drops a function or a trigger: those drops undo hand-written statements, so they are carried over with them.
 */
const GENERATED =
  /^(?:CREATE (?:TYPE|TABLE|SEQUENCE|INDEX|UNIQUE INDEX|SCHEMA|VIEW|MATERIALIZED VIEW|POLICY|ROLE)|ALTER (?:TABLE|TYPE|SEQUENCE|POLICY|ROLE|VIEW|MATERIALIZED VIEW)|DROP (?:TABLE|TYPE|SEQUENCE|INDEX|SCHEMA|VIEW|MATERIALIZED VIEW|POLICY|ROLE))\b/i;

/** The statements of one migration file, each with the comments written above it. */
export function statements(sql: string): string[] {
  return sql
    .split(BREAKPOINT)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Its first line of SQL, past the comments above it. */
function opening(statement: string): string {
  return (
    statement
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l !== "" && !l.startsWith("--")) ?? ""
  );
}

export function isHandWritten(statement: string): boolean {
  const first = opening(statement);
  return first !== "" && !GENERATED.test(first);
}

/** Whether a statement names one of these tables or types (quoted, or as a bare word). */
export function mentions(statement: string, sqlNames: readonly string[]): boolean {
  return sqlNames.some((name) => new RegExp(`(?:"${name}"|\\b${name}\\b)`).test(statement.replace(/^\s*--.*$/gm, "")));
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

export interface SquashResult {
  /** The new migration, relative to the project. */
  migration: string;
  carried: string[];
  dropped: string[];
}

export async function squashMigrations(root: string, dropSqlNames: readonly string[]): Promise<SquashResult> {
  const folder = path.join(root, "db", "migrations");
  const journal = JSON.parse(await readFile(path.join(folder, "meta", "_journal.json"), "utf8")) as Journal;
  const carried: string[] = [];
  const dropped: string[] = [];
  for (const entry of [...journal.entries].sort((a, b) => a.idx - b.idx)) {
    for (const statement of statements(await readFile(path.join(folder, `${entry.tag}.sql`), "utf8"))) {
      if (!isHandWritten(statement)) continue;
      (mentions(statement, dropSqlNames) ? dropped : carried).push(statement);
    }
  }

  const backup = await mkdtemp(path.join(os.tmpdir(), "atrium-migrations-"));
  await cp(folder, backup, { recursive: true });
  try {
    await rm(folder, { recursive: true, force: true });
    const result = spawnSync(path.join(root, "node_modules", ".bin", "drizzle-kit"), ["generate", "--name", "init"], {
      cwd: root,
      encoding: "utf8",
    });
    const created = existsSync(folder) ? (await readdir(folder)).filter((f) => f.endsWith(".sql")) : [];
    if (result.status !== 0 || created.length !== 1 || !created[0]) {
      throw new Error(`drizzle-kit generate --name init failed:\n${result.stdout}${result.stderr}`);
    }
    const migration = path.join(folder, created[0]);
    if (carried.length > 0) {
      const generated = (await readFile(migration, "utf8")).trimEnd();
      const header =
        "-- Hand-written statements carried over from the migrations this one replaced (drizzle-kit does not model them).";
      await writeFile(migration, `${generated}${BREAKPOINT}\n${header}\n${carried.join(`${BREAKPOINT}\n`)}\n`);
    }
    return { migration: path.relative(root, migration), carried, dropped };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    await cp(backup, folder, { recursive: true });
    throw error;
  } finally {
    await rm(backup, { recursive: true, force: true });
  }
}
