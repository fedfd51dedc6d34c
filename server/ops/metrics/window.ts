/**
 * What one instance saw during one sample window (a minute by default): requests, errors and their latencies, and
 * database queries and theirs. Latencies go into native HDR histograms (perf_hooks), so a busy minute costs a few
 * kilobytes whatever the number of requests, and percentiles are exact to about 1 %.
 */
import { createHistogram, type RecordableHistogram } from "node:perf_hooks";

/** Microseconds, at least 1 (the histogram's floor), capped at an hour so one absurd value cannot skew the range. */
const micros = (ms: number) => Math.min(3_600_000_000, Math.max(1, Math.round(ms * 1000)));

/** The `p`th percentile in milliseconds, or null when nothing was recorded. */
function percentileMs(histogram: RecordableHistogram, p: number): number | null {
  return histogram.count === 0 ? null : histogram.percentile(p) / 1000;
}

export interface WindowFigures {
  requests: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  dbQueries: number;
  dbP95Ms: number | null;
}

export class SampleWindow {
  private requests = createHistogram();
  private queries = createHistogram();
  private errors = 0;

  request(durationMs: number, status: number): void {
    this.requests.record(micros(durationMs));
    if (status >= 500) this.errors++;
  }

  query(durationMs: number): void {
    this.queries.record(micros(durationMs));
  }

  /** The window's figures; the window starts over empty. */
  take(): WindowFigures {
    const { requests, queries, errors } = this;
    this.requests = createHistogram();
    this.queries = createHistogram();
    this.errors = 0;
    return {
      requests: requests.count,
      errors,
      p50Ms: percentileMs(requests, 50),
      p95Ms: percentileMs(requests, 95),
      p99Ms: percentileMs(requests, 99),
      dbQueries: queries.count,
      dbP95Ms: percentileMs(queries, 95),
    };
  }
}
