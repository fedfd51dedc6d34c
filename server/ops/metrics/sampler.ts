/**
 * Once a minute (METRICS_SAMPLE_SECONDS), each app instance writes one `metric_samples` row with what it saw in that
 * minute: the dashboard charts these without Prometheus. The timer is aligned to the clock (rows of all instances
 * share their minutes), unref'd (it never keeps a process alive) and stopped by `stopSampler`. A row that cannot be
 * written (the database is down) is dropped: the figures of that minute are gone, the next minute's are not.
 */
import "server-only";
import type { Database } from "@/db/client";
import { metricSamples } from "@/db/schema";
import { jobDepths, totalWaiting } from "./job-depth";
import { instanceName } from "./labels";
import { liveFigures } from "./live";
import type { AppMetrics } from "./registry";

export type MetricSampleRow = typeof metricSamples.$inferInsert;

/** What the sampler remembers between two samples: the listener's running total, to count one window's events. */
export interface SamplerMemory {
  liveEvents: number | null;
}

/** The row for the window that started at `at`, from the metrics' window (which starts over) and gauges read now. */
export async function takeSample(
  db: Database,
  metrics: AppMetrics,
  memory: SamplerMemory,
  at: Date,
): Promise<MetricSampleRow> {
  const figures = metrics.window.take();
  const live = liveFigures();
  const liveEvents =
    live && memory.liveEvents !== null && live.events >= memory.liveEvents ? live.events - memory.liveEvents : 0;
  memory.liveEvents = live?.events ?? null;
  const lag = metrics.loopDelay;
  // The histogram reports nanoseconds, and a huge value until it has seen a single delay.
  const lagP99Ms = lag.count > 0 ? lag.percentile(99) / 1e6 : null;
  lag.reset();
  const memoryUsage = process.memoryUsage();
  return {
    at,
    instance: instanceName(),
    ...figures,
    liveSubscribers: live ? live.subscribers + live.watchers : 0,
    liveEvents,
    jobQueueDepth: totalWaiting(await jobDepths(db, metrics.queues)),
    rssBytes: memoryUsage.rss,
    heapUsedBytes: memoryUsage.heapUsed,
    eventLoopLagP99Ms: lagP99Ms,
  };
}

export async function writeSample(db: Database, row: MetricSampleRow): Promise<void> {
  await db.insert(metricSamples).values(row);
}

interface Running {
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The sample being written, if any: stopping waits for it. */
  writing: Promise<void> | undefined;
  stopped: boolean;
}

const state = globalThis as unknown as { atriumSampler?: Running };

/** Starts this process's sampler (once; a second call while it runs does nothing). */
export function startSampler(options: {
  db: () => Database;
  metrics: () => AppMetrics;
  everyMs: number;
  log?: (message: string) => void;
}): void {
  if (state.atriumSampler && !state.atriumSampler.stopped) return;
  const running: Running = { timer: undefined, writing: undefined, stopped: false };
  state.atriumSampler = running;
  const { everyMs } = options;
  const memory: SamplerMemory = { liveEvents: null };
  // The first window is the part of a minute left when the process started; it is written as that minute's row.
  let windowStart = Math.floor(Date.now() / everyMs) * everyMs;
  // Reading the metrics now subscribes them to requests and queries, so the first window counts from here.
  options.metrics();
  liveFigures();

  const schedule = () => {
    if (running.stopped) return;
    const next = windowStart + everyMs;
    running.timer = setTimeout(
      () => {
        running.writing = tick().finally(() => {
          running.writing = undefined;
        });
      },
      Math.max(0, next - Date.now()),
    );
    running.timer.unref?.();
  };
  const tick = async () => {
    const at = new Date(windowStart);
    // At least one window on: a timer may fire a millisecond before the boundary by the wall clock (timers keep a
    // monotonic clock), and reading the window from the clock alone would then write the same minute twice. After a
    // pause (a suspended machine) it jumps to the window under way.
    windowStart = Math.max(windowStart + everyMs, Math.floor(Date.now() / everyMs) * everyMs);
    try {
      const db = options.db();
      await writeSample(db, await takeSample(db, options.metrics(), memory, at));
    } catch (error) {
      options.log?.(`the sample of ${at.toISOString()} was not written: ${(error as Error).message}`);
    }
    schedule();
  };
  schedule();
}

/** Stops the sampler once a sample being written is in; the window under way is not written. */
export async function stopSampler(): Promise<void> {
  const running = state.atriumSampler;
  if (!running) return;
  running.stopped = true;
  clearTimeout(running.timer);
  state.atriumSampler = undefined;
  await running.writing;
}
