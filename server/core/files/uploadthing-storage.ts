/**
 * Files stored at uploadthing (decision 017). Bytes are read back from its file host (ufs) through a URL signed here
 * with the app's key (`UTApi.generateSignedURL` computes it locally: no API call), so reads work whatever ACL the
 * uploadthing app uses, and our /api/files route can stay the only public way to a file. Deletes go through UTApi.
 * The SDK is imported on first use: a process that never touches uploadthing never loads it.
 */
import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { UTApi } from "uploadthing/server";
import type { ByteRange, FileStorage } from "./storage";

/** uploadthing's keys (sqids; v6's `<uuid>_<name>`): one URL path segment, never dots alone. */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,255}$/;

export const isUploadthingKey = (key: string) => KEY.test(key);

/** Long enough to start a download: the file host checks the signature when the request starts, not after. */
const SIGNED_URL_SECONDS = 60;

export class UploadthingStorage implements FileStorage {
  readonly kind = "uploadthing" as const;
  #api: Promise<UTApi> | undefined;

  constructor(private readonly token: string) {}

  #utapi(): Promise<UTApi> {
    this.#api ??= import("uploadthing/server").then(({ UTApi }) => new UTApi({ token: this.token }));
    return this.#api;
  }

  /** The file host's answer for a key (a range of it), or null when the file is not there. */
  async #get(key: string, range?: ByteRange): Promise<Response | null> {
    if (!KEY.test(key)) return null;
    const { ufsUrl } = await (await this.#utapi()).generateSignedURL(key, { expiresIn: SIGNED_URL_SECONDS });
    const res = await fetch(ufsUrl, range ? { headers: { range: `bytes=${range.start}-${range.end}` } } : {});
    // 416: a range of an empty file; the caller reads the size from Content-Range.
    if (res.ok || res.status === 416) return res;
    await res.body?.cancel();
    if (res.status === 404) return null;
    throw new Error(`uploadthing's file host answered ${res.status} for file ${key}`);
  }

  async open(key: string, range?: ByteRange): Promise<Readable | null> {
    const res = await this.#get(key, range);
    if (!res) return null;
    if (!res.body || res.status === 416) throw new Error(`uploadthing sent no bytes for file ${key}`);
    const body = Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>);
    // A host may answer a range with the whole file (HTTP allows it): the range is then cut out here.
    return range && res.status === 200 ? Readable.from(cut(body, range)) : body;
  }

  /** A file's first `length` bytes and its size as the file host knows it (never the uploader's word), or null. */
  async head(key: string, length: number): Promise<{ head: Buffer; size: number } | null> {
    const res = await this.#get(key, { start: 0, end: length - 1 });
    if (!res) return null;
    const size =
      res.status === 200
        ? Number(res.headers.get("content-length") ?? Number.NaN)
        : Number(/\/(\d+)$/.exec(res.headers.get("content-range") ?? "")?.[1] ?? Number.NaN);
    if (!Number.isSafeInteger(size)) {
      await res.body?.cancel();
      throw new Error(`uploadthing did not say how large file ${key} is`);
    }
    return { head: res.status === 416 ? Buffer.alloc(0) : (await collect(res, length)).bytes, size };
  }

  /** A whole file, or null when it is not there or has more than `max` bytes (reading stops there). */
  async read(key: string, max: number): Promise<Buffer | null> {
    const res = await this.#get(key);
    if (!res) return null;
    const { bytes, more } = await collect(res, max);
    return more ? null : bytes;
  }

  async remove(key: string): Promise<void> {
    if (!KEY.test(key)) return;
    const { success } = await (await this.#utapi()).deleteFiles(key);
    // A key that is already gone still counts as success (deletedCount 0); anything else is retried by the sweeper.
    if (!success) throw new Error(`uploadthing did not delete file ${key}`);
  }
}

/** Up to `limit` bytes of a body, and whether it had more (the rest is not downloaded). */
async function collect(res: Response, limit: number): Promise<{ bytes: Buffer; more: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  if (!reader) return { bytes: Buffer.alloc(0), more: false };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: Buffer.concat(chunks), more: false };
      chunks.push(Buffer.from(value));
      total += value.length;
      if (total > limit) return { bytes: Buffer.concat(chunks).subarray(0, limit), more: true };
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** The bytes of `range` out of a stream of the whole file; stops reading once past its end. */
async function* cut(source: AsyncIterable<Buffer>, { start, end }: ByteRange): AsyncGenerator<Buffer> {
  let at = 0;
  for await (const chunk of source) {
    const from = Math.max(start - at, 0);
    const to = Math.min(end + 1 - at, chunk.length);
    if (to > from) yield chunk.subarray(from, to);
    at += chunk.length;
    if (at > end) return;
  }
}
