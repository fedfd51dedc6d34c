/**
 * Test helpers for backups: every backed-up table's checksum as the archive computes it (to compare a database with a
 * backup, or with itself before and after), and rewriting an archive's entries (to make wrong manifests).
 */
import { createReadStream, createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import postgres from "postgres";
import tar from "tar-stream";
import { appTables, copyOutStatement } from "./catalog";
import { copyOut } from "./copy-stream";
import { discard, TallyStream } from "./tally";

/** `{ table: sha256 }` of every table a backup holds, read now. */
export async function tableChecksums(url: string): Promise<Record<string, string>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await sql.begin("isolation level repeatable read read only", async (tx) => {
      const sums: Record<string, string> = {};
      for (const table of await appTables(tx)) {
        const tally = new TallyStream();
        await copyOut(tx, copyOutStatement(table), [tally, discard()], undefined);
        sums[table.name] = tally.tally().sha256;
      }
      return sums;
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export interface ArchiveEntry {
  name: string;
  body: Buffer;
}

/** Every entry of an archive, in order (tests' archives are small). */
export async function readEntries(file: string): Promise<ArchiveEntry[]> {
  const extract = tar.extract();
  const flowing = pipeline(createReadStream(file), createGunzip(), extract);
  const entries: ArchiveEntry[] = [];
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    entries.push({ name: entry.header.name, body: Buffer.concat(chunks) });
  }
  await flowing;
  return entries;
}

/** Writes `entries` as an archive the way the backup does. */
export async function writeEntries(file: string, entries: readonly ArchiveEntry[]): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip({ level: 6 }), createWriteStream(file));
  for (const entry of entries) pack.entry({ name: entry.name, mode: 0o600 }, entry.body);
  pack.finalize();
  await written;
}
