/** The live subscribers' part of a soak's results: totals, and the subscribers that did not get exactly the log. */
import { checkDelivery, type DeliveryCheck } from "./checks";
import type { LiveSubscriber } from "./subscriber";

/** `1200-1347, 1500` : the ids of `expected` that are not in `received`, as ranges of consecutive log entries. */
export function missingRanges(expected: number[], received: Set<number>, most = 4): string {
  const ranges: string[] = [];
  for (let i = 0; i < expected.length && ranges.length < most; i++) {
    if (received.has(expected[i] as number)) continue;
    let j = i;
    while (j + 1 < expected.length && !received.has(expected[j + 1] as number)) j++;
    ranges.push(i === j ? String(expected[i]) : `${expected[i]}-${expected[j]} (${j - i + 1})`);
    i = j;
  }
  return ranges.join(", ");
}

export interface DeliveryTotals {
  lost: number;
  /** Duplicates, out of order, and ids the log does not hold. */
  wrong: number;
  notResumed: number;
}

/** Checks every subscriber against `log` (posts event ids, ascending) and prints what it found. */
export function printDeliveries(subs: LiveSubscriber[], log: number[], drainMs: number, label: string): DeliveryTotals {
  const checks = subs.map((s) => checkDelivery(log, s));
  const sum = (pick: (d: DeliveryCheck) => number) => checks.reduce((n, d) => n + pick(d), 0);
  const complete = checks.filter((d) => d.lost + d.duplicates + d.outOfOrder + d.unexpected === 0).length;
  console.log(
    `\nlive: ${subs.length} subscribers (${label}), ${complete} received exactly the log's events after their first ready; ` +
      `${sum((d) => d.expected)} deliveries expected, ${sum((d) => d.received)} received: lost ${sum((d) => d.lost)}, ` +
      `duplicates ${sum((d) => d.duplicates)}, out of order ${sum((d) => d.outOfOrder)}, not in the log ${sum((d) => d.unexpected)}; ` +
      `the newest event reached every subscriber ${(drainMs / 1000).toFixed(1)} s after the last request`,
  );
  const notResumed = subs.reduce((n, s) => n + s.notResumed, 0);
  const slowestReady = subs.reduce((m, s) => Math.max(m, s.slowestReadyMs), 0);
  console.log(
    `      ${subs.reduce((n, s) => n + s.connects, 0) - subs.length} reconnections, ${notResumed} of them not resumed, ` +
      `${subs.reduce((n, s) => n + s.stalls, 0)} streams silent for 45 s, slowest headers -> ready ${slowestReady.toFixed(0)} ms`,
  );
  let shown = 0;
  for (const [i, d] of checks.entries()) {
    if (d.lost + d.duplicates + d.outOfOrder + d.unexpected === 0 || shown++ >= 5) continue;
    const sub = subs[i] as LiveSubscriber;
    const expected = log.filter((seq) => seq > (sub.firstReady ?? Number.POSITIVE_INFINITY));
    const gaps = d.lost > 0 ? `, missing ${missingRanges(expected, new Set(sub.ids))}` : "";
    console.log(
      `      subscriber ${i} (from event ${sub.firstReady}): ${d.received} of ${d.expected}, lost ${d.lost}, ` +
        `duplicates ${d.duplicates}, out of order ${d.outOfOrder}, not in the log ${d.unexpected}${gaps}`,
    );
  }
  return { lost: sum((d) => d.lost), wrong: sum((d) => d.duplicates + d.outOfOrder + d.unexpected), notResumed };
}
