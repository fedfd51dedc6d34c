/** The tables `bench:soak` prints: requests per kind, the server over time, and the verdict lines. */
import { Histogram } from "../live/histogram";
import type { Attempt, Op } from "./requests";
import { type Sample, trendOf } from "./timeline";

export const MiB = 1024 * 1024;
const mib = (bytes: number) => (Number.isFinite(bytes) ? (bytes / MiB).toFixed(0) : "-");
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "-");

/** One row of cells, the first left-aligned and the rest right-aligned to `widths`. */
export function printRow(cells: string[], widths: number[]): void {
  console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 10) : c.padStart(widths[i] ?? 8))).join(" | "));
}

/**
 * `503×12 (Retry-After on 12: 1-2 s), 500×1, no answer×2 (ECONNRESET)`: the failures among `attempts`, by status.
 */
export function failuresOf(attempts: Attempt[]): string {
  const byStatus = new Map<number, { n: number; retryAfter: number[]; errors: Set<string> }>();
  for (const a of attempts) {
    if (a.status === 200) continue;
    const entry = byStatus.get(a.status) ?? { n: 0, retryAfter: [], errors: new Set<string>() };
    entry.n++;
    if (a.retryAfter !== undefined) entry.retryAfter.push(a.retryAfter);
    if (a.error && entry.errors.size < 3) entry.errors.add(a.error);
    byStatus.set(a.status, entry);
  }
  if (byStatus.size === 0) return "none";
  return [...byStatus]
    .sort(([a], [b]) => a - b)
    .map(([status, e]) => {
      const name = status === 0 ? "no answer" : String(status);
      const low = e.retryAfter.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY);
      const high = e.retryAfter.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
      const range = low === high ? `${low} s` : `${low}-${high} s`;
      const notes = [
        ...(status !== 0
          ? [`Retry-After on ${e.retryAfter.length}${e.retryAfter.length > 0 ? `: ${range}` : ""}`]
          : []),
        ...(e.errors.size > 0 ? [[...e.errors].join(", ")] : []),
      ];
      return `${name}×${e.n}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`;
    })
    .join(", ");
}

function latencies(attempts: Attempt[]): Histogram {
  const h = new Histogram();
  for (const a of attempts) if (a.status === 200) h.add(a.end - a.start);
  return h;
}

export function printRequests(attempts: Attempt[], seconds: number): void {
  const widths = [15, 9, 7, 8, 8, 9, 9];
  console.log("");
  printRow(["request", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "200"], widths);
  console.log("-".repeat(80));
  const ops: Op[] = ["list", "list by author", "get", "create", "update"];
  for (const op of [...ops, "all"] as const) {
    const mine = op === "all" ? attempts : attempts.filter((a) => a.op === op);
    const h = latencies(mine);
    const max = mine.reduce((m, a) => Math.max(m, a.end - a.start), 0);
    // Percentiles are bucket upper bounds (up to 0.5 % high); never above the exact maximum.
    const pct = (p: number) => Math.min(h.percentile(p), max);
    const ok = mine.filter((a) => a.status === 200).length;
    printRow(
      [op, String(mine.length), (mine.length / seconds).toFixed(0), ms(pct(50)), ms(pct(99)), ms(max), String(ok)],
      widths,
    );
  }
  console.log(`errors by status: ${failuresOf(attempts)}`);
  console.log("(latency percentiles over the 200s; max over every request, whatever it answered)");
}

/** The timeline: one row per sample, requests counted by when they ended. */
export function printTimeline(samples: Sample[], attempts: Attempt[], origin: number, marks: Map<number, string>) {
  const widths = [7, 7, 8, 30, 8, 9, 8, 8, 6, 11, 6];
  console.log("");
  const head = [
    "t s",
    "req/s",
    "200",
    "errors",
    "RSS MiB",
    "heap MiB",
    "V8 MiB",
    "ext MiB",
    "CPU %",
    "DB (listen)",
    "subs",
  ];
  printRow(head, widths);
  console.log("-".repeat(138));
  const sorted = [...attempts].sort((a, b) => a.end - b.end);
  let i = 0;
  let previous = origin;
  for (const s of samples) {
    const inside: Attempt[] = [];
    while (i < sorted.length && (sorted[i]?.end ?? 0) <= s.at) inside.push(sorted[i++] as Attempt);
    const span = Math.max(0.001, (s.at - previous) / 1000);
    previous = s.at;
    const errors = failuresOf(inside).replace(/ \([^)]*\)/g, "");
    const mark = [...marks].filter(([at]) => at <= s.at && at > s.at - span * 1000).map(([, text]) => text);
    printRow(
      [
        Math.max(0, (s.at - origin) / 1000).toFixed(0),
        (inside.length / span).toFixed(0),
        String(inside.filter((a) => a.status === 200).length),
        errors.length > 30 ? `${errors.slice(0, 29)}…` : errors,
        mib(s.rss),
        mib(s.heapUsed),
        mib(s.heapTotal),
        mib(s.external),
        Number.isFinite(s.cpuPercent) ? s.cpuPercent.toFixed(0) : "-",
        s.db ? `${s.db.total} (${s.db.listening})` : "-",
        String(s.subscribersReady),
      ],
      widths,
    );
    for (const text of mark) console.log(`        ^ ${text}`);
  }
  console.log(
    "RSS from /proc before the sample's GC; heap = V8 heap used after a full GC; V8 = the heap V8 holds from the system " +
      "then (heapTotal); ext = memory outside the heap (buffers); DB = the server's connections (LISTENing); " +
      "subs = live subscribers ready",
  );
}

/**
 * Whether memory is flat after warm-up, for the live heap (+ buffers) after GC, V8's reserved heap and RSS: "flat"
 * when the whole window stays within the tolerance, "levels off" when only its second half does (RSS takes a while to
 * find its level: allocators keep what they were given), "GROWING" when even the second half does not.
 */
export function printTrends(samples: Sample[]): void {
  const series: [string, (s: Sample) => number, { bytes: number; fraction: number }][] = [
    ["live heap + buffers after GC", (s) => s.heapUsed + s.external, { bytes: 16 * MiB, fraction: 0.1 }],
    ["V8 heap reserved (heapTotal)", (s) => s.heapTotal, { bytes: 16 * MiB, fraction: 0.1 }],
    ["RSS", (s) => s.rss, { bytes: 32 * MiB, fraction: 0.1 }],
  ];
  const signed = (bytes: number) => `${bytes >= 0 ? "+" : ""}${mib(bytes)}`;
  for (const [name, pick, tolerance] of series) {
    const values = samples.map(pick);
    const whole = trendOf(values, tolerance);
    const late = trendOf(values.slice(Math.floor(values.length / 2)), tolerance);
    if (!whole || !late) {
      console.log(`${name}: no samples`);
      continue;
    }
    const verdict = whole.flat ? "flat" : late.flat ? "levels off" : "GROWING";
    console.log(
      `${name}: ${mib(whole.first)} -> ${mib(whole.last)} MiB (${signed(whole.growth)}; second half ${signed(late.growth)}; ` +
        `max ${mib(whole.max)}): ${verdict}`,
    );
  }
  console.log(
    "(start and end: medians of the first and last three samples; flat: within 16 MiB or 10 % (RSS 32 MiB or 10 %) " +
      "over the window; levels off: only over its second half)",
  );
}

/** Prints the checks and returns the exit code: 1 when any failed. */
export function printChecks(checks: [string, boolean][]): number {
  console.log("");
  for (const [name, ok] of checks) console.log(`${ok ? "\x1b[32mPASS\x1b[0m" : "\x1b[31mFAIL\x1b[0m"} ${name}`);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}
