/**
 * A zip archive streamed from files that are themselves streamed (fflate's Zip with one DEFLATE entry per file): a
 * chunk of text in, its compressed bytes out, so the archive of a million-row table needs no more memory than one
 * chunk. Files are written one after another in the order given.
 */
import { Zip, ZipDeflate } from "fflate";

export interface ZipEntry {
  name: string;
  chunks: AsyncIterable<string>;
}

export async function* zipStream(entries: AsyncIterable<ZipEntry>): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  // fflate calls back synchronously from push() and end(): whatever it produced is in `ready` right after.
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  const encoder = new TextEncoder();
  function* drain(): Generator<Uint8Array> {
    if (failure) throw failure;
    while (ready.length > 0) yield ready.shift() as Uint8Array;
  }
  for await (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level: 6 });
    zip.add(file);
    for await (const text of entry.chunks) {
      file.push(encoder.encode(text));
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}
