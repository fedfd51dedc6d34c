/**
 * How a definition declares a file field: `cover: { label: "Cover", ...file({ accept: ["image/*"], thumbs:
 * ["400x225"] }) }` on a `fileColumn` / `filesColumn` (column.ts). Plain data but for `protected`, which may
 * decide per record; `meta` serves the rest to forms and tables.
 */
import { env } from "@/env";
import type { ThumbSize } from "./thumb-size";

export type { ThumbSize } from "./thumb-size";

/** "10MB", "200KB", "1GB" (powers of 1024), or bytes. */
export type FileSize = number | `${number}${"KB" | "MB" | "GB"}`;

// biome-ignore lint/suspicious/noExplicitAny: the unconstrained default lets row-less options be written.
export interface FileOptions<Row = any> {
  /** Exact types or families, matched against the type sniffed from the content: `["image/*", "application/pdf"]`. */
  accept?: readonly string[];
  /** Largest file accepted. Default 10 MB; never above FILES_MAX_SIZE (env, default 256 MB). */
  maxSize?: FileSize;
  /** A list of files (on a `filesColumn`): at most this many. */
  multiple?: number;
  /**
   * Downloads need a signed-in caller (session or API token) or a `files.token()`, on top of the record's `get`
   * rule, and are never cached by shared caches. A function decides per record (a draft's attachments).
   */
  protected?: boolean | ((record: Row) => boolean);
  /** Thumbnail sizes the files route may generate, PocketBase's format: "100x100", "0x300", "800x600f". */
  thumbs?: readonly ThumbSize[];
}

/** The file options as `meta` describes them: sizes in bytes, `protected` as "per-record" when a function decides. */
export interface FileDescriptor {
  /** How the browser uploads: to this app (`local`), or straight to uploadthing with the slug below. */
  uploader: "local" | "uploadthing";
  accept?: string[];
  maxSize: number;
  multiple?: number;
  protected: boolean | "per-record";
  thumbs?: string[];
}

const UNITS = { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as const;

export const DEFAULT_MAX_FILE_SIZE = 10 * UNITS.MB;

/** The ceiling no definition may pass: what one upload may cost this server's disk and time (env FILES_MAX_SIZE). */
export function maxFileSizeCeiling(): number {
  return env().FILES_MAX_SIZE;
}

/** What FILES_MAX_SIZE may be at most; definitions are checked against it at start, before env is read. */
export const ABSOLUTE_MAX_FILE_SIZE = 10 * UNITS.GB;

export function toBytes(size: FileSize | undefined): number {
  if (size === undefined) return DEFAULT_MAX_FILE_SIZE;
  if (typeof size === "number") return size;
  const match = /^(\d+(?:\.\d+)?)(KB|MB|GB)$/.exec(size);
  if (!match) return Number.NaN;
  return Math.floor(Number(match[1]) * UNITS[match[2] as keyof typeof UNITS]);
}

/**
 * A file field's options: `cover: { label: "Cover", ...file({ accept: ["image/*"] }) }`. Kept exactly as written
 * (a `protected` function names its record's type: `protected: (post: Post) => post.status !== "published"`).
 */
export function file<const O extends FileOptions>(options: O): { file: O } {
  return { file: options };
}

/** The uploadthing FileRouter slug of a file field (one endpoint per field, so each keeps its own limits). */
export const uploadthingSlug = (resource: string, field: string) => `${resource}.${field}`;

export function describeFileOptions(options: FileOptions): FileDescriptor {
  return {
    uploader: env().UPLOADTHING_TOKEN ? "uploadthing" : "local",
    ...(options.accept?.length ? { accept: [...options.accept] } : {}),
    maxSize: Math.min(toBytes(options.maxSize), maxFileSizeCeiling()),
    ...(options.multiple ? { multiple: options.multiple } : {}),
    protected: typeof options.protected === "function" ? "per-record" : options.protected === true,
    ...(options.thumbs?.length ? { thumbs: [...options.thumbs] } : {}),
  };
}

/** Whether a record's files need a signed-in caller. */
// biome-ignore lint/suspicious/noExplicitAny: rows of any resource.
export function isProtected(options: FileOptions, record: any): boolean {
  return typeof options.protected === "function" ? options.protected(record) === true : options.protected === true;
}
