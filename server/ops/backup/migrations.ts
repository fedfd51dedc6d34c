/**
 * The app's schema version as drizzle records it: the migrations in db/migrations (journal tags) and the rows of
 * drizzle.__drizzle_migrations. A backup lists the migrations its database had; a restore rebuilds the schema by
 * replaying exactly those, loads the rows, then replays the app's later ones, all in the restore's transaction.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type postgres from "postgres";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import { BackupRefusedError } from "./errors";
import type { MigrationRecord } from "./format";

export interface AppMigration extends MigrationRecord {
  statements: string[];
}

type Sql = postgres.Sql | postgres.TransactionSql;

/** This app's migrations, in order, with their statements. */
export function appMigrations(folder = MIGRATIONS_FOLDER): AppMigration[] {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  const files = readMigrationFiles({ migrationsFolder: folder });
  return files.map((file, i) => ({
    tag: journal.entries[i]?.tag ?? String(file.folderMillis),
    when: file.folderMillis,
    hash: file.hash,
    statements: file.sql,
  }));
}

/** The migrations a database has applied, named by this app's journal where it knows them. */
export async function appliedMigrations(sql: Sql, known: readonly AppMigration[]): Promise<MigrationRecord[]> {
  const [exists] = await sql<{ present: boolean }[]>`
    select to_regclass('drizzle.__drizzle_migrations') is not null as present`;
  if (!exists?.present) return [];
  const rows = await sql<{ hash: string; created_at: string }[]>`
    select hash, created_at::text from drizzle.__drizzle_migrations order by created_at, id`;
  return rows.map((row) => {
    const when = Number(row.created_at);
    return { tag: known.find((m) => m.when === when)?.tag ?? `unknown-${when}`, when, hash: row.hash };
  });
}

/**
 * Splits the app's migrations at the backup's level: the backup's must be a prefix of this app's (same migrations, in
 * the same order, by their journal time as drizzle compares them). A backup from newer code, or from another line of
 * migrations, is refused.
 */
export function splitAtBackup(backup: readonly MigrationRecord[], app: readonly AppMigration[]) {
  if (backup.length > app.length) {
    const newer = backup.slice(app.length).map((m) => m.tag);
    throw new BackupRefusedError(
      `This backup comes from newer code: it has migrations this app does not know (${newer.join(", ")}). Restore it with the version of the app that made it.`,
    );
  }
  backup.forEach((m, i) => {
    const ours = app[i] as AppMigration;
    if (ours.when !== m.when) {
      throw new BackupRefusedError(
        `This backup's migrations differ from this app's at ${m.tag} (the app has ${ours.tag} there): it was made by another line of the code.`,
      );
    }
  });
  return { upToBackup: app.slice(0, backup.length), later: app.slice(backup.length) };
}

/** Creates drizzle's migration record, as its migrator does, so `npm run db:migrate` carries on from the restore. */
export async function createMigrationRecord(tx: Sql): Promise<void> {
  await tx.unsafe("create schema if not exists drizzle");
  await tx.unsafe(
    "create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)",
  );
}

/** Runs migrations on `tx` and records each, as drizzle's migrator would. */
export async function replayMigrations(tx: Sql, migrations: readonly AppMigration[]): Promise<void> {
  for (const migration of migrations) {
    for (const statement of migration.statements) {
      if (statement.trim()) await tx.unsafe(statement);
    }
    await tx`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.when})`;
  }
}

const CREATE_ENUM = /^\s*CREATE TYPE ((?:"[^"]+"\.)?"[^"]+") AS ENUM\((.*)\);?\s*$/is;
const ADD_VALUE =
  /^\s*ALTER TYPE ((?:"[^"]+"\.)?"[^"]+") ADD VALUE (IF NOT EXISTS )?('(?:[^']|'')*')(?: (BEFORE|AFTER) ('(?:[^']|'')*'))?;?\s*$/is;
const LABEL = /'(?:[^']|'')*'/g;

/**
 * The migrations with every `ALTER TYPE ... ADD VALUE` folded into the `CREATE TYPE ... AS ENUM` that made the type
 * earlier in the same list. A restore replays all of them in one transaction, and PostgreSQL before 17 refuses to use
 * an enum value added in the transaction that is still running ("unsafe use of new value"), even for a type created
 * in it: the rows COPY loads, and the restore's own audit entry, would be refused. Values made by CREATE TYPE are
 * usable at once. Each migration keeps its hash, so the record reads as if it had run as written.
 */
export function foldEnumValues(groups: readonly (readonly AppMigration[])[]): AppMigration[][] {
  const created = new Map<string, { labels: string[]; group: number; migration: number; statement: number }>();
  const copies = groups.map((group) => group.map((m) => ({ ...m, statements: [...m.statements] })));
  copies.forEach((group, g) => {
    group.forEach((migration, m) => {
      migration.statements.forEach((statement, s) => {
        const create = CREATE_ENUM.exec(statement);
        if (create) {
          created.set(create[1] as string, {
            labels: (create[2] as string).match(LABEL) ?? [],
            group: g,
            migration: m,
            statement: s,
          });
          return;
        }
        const add = ADD_VALUE.exec(statement);
        const type = add ? created.get(add[1] as string) : undefined;
        if (!add || !type) return;
        const label = add[3] as string;
        if (type.labels.includes(label)) {
          if (add[2]) migration.statements[s] = "";
          return;
        }
        const anchor = add[5] ? type.labels.indexOf(add[5]) : -1;
        const at = anchor < 0 ? type.labels.length : add[4]?.toUpperCase() === "BEFORE" ? anchor : anchor + 1;
        type.labels.splice(at, 0, label);
        migration.statements[s] = "";
      });
    });
  });
  for (const [name, type] of created) {
    const owner = copies[type.group]?.[type.migration];
    if (owner) owner.statements[type.statement] = `CREATE TYPE ${name} AS ENUM(${type.labels.join(", ")});`;
  }
  return copies;
}
