/**
 * Where archives live: a folder on the local disk (BACKUP_DIR, `.data/backups` by default), not the uploads storage
 * of server/core/files. Archives are as large as the database and written as a stream of unknown length, which
 * uploadthing's API (sized uploads, per-file limits) does not take, and a restore must read them when the app's own
 * file storage may be what is being recovered. Copy the folder off the machine with the tool you trust.
 *
 * An archive is written under a temporary name and renamed once complete, so a failed or interrupted backup never
 * leaves a file that looks like a finished one. Next to it, `<name>.sha256` holds its checksum in `sha256sum -c`
 * form, so a restore after the database is lost (and the `backups` row with it) can still check the whole file.
 */
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { backupsFromEnv } from "@/env";

/** The names this code gives archives; anything else is not looked up in the folder (no path tricks). */
export const ARCHIVE_NAME = /^atrium-\d{8}T\d{6}Z-[0-9a-f]{8}\.tar\.gz$/;
const TEMP_SUFFIX = ".partial";

export function backupDir(): string {
  return path.resolve(backupsFromEnv().BACKUP_DIR);
}

export function newArchiveName(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `atrium-${stamp}-${randomBytes(4).toString("hex")}.tar.gz`;
}

/** The archive's path in `dir`, or null for a name this code would not have made. */
export function archivePath(name: string, dir = backupDir()): string | null {
  return ARCHIVE_NAME.test(name) ? path.join(dir, name) : null;
}

export async function prepareDir(dir = backupDir()): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** A temporary path in `dir` for an archive being written (or a table being spooled). */
export function tempPath(dir: string, label: string): string {
  return path.join(dir, `.${label}-${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`);
}

/** Moves a complete archive to its name and writes its checksum beside it. */
export async function publishArchive(temp: string, final: string, sha256: string): Promise<void> {
  await writeFile(`${final}.sha256.partial`, `${sha256}  ${path.basename(final)}\n`, { mode: 0o600 });
  await rename(`${final}.sha256.partial`, `${final}.sha256`);
  await rename(temp, final);
}

/** The checksum written beside an archive, if there is one. */
export async function sidecarChecksum(file: string): Promise<string | null> {
  try {
    const text = await readFile(`${file}.sha256`, "utf8");
    const match = /^([0-9a-f]{64})\s/.exec(text);
    return match?.[1] ?? null;
  } catch {
    return null;
  }
}

export async function removeArchive(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}.sha256`, { force: true });
}

/** Temporary files older than `olderThanMs` (left by a process that died mid-backup). */
export async function removeStaleTemps(dir: string, olderThanMs: number): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(".") || !name.endsWith(TEMP_SUFFIX)) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && Date.now() - info.mtimeMs > olderThanMs) await rm(file, { force: true });
  }
}

export async function fileSize(file: string): Promise<number | null> {
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? info.size : null;
}

export function openArchive(file: string) {
  return createReadStream(file, { highWaterMark: 256 * 1024 });
}
