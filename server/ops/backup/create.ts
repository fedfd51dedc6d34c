/**
 * Taking a backup: one REPEATABLE READ READ ONLY transaction (one snapshot, so the archive is the database as of one
 * instant: every audit entry with its record, every job's row with the write that made it), one `COPY ... TO STDOUT`
 * per table streamed to a spool file, then the spools packed into a gzip'd tar with the manifest last. Nothing holds
 * a whole table in memory; pg_dump is not needed. The snapshot is held only while the tables are copied out.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import postgres from "postgres";
import tar from "tar-stream";
import { appTables, copyOutStatement, sequenceValues } from "./catalog";
import { auditedMissing } from "./checks";
import { copyOut } from "./copy-stream";
import {
  EXCLUDED_TABLES,
  entryName,
  FORMAT,
  FORMAT_VERSION,
  MANIFEST_ENTRY,
  type Manifest,
  manifestSchema,
  type TableEntry,
} from "./format";
import { appliedMigrations, appMigrations } from "./migrations";
import { newArchiveName, prepareDir, publishArchive, tempPath } from "./storage";
import { TallyStream } from "./tally";

export interface WrittenBackup {
  /** The archive's name in the backup folder. */
  name: string;
  path: string;
  sizeBytes: number;
  sha256: string;
  manifest: Manifest;
}

export interface BackupOptions {
  /** Default: BACKUP_DIR. */
  dir?: string;
  signal?: AbortSignal;
  now?: Date;
}

interface Spooled {
  entry: TableEntry;
  spool: string;
}

/** Copies every table out of one snapshot into spool files; returns the manifest's parts. */
async function copyTables(url: string, dir: string, signal: AbortSignal | undefined) {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "atrium-backup" } });
  const spooled: Spooled[] = [];
  // Every spool file made, finished or not, so a failure removes them all.
  const spools: string[] = [];
  try {
    const parts = await sql.begin("isolation level repeatable read read only", async (tx) => {
      const [server] = await tx<{ version: string }[]>`select current_setting('server_version') as version`;
      const migrations = await appliedMigrations(tx, appMigrations());
      const sequences = await sequenceValues(tx);
      const tables = await appTables(tx);
      // The snapshot's own count, so a restore can show it brought back exactly this (records removed with their
      // parent, such as a purged post's comments, have audit entries and no row in the source too).
      const audit = await auditedMissing(tx, new Set(tables.map((table) => table.name)));
      for (const table of tables) {
        signal?.throwIfAborted();
        const spool = tempPath(dir, `table-${table.name}`);
        spools.push(spool);
        const tally = new TallyStream();
        await copyOut(tx, copyOutStatement(table), [tally, createWriteStream(spool, { mode: 0o600 })], signal);
        const entry: TableEntry = {
          schema: "public",
          name: table.name,
          entry: entryName(table.name),
          columns: table.columns,
          orderedBy: table.primaryKey,
          ...tally.tally(),
        };
        spooled.push({ spool, entry });
      }
      return { server: server?.version ?? "unknown", migrations, sequences, audit };
    });
    return { ...parts, spooled };
  } catch (error) {
    await Promise.all(spools.map((spool) => rm(spool, { force: true })));
    throw error;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Takes a backup of the database at `url` into the backup folder. */
export async function writeBackup(url: string, options: BackupOptions = {}): Promise<WrittenBackup> {
  const dir = await prepareDir(options.dir);
  const now = options.now ?? new Date();
  const { server, migrations, sequences, audit, spooled } = await copyTables(url, dir, options.signal);
  const temp = tempPath(dir, "archive");
  try {
    const manifest = manifestSchema.parse({
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt: now.toISOString(),
      postgres: server,
      schemaVersion: migrations.at(-1)?.tag ?? null,
      migrations,
      sequences: sequences.flatMap((s) => (s.value === null ? [] : [{ name: s.name, value: s.value }])),
      excluded: [...EXCLUDED_TABLES],
      audit: { missing: audit.missing },
      tables: spooled.map((s) => s.entry),
    } satisfies Manifest);
    const pack = tar.pack();
    const archiveTally = new TallyStream();
    // level 6: zlib's default; the header it writes is the one the reader insists on (archive.ts).
    const written = pipeline(pack, createGzip({ level: 6 }), archiveTally, createWriteStream(temp, { mode: 0o600 }), {
      signal: options.signal,
    });
    for (const { entry, spool } of spooled) {
      const sink = pack.entry({ name: entry.entry, size: entry.bytes, mtime: now, mode: 0o600 });
      await pipeline(createReadStream(spool), sink, { signal: options.signal });
    }
    pack.entry({ name: MANIFEST_ENTRY, mtime: now, mode: 0o600 }, `${JSON.stringify(manifest, null, 2)}\n`);
    pack.finalize();
    await written;
    const { bytes, sha256 } = archiveTally.tally();
    const name = newArchiveName(now);
    const final = path.join(dir, name);
    await publishArchive(temp, final, sha256);
    return { name, path: final, sizeBytes: bytes, sha256, manifest };
  } finally {
    await rm(temp, { force: true });
    await Promise.all(spooled.map((s) => rm(s.spool, { force: true })));
  }
}
