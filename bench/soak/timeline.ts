/**
 * The server over time: every few seconds its RSS (from /proc, before anything else), then a full GC through the
 * bench-only memory route (app/api/bench/soak/memory) and V8's live heap after it, the heap V8 has reserved, its CPU since the last sample, its connections to PostgreSQL
 * and how many live subscribers are ready. Each GC costs the server a pause (tens of ms on a 100 MiB heap); that is
 * the price of a heap figure that is live memory, not garbage waiting to be collected.
 */
import type postgres from "postgres";
import { cpuMsOf, vmRssBytes } from "../live/proc";
import { serverConnections } from "../live/seed";
import { request } from "../live/server";

/** What POST /api/bench/soak/memory answers: after a full GC in the server, its memory as V8 sees it. */
interface ServerMemory {
  pid: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/** A full GC in the server, then its memory; undefined when the route does not answer (200). */
export async function measureServer(port: number): Promise<ServerMemory | undefined> {
  const res = await request(port, "POST", "/api/bench/soak/memory").catch(() => undefined);
  return res?.status === 200 ? (JSON.parse(res.body) as ServerMemory) : undefined;
}

export interface Sample {
  /** performance.now() */
  at: number;
  rss: number;
  /** V8 heap in use after a full GC, the heap V8 holds from the system then, and memory outside the heap (buffers);
   * NaN when the route did not answer. */
  heapUsed: number;
  heapTotal: number;
  external: number;
  cpuPercent: number;
  db: { total: number; listening: number } | undefined;
  subscribersReady: number;
}

export class Timeline {
  readonly samples: Sample[] = [];
  /** Where the previous sample read the server's CPU time; the first sample has no interval (CPU NaN). */
  private lastCpu: { at: number; ms: number } | undefined;

  constructor(
    private readonly port: number,
    readonly pid: number,
    private readonly sql: postgres.Sql,
    private readonly subscribersReady: () => number,
  ) {}

  async sample(): Promise<Sample> {
    const at = performance.now();
    const rss = vmRssBytes(this.pid);
    const cpuMs = cpuMsOf(this.pid);
    const last = this.lastCpu;
    const cpuPercent = last ? (100 * (cpuMs - last.ms)) / Math.max(1, at - last.at) : Number.NaN;
    this.lastCpu = { at, ms: cpuMs };
    const memory = await measureServer(this.port);
    // pg_stat_activity needs the database: during an outage there is nothing to count.
    const db = await Promise.race([
      serverConnections(this.sql).catch(() => undefined),
      new Promise<undefined>((resolve) => setTimeout(resolve, 1_000)),
    ]);
    const sample: Sample = {
      at,
      rss,
      heapUsed: memory?.heapUsed ?? Number.NaN,
      heapTotal: memory?.heapTotal ?? Number.NaN,
      external: memory?.external ?? Number.NaN,
      cpuPercent,
      db,
      subscribersReady: this.subscribersReady(),
    };
    this.samples.push(sample);
    return sample;
  }

  /** Samples every `everyMs` while `running()`; one more at the end is the caller's. */
  async run(everyMs: number, running: () => boolean): Promise<void> {
    let next = performance.now() + everyMs;
    while (running()) {
      const wait = next - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 250)));
      if (!running()) break;
      if (performance.now() >= next) {
        await this.sample();
        next += everyMs;
      }
    }
  }
}

export interface Trend {
  first: number;
  last: number;
  max: number;
  growth: number;
  flat: boolean;
}

/**
 * Whether a series is flat after warm-up: its end is within max(`bytes`, `fraction` of its start) above its start,
 * where start and end are the medians of the first and the last three samples, so that one sample does not decide
 * (the first RSS still holds pages the warm-up's garbage took, which the allocator hands back lazily).
 */
export function trendOf(values: number[], tolerance: { bytes: number; fraction: number }): Trend | undefined {
  const known = values.filter((v) => Number.isFinite(v));
  const median = (part: number[]) => part.sort((a, b) => a - b)[Math.floor(part.length / 2)];
  const first = median(known.slice(0, 3));
  const last = median(known.slice(-3));
  if (first === undefined || last === undefined) return undefined;
  const growth = last - first;
  return {
    first,
    last,
    max: Math.max(...known),
    growth,
    flat: growth <= Math.max(tolerance.bytes, tolerance.fraction * first),
  };
}
