/**
 * What `npm run bench:live` reads about the server process itself: its pid (the process that serves requests, which
 * is the one whose /proc/<pid>/status the bench reads, whatever wrapper started it) and its memory after a full GC,
 * so "before" and "held" are compared without garbage that merely has not been collected yet.
 */
import "server-only";

export interface ServerMemory {
  pid: number;
  /** False when the server runs without --expose-gc: the figures then include uncollected garbage. */
  collected: boolean;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export function collectAndMeasure(): ServerMemory {
  const gc = globalThis.gc;
  if (gc) {
    // Twice: the first pass can leave objects that only die once their finalizers have run.
    gc();
    gc();
  }
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { pid: process.pid, collected: gc !== undefined, rss, heapUsed, external, arrayBuffers };
}
