/**
 * One phase of `npm run bench:live`: one side (engine or baseline) with N subscribers on a fresh `next start`.
 * Fresh, so memory "before" is not flattered by a heap the previous phase already grew.
 *
 * 1. start the server; warm it up (a few subscribers and writes, so routes are loaded and JIT-compiled);
 * 2. full GC in the server, read its RSS ("before");
 * 3. open N subscribers from the subscriber processes, wait for each `ready`; GC, RSS again ("held");
 * 4. write at a steady rate for the set time, announcing each write to the subscriber processes;
 * 5. wait (at most DRAIN_MS) until every expected delivery arrived, then collect the results.
 */
import type postgres from "postgres";
import { Histogram } from "./histogram";
import { SubscriberPool } from "./pool";
import { cpuMsOf, openFilesLimit, vmRssBytes } from "./proc";
import { monotonicMs, type SubscriberSpec, type WorkerResult } from "./protocol";
import { serverConnections } from "./seed";
import { collectAndMeasure, type NextServer } from "./server";
import type { WriteOutcome, Writer } from "./writes";

const DRAIN_MS = 15_000;
const WARMUP = { subscribers: 20, seconds: 3 };

export interface SideSpec {
  name: "engine" | "baseline";
  path: string;
  subscribers: (n: number) => SubscriberSpec[];
  writer: (tag: string) => Writer;
}

export interface PhaseSettings {
  rate: number;
  seconds: number;
  processes: number;
  concurrency: number;
  say: (message: string) => void;
}

export interface PhaseResult {
  side: string;
  n: number;
  connectSeconds: number;
  writes: { sent: number; ok: number; errors: string[]; latencies: Histogram };
  workers: WorkerResult[];
  latency: Histogram;
  /** Expected (subscriber, write) pairs that had not arrived when the phase ended. */
  missing: number;
  /** Deliveries per second from the first write sent to the last delivery. */
  eventsPerSecond: number;
  /** Deliveries per second the writes asked for: expected pairs over the writing time. */
  offeredPerSecond: number;
  /** How long after the last write the phase waited for stragglers, s. */
  drainSeconds: number;
  memory: { before: number; held: number; heapBefore: number; heapHeld: number; afterWrites: number; gc: boolean };
  cpu: { serverPercent: number; loadPercent: number; seconds: number };
  db: { total: number; listening: number };
  fdLimit: string;
}

/** Sends `count` writes at `rate` per second, on schedule even when earlier ones are still in flight (open loop). */
async function writeSteadily(writer: Writer, count: number, rate: number, onDone: (outcome: WriteOutcome) => void) {
  const start = monotonicMs();
  const inFlight: Promise<void>[] = [];
  for (let k = 0; k < count; k++) {
    const due = start + (k * 1000) / rate;
    const wait = due - monotonicMs();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // A failed write is a figure, not a crash: it must not reject while later writes are still being scheduled.
    inFlight.push(
      writer(k).then(onDone, (error: unknown) =>
        onDone({ ms: 0, error: error instanceof Error ? error.message : String(error) }),
      ),
    );
  }
  await Promise.all(inFlight);
}

export async function runPhase(
  server: NextServer,
  sql: postgres.Sql,
  side: SideSpec,
  n: number,
  settings: PhaseSettings,
): Promise<PhaseResult> {
  const { say } = settings;
  await server.start();

  say(`${side.name} N=${n}: warming up (${WARMUP.subscribers} subscribers, ${WARMUP.seconds} s of writes)`);
  const warm = new SubscriberPool(1);
  try {
    await warm.open({ port: server.port, path: side.path, concurrency: 8 }, side.subscribers(WARMUP.subscribers));
    await writeSteadily(side.writer(`${side.name}-warm-${n}`), WARMUP.seconds * settings.rate, settings.rate, () => {});
  } finally {
    await warm.close();
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const before = await collectAndMeasure(server.port);
  const pid = before.pid;

  say(`${side.name} N=${n}: opening ${n} subscribers from ${settings.processes} processes`);
  const pool = new SubscriberPool(settings.processes);
  try {
    const opened = await pool.open(
      { port: server.port, path: side.path, concurrency: settings.concurrency },
      side.subscribers(n),
    );
    say(`${side.name} N=${n}: ${opened.ready} ready, ${opened.failed} failed, in ${opened.seconds.toFixed(1)} s`);
    const held = await collectAndMeasure(server.port);
    const db = await serverConnections(sql);

    const count = Math.round(settings.seconds * settings.rate);
    say(`${side.name} N=${n}: ${count} writes at ${settings.rate}/s`);
    pool.broadcast({ type: "start" });
    const cpuStart = cpuMsOf(pid);
    const windowStart = monotonicMs();
    const writes = { sent: count, ok: 0, errors: [] as string[], latencies: new Histogram() };
    await writeSteadily(side.writer(`${side.name}-${n}`), count, settings.rate, (outcome) => {
      if (outcome.announced) {
        writes.ok++;
        writes.latencies.add(outcome.ms);
        pool.broadcast({ type: "expect", ...outcome.announced });
      } else if (outcome.error && writes.errors.length < 5) writes.errors.push(outcome.error);
    });

    const writesDone = monotonicMs();
    const drainDeadline = writesDone + DRAIN_MS;
    for (;;) {
      const progress = await pool.progress();
      if (progress.received >= progress.expected || monotonicMs() > drainDeadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const windowMs = monotonicMs() - windowStart;
    const serverCpuMs = cpuMsOf(pid) - cpuStart;
    const afterWrites = vmRssBytes(pid);
    const workers = await pool.finish();

    const latency = new Histogram();
    for (const w of workers) latency.merge(w.histogram);
    const delivered = workers.reduce((sum, w) => sum + w.delivered, 0);
    const lastAt = Math.max(...workers.map((w) => w.lastAt));
    const loadCpuMs = workers.reduce((sum, w) => sum + w.cpuMs, 0);
    return {
      side: side.name,
      n,
      connectSeconds: opened.seconds,
      writes,
      workers,
      latency,
      missing: workers.reduce((sum, w) => sum + w.missing, 0),
      eventsPerSecond: delivered / ((lastAt - windowStart) / 1000),
      offeredPerSecond: workers.reduce((sum, w) => sum + w.expected, 0) / settings.seconds,
      drainSeconds: (monotonicMs() - writesDone) / 1000,
      memory: {
        before: before.vmRss,
        held: held.vmRss,
        heapBefore: before.heapUsed,
        heapHeld: held.heapUsed,
        afterWrites,
        gc: before.collected,
      },
      cpu: {
        serverPercent: (100 * serverCpuMs) / windowMs,
        loadPercent: (100 * loadCpuMs) / windowMs,
        seconds: windowMs / 1000,
      },
      db,
      fdLimit: openFilesLimit(pid),
    };
  } finally {
    await pool.close();
    await server.stop();
  }
}
