/**
 * A pass-through that measures what flows by: bytes, rows (COPY text ends every row with a newline and escapes the
 * newlines inside values, so rows are newlines) and the SHA-256. Used on the way into the archive and out of it.
 */
import { createHash } from "node:crypto";
import { Transform, type TransformCallback, Writable } from "node:stream";

export interface Tally {
  bytes: number;
  rows: number;
  sha256: string;
}

export class TallyStream extends Transform {
  private readonly hash = createHash("sha256");
  private bytes = 0;
  private rows = 0;
  private digest: string | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) this.rows++;
    callback(null, chunk);
  }

  /** The figures once the stream has ended. */
  tally(): Tally {
    this.digest ??= this.hash.digest("hex");
    return { bytes: this.bytes, rows: this.rows, sha256: this.digest };
  }
}

/** A sink that keeps nothing: the bytes were only to be measured. */
export function discard(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}
