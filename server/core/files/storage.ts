/**
 * Where file bytes live (decision 017): one interface, an adapter per storage, picked per file by the ledger row's
 * `storage` (a file stays where it was uploaded, whatever the env says later), and for new uploads by env.
 */
import "server-only";
import path from "node:path";
import type { Readable } from "node:stream";
import { env } from "@/env";
import { LocalStorage } from "./local-storage";
import { UploadthingStorage } from "./uploadthing-storage";

/** An inclusive byte range, as HTTP Range requests name one. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface FileStorage {
  readonly kind: "local" | "uploadthing";
  /** A stored file's bytes (all, or a range), or null when it is not there. */
  open(key: string, range?: ByteRange): Promise<Readable | null>;
  /** Removes a stored file; removing one that is not there is not an error. */
  remove(key: string): Promise<void>;
}

/** The uploads folder: `$ATRIUM_DATA_DIR/uploads` (`.data/uploads` by default). */
export function uploadsDir(): string {
  return path.resolve(env().ATRIUM_DATA_DIR, "uploads");
}

/** Thumbnails are generated once and kept here, for files of any storage (a cache: safe to delete). */
export function thumbsDir(): string {
  return path.join(uploadsDir(), ".thumbs");
}

let local: LocalStorage | undefined;
export function localStorage(): LocalStorage {
  local ??= new LocalStorage(uploadsDir());
  return local;
}

let uploadthing: UploadthingStorage | undefined;

/** This process's uploadthing adapter (one UTApi, its SDK loaded on first use), made with UPLOADTHING_TOKEN. */
export function uploadthingStorage(): UploadthingStorage {
  const token = env().UPLOADTHING_TOKEN;
  if (!token) throw new Error("UPLOADTHING_TOKEN is not set: files stored at uploadthing cannot be reached.");
  uploadthing ??= new UploadthingStorage(token);
  return uploadthing;
}

/** Where new uploads go: uploadthing when UPLOADTHING_TOKEN is set, else the local disk. */
export function uploadStorageKind(): "local" | "uploadthing" {
  return env().UPLOADTHING_TOKEN ? "uploadthing" : "local";
}

/** The adapter for a stored file, or null when its storage is not configured here (left alone, never lost). */
export function storageFor(kind: string): FileStorage | null {
  if (kind === "local") return localStorage();
  if (kind === "uploadthing" && env().UPLOADTHING_TOKEN) return uploadthingStorage();
  return null;
}
