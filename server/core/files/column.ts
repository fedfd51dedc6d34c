/**
 * File columns: a record keeps its files' descriptors in a jsonb column of its own table (decision 017). Imported
 * by table definitions, so this depends on nothing but Drizzle.
 */
import { jsonb } from "drizzle-orm/pg-core";

/** A stored file as records hold it and every read returns it. Written only by the engine, from the `files` ledger. */
export interface StoredFile {
  id: string;
  /** The uploader's file name, made safe. */
  name: string;
  /** Bytes. */
  size: number;
  /** The type sniffed from the content, e.g. "image/png". */
  type: string;
  /** Images only. */
  width?: number;
  height?: number;
}

/** A column holding one file (or null): `avatar: fileColumn("avatar")`. */
export const fileColumn = (name: string) => jsonb(name).$type<StoredFile>();

/** A column holding a list of files: `attachments: filesColumn("attachments").notNull().default([])`. */
export const filesColumn = (name: string) => jsonb(name).$type<StoredFile[]>();

/** Marks the type of a file column's values, so definitions can tell file columns from other jsonb at type level. */
export type FileValue = StoredFile | StoredFile[];
