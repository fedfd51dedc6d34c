/**
 * Reading an archive, and verifying one before anything is restored from it: the gzip stream decodes to its end (its
 * CRC-32 and length check out), the tar holds only plain files with the names this code writes, the manifest is
 * last and matches its schema, every table's entry is there with the manifest's row count, byte count and SHA-256,
 * and nothing else is. With a known checksum of the whole file (the `backups` row's, or the `.sha256` beside it)
 * every byte is checked, the gzip header's unchecked bytes included.
 */
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import { BackupRefusedError } from "./errors";
import { LIMITS, MANIFEST_ENTRY, type Manifest, manifestSchema } from "./format";
import { openArchive } from "./storage";
import { discard, type Tally, TallyStream } from "./tally";

const TABLE_ENTRY = /^tables\/public\.[A-Za-z_][A-Za-z0-9_$]{0,62}\.copy$/;

/**
 * The first ten bytes as Node's zlib writes them: magic, deflate, no flags, no mtime; the extra-flags byte is one of
 * the values zlib writes for a compression level. Only the OS byte may be anything (the writer's platform).
 */
class GzipHeaderCheck extends Transform {
  private seen = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const expected = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00];
    for (let i = 0; this.seen + i < 9 && i < chunk.length; i++) {
      const at = this.seen + i;
      const byte = chunk[i] as number;
      const fine = at < 8 ? byte === expected[at] : byte === 0 || byte === 2 || byte === 4;
      if (!fine) {
        callback(new BackupRefusedError("This file is not a backup archive, or its header is corrupted."));
        return;
      }
    }
    this.seen += chunk.length;
    callback(null, chunk);
  }
}

/** An operator's words for what the decoders report. */
function refusal(error: unknown): unknown {
  if (error instanceof BackupRefusedError) return error;
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  if (code === "ENOENT") return new BackupRefusedError("There is no such archive file.");
  if (code === "EISDIR" || code === "EACCES") return new BackupRefusedError("The archive file cannot be read.");
  if (code === "Z_BUF_ERROR" || /unexpected end/i.test(message)) {
    return new BackupRefusedError("The archive is truncated: it ends before its data does.");
  }
  if (code?.startsWith("Z_") || /invalid|header|checksum/i.test(message)) {
    return new BackupRefusedError(`The archive is corrupted: ${message.slice(0, 120) || "it does not decode"}.`);
  }
  return error;
}

export interface EntryVisitor {
  /** Called with each table entry in archive order; must consume `stream`. */
  table: (name: string, stream: AsyncIterable<Buffer>) => Promise<void>;
  /** Called with the manifest's bytes. */
  manifest: (bytes: Buffer) => void;
}

/** Streams the archive's entries to `visit`, checking their kinds and names; returns the whole file's tally. */
export async function readArchive(file: string, visit: EntryVisitor): Promise<Tally> {
  const raw = new TallyStream();
  const extract = tar.extract();
  const flowing = pipeline(openArchive(file), raw, new GzipHeaderCheck(), createGunzip(), extract);
  // The loop below ends early on a refusal: the pipeline's own failure then is no news.
  flowing.catch(() => {});
  const names = new Set<string>();
  let manifestSeen = false;
  try {
    for await (const entry of extract) {
      const { name, type, size } = entry.header;
      if (type !== "file") throw new BackupRefusedError(`The archive holds an unexpected ${type} entry.`);
      if (names.size >= LIMITS.tables + 1) throw new BackupRefusedError("The archive holds too many entries.");
      if (names.has(name)) throw new BackupRefusedError(`The archive holds ${name} twice.`);
      if (manifestSeen) throw new BackupRefusedError("The archive holds entries after its manifest.");
      names.add(name);
      if (name === MANIFEST_ENTRY) {
        if ((size ?? 0) > LIMITS.manifestBytes) throw new BackupRefusedError("The archive's manifest is too large.");
        const chunks: Buffer[] = [];
        for await (const chunk of entry) chunks.push(chunk as Buffer);
        visit.manifest(Buffer.concat(chunks));
        manifestSeen = true;
      } else if (TABLE_ENTRY.test(name)) {
        await visit.table(name, entry as AsyncIterable<Buffer>);
      } else {
        throw new BackupRefusedError(`The archive holds an unknown entry (${name.slice(0, 80)}).`);
      }
    }
    await flowing;
  } catch (error) {
    extract.destroy();
    throw refusal(error);
  }
  if (!manifestSeen) throw new BackupRefusedError("The archive has no manifest: it is incomplete.");
  return raw.tally();
}

/** The manifest's JSON, checked against its schema; the first problems named. */
export function parseManifest(bytes: Buffer): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new BackupRefusedError("The archive's manifest is not valid JSON.");
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".") || "manifest"} ${i.message}`.slice(0, 160));
    throw new BackupRefusedError(`The archive's manifest is not valid: ${problems.join("; ")}.`);
  }
  return parsed.data;
}

/** Throws unless the entries read are exactly the manifest's tables, in its order, with its figures. */
export function checkEntries(manifest: Manifest, read: ReadonlyMap<string, Tally>): void {
  const names = [...read.keys()];
  manifest.tables.forEach((table, i) => {
    const tally = read.get(table.entry);
    if (!tally) throw new BackupRefusedError(`The archive is missing the rows of table ${table.name}.`);
    if (names[i] !== table.entry) throw new BackupRefusedError("The archive's tables are not in its manifest's order.");
    if (tally.bytes !== table.bytes) {
      throw new BackupRefusedError(
        `Table ${table.name} has ${tally.bytes} bytes in the archive; the manifest says ${table.bytes}.`,
      );
    }
    if (tally.rows !== table.rows) {
      throw new BackupRefusedError(
        `Table ${table.name} has ${tally.rows} rows in the archive; the manifest says ${table.rows}.`,
      );
    }
    if (tally.sha256 !== table.sha256) {
      throw new BackupRefusedError(`Table ${table.name} does not match its checksum: the archive is corrupted.`);
    }
  });
  if (names.length !== manifest.tables.length) {
    const unknown = names.find((n) => !manifest.tables.some((t) => t.entry === n));
    throw new BackupRefusedError(`The archive holds rows the manifest does not list (${unknown ?? "?"}).`);
  }
}

export interface VerifiedArchive {
  manifest: Manifest;
  sha256: string;
  sizeBytes: number;
  /** Whether the whole file was checked against a known checksum (else only its contents were). */
  checksumKnown: boolean;
}

/**
 * Verifies the archive without touching any database. `expectedSha256`: the checksum recorded when it was written
 * (the `backups` row's, or the file beside it); a mismatch refuses even when the contents check out.
 */
export async function verifyArchive(file: string, expectedSha256: string | null): Promise<VerifiedArchive> {
  const read = new Map<string, Tally>();
  let manifestBytes: Buffer | undefined;
  const whole = await readArchive(file, {
    table: async (name, stream) => {
      const tally = new TallyStream();
      await pipeline(stream, tally, discard());
      read.set(name, tally.tally());
    },
    manifest: (bytes) => {
      manifestBytes = bytes;
    },
  });
  if (expectedSha256 && whole.sha256 !== expectedSha256) {
    throw new BackupRefusedError(
      "The archive does not match the checksum recorded when it was written: it was changed or corrupted.",
    );
  }
  const manifest = parseManifest(manifestBytes as Buffer);
  checkEntries(manifest, read);
  return { manifest, sha256: whole.sha256, sizeBytes: whole.bytes, checksumKnown: Boolean(expectedSha256) };
}
