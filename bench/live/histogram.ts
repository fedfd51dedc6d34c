/**
 * Latencies as a log-scale histogram (buckets 0.5 % wide), because a 10,000-subscriber run yields millions of
 * (subscriber, write) pairs: the subscriber processes send back bucket counts, not samples. Percentiles are read as
 * the bucket's upper bound, so they err on the slow side by at most 0.5 %.
 */
const BASE_MS = 0.01;
const GROWTH = 1.005;

export class Histogram {
  readonly counts = new Map<number, number>();
  total = 0;

  add(ms: number): void {
    const index = ms <= BASE_MS ? 0 : Math.ceil(Math.log(ms / BASE_MS) / Math.log(GROWTH));
    this.counts.set(index, (this.counts.get(index) ?? 0) + 1);
    this.total++;
  }

  merge(pairs: [number, number][]): void {
    for (const [index, n] of pairs) {
      this.counts.set(index, (this.counts.get(index) ?? 0) + n);
      this.total += n;
    }
  }

  pairs(): [number, number][] {
    return [...this.counts];
  }

  /**
   * The p-th percentile (0..100) in ms; NaN when empty. `missing` samples never arrived: they rank above every
   * recorded one (Infinity when the percentile falls among them), so losses cannot make the figures look better.
   */
  percentile(p: number, missing = 0): number {
    if (this.total + missing === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * (this.total + missing)));
    if (rank > this.total) return Number.POSITIVE_INFINITY;
    let seen = 0;
    for (const index of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(index) ?? 0;
      if (seen >= rank) return BASE_MS * GROWTH ** index;
    }
    return Number.NaN;
  }
}
