/**
 * Files on the local disk, under the uploads folder. Keys are random (the engine makes them), so a path can never
 * be steered by an uploader's file name; they are still checked before any path is built from one.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import type { ByteRange, FileStorage } from "./storage";

const KEY = /^[a-f0-9]{32}$/;

export class LocalStorage implements FileStorage {
  readonly kind = "local" as const;

  constructor(readonly root: string) {}

  /** Where a key's bytes are: spread over 256 folders by the key's first two characters. */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a local file key: ${JSON.stringify(key).slice(0, 40)}`);
    return path.join(this.root, key.slice(0, 2), key);
  }

  /** Where an upload is written while it arrives, before its checks. */
  tempPath(key: string): string {
    if (!KEY.test(key)) throw new Error("not a local file key");
    return path.join(this.root, ".tmp", key);
  }

  /** Moves a checked upload from its temporary path into place (same disk: a rename, never a copy). */
  async store(key: string, tempPath: string): Promise<void> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(tempPath, target);
  }

  async open(key: string, range?: ByteRange): Promise<Readable | null> {
    if (!KEY.test(key)) return null;
    try {
      const handle = await fs.open(this.pathOf(key), "r");
      return handle.createReadStream({ autoClose: true, ...(range ?? {}) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    if (!KEY.test(key)) return;
    await fs.rm(this.pathOf(key), { force: true });
  }
}
