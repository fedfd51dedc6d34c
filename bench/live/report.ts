/** Prints one table per subscriber count: a row per figure, a column per side, so the engine's cost is visible. */
import type { PhaseResult } from "./phase";

const MiB = 1024 * 1024;
const sum = (r: PhaseResult, pick: (w: PhaseResult["workers"][number]) => number) =>
  r.workers.reduce((total, w) => total + pick(w), 0);
const ms = (value: number) => (Number.isNaN(value) ? "-" : Number.isFinite(value) ? value.toFixed(1) : "never");

const maxMs = (r: PhaseResult) => Math.max(...r.workers.map((w) => w.maxMs));
const clamp = (value: number, r: PhaseResult) => (Number.isFinite(value) ? Math.min(value, maxMs(r)) : value);

const ROWS: [string, (r: PhaseResult) => string][] = [
  ["streams held (ready, open at end)", (r) => `${sum(r, (w) => w.open)} / ${r.n}`],
  ["streams failed to open", (r) => String(sum(r, (w) => w.failed))],
  ["all opened in", (r) => `${r.connectSeconds.toFixed(1)} s`],
  ["writes ok / sent", (r) => `${r.writes.ok} / ${r.writes.sent}`],
  [
    "write round trip p50 / p99 ms",
    (r) => `${ms(r.writes.latencies.percentile(50))} / ${ms(r.writes.latencies.percentile(99))}`,
  ],
  ["deliveries expected", (r) => String(sum(r, (w) => w.expected))],
  ["delivered (first copy)", (r) => String(sum(r, (w) => w.delivered))],
  [
    "missing / duplicates / unexpected",
    (r) => [sum(r, (w) => w.missing), sum(r, (w) => w.duplicates), sum(r, (w) => w.unexpected)].join(" / "),
  ],
  // Percentiles are bucket upper bounds (up to 0.5 % high); never above the exact maximum.
  ["latency p50 ms", (r) => ms(clamp(r.latency.percentile(50, r.missing), r))],
  ["latency p99 ms", (r) => ms(clamp(r.latency.percentile(99, r.missing), r))],
  ["latency max ms", (r) => ms(maxMs(r))],
  ["deliveries asked / s", (r) => r.offeredPerSecond.toFixed(0)],
  ["events delivered / s", (r) => r.eventsPerSecond.toFixed(0)],
  [
    "server RSS before / held MiB",
    (r) => `${(r.memory.before / MiB).toFixed(0)} / ${(r.memory.held / MiB).toFixed(0)}`,
  ],
  ["server RSS per connection KiB", (r) => ((r.memory.held - r.memory.before) / r.n / 1024).toFixed(1)],
  ["server heap per connection KiB", (r) => ((r.memory.heapHeld - r.memory.heapBefore) / r.n / 1024).toFixed(1)],
  ["server RSS after writes MiB", (r) => (r.memory.afterWrites / MiB).toFixed(0)],
  ["server CPU % of one core", (r) => r.cpu.serverPercent.toFixed(0)],
  ["subscriber processes CPU %", (r) => r.cpu.loadPercent.toFixed(0)],
  ["server DB connections (LISTEN)", (r) => `${r.db.total} (${r.db.listening})`],
];

export function printTable(n: number, results: PhaseResult[]): void {
  const label = 34;
  const width = 16;
  const line = (cells: string[]) =>
    console.log(cells.map((c, i) => (i === 0 ? c.padEnd(label) : c.padStart(width))).join(" | "));
  console.log("");
  line([`N = ${n.toLocaleString("en-US")} subscribers`, ...results.map((r) => r.side)]);
  console.log("-".repeat(label + results.length * (width + 3)));
  for (const [name, cell] of ROWS) line([name, ...results.map(cell)]);
  for (const r of results) {
    if (r.missing > 0) {
      console.log(
        `  ${r.side}: ${r.missing} deliveries had not arrived ${r.drainSeconds.toFixed(0)} s after the last write; ` +
          'they rank as slower than any delivered one ("never"): the server could not keep up',
      );
    }
    const reasons = [...new Set(r.workers.flatMap((w) => w.reasons))];
    if (reasons.length > 0) console.log(`  ${r.side}: streams failed: ${reasons.join("; ")}`);
    if (r.writes.errors.length > 0) console.log(`  ${r.side}: write errors: ${r.writes.errors.join("; ")}`);
    if (!r.memory.gc) console.log(`  ${r.side}: the server ran without --expose-gc; memory includes garbage`);
  }
}
