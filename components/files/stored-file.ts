/**
 * Files as records hold them (decision 017): one descriptor, or a list for a `multiple` field. Pure helpers that
 * read such values wherever they come from (a record, a live event, an audit entry), so nothing prints them as JSON.
 */
import type { StoredFile } from "@/server/core/files/column";

export type { StoredFile };

export function isStoredFile(value: unknown): value is StoredFile {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const file = value as Record<string, unknown>;
  return typeof file.id === "string" && typeof file.name === "string" && typeof file.size === "number";
}

/** The files a value holds, in order: none for null, one for a descriptor, the descriptors of a list. */
export function storedFiles(value: unknown): StoredFile[] {
  if (Array.isArray(value)) return value.filter(isStoredFile);
  return isStoredFile(value) ? [value] : [];
}

/** A value made only of file descriptors (and not empty): what history and audit name by file names. */
export function isFilesValue(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 && value.every(isStoredFile) : isStoredFile(value);
}

/** "cover.png", or "a.pdf, b.png" for a list; "" for none. */
export function fileNames(value: unknown): string {
  return storedFiles(value)
    .map((file) => file.name)
    .join(", ");
}

/** Images the browser can show (and the server can make thumbnails of); SVG is never shown inline. */
export function isImageFile(file: Pick<StoredFile, "type">): boolean {
  return file.type.startsWith("image/") && file.type !== "image/svg+xml";
}
