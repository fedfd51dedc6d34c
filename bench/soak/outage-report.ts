/** The outage section of `bench:soak --restart`: what happened while PostgreSQL was down, and how soon all was well. */
import { type OutageTimes, type Probe, type Recovery, recoveryOf } from "./outage";
import { failuresOf, printRow } from "./report";
import type { Attempt } from "./requests";
import type { LiveSubscriber } from "./subscriber";

export interface OutageVerdict extends Recovery {
  only503WithRetryAfter: boolean;
}

const s = (ms: number | undefined) =>
  ms === undefined || !Number.isFinite(ms) ? "never" : `${(ms / 1000).toFixed(2)} s`;

export function printOutage(
  attempts: Attempt[],
  probes: Probe[],
  times: OutageTimes,
  runEnd: number,
  origin: number,
  subs: LiveSubscriber[],
): OutageVerdict {
  const { downAt, goneAt, startAt, upAt } = times;
  const recovery = recoveryOf(attempts, probes, times, runEnd);
  console.log("\n\x1b[1mPostgreSQL restart\x1b[0m");
  console.log(
    `killed at +${s(downAt - origin)} (SIGQUIT to the postmaster, as pg_ctl stop -m immediate; gone ${s(goneAt - downAt)} later), ` +
      `started again at +${s(startAt - origin)}, accepting connections at +${s(upAt - origin)} ` +
      `(crash recovery and start-up ${s(upAt - startAt)}; down ${s(upAt - downAt)} in all)`,
  );

  const phases: [string, Attempt[]][] = [
    ["before", attempts.filter((a) => a.start < downAt)],
    ["while down", attempts.filter((a) => a.start >= downAt && a.start < upAt)],
    ["after up", attempts.filter((a) => a.start >= upAt)],
  ];
  const widths = [11, 9, 8, 9];
  printRow(["sent", "requests", "200", "max ms"], widths);
  for (const [name, list] of phases) {
    const max = list.reduce((m, a) => Math.max(m, a.end - a.start), 0);
    const ok = list.filter((a) => a.status === 200).length;
    printRow([name, String(list.length), String(ok), max.toFixed(0)], widths);
    console.log(`            failures: ${failuresOf(list)}`);
  }

  const slowest = recovery.slowest;
  if (slowest) {
    const answer = slowest.status === 0 ? `no answer (${slowest.error ?? "?"})` : `HTTP ${slowest.status}`;
    console.log(
      `slowest request in flight while down: ${slowest.op}, ${answer} after ${(slowest.end - slowest.start).toFixed(0)} ms ` +
        `(sent ${slowest.start < downAt ? `${s(downAt - slowest.start)} before` : `${s(slowest.start - downAt)} after`} the kill)`,
    );
  }
  const health = [...recovery.probeStatuses].map(([status, n]) => `${status === 0 ? "no answer" : status}×${n}`);
  console.log(`/api/health while down: ${health.join(", ") || "no probes"}`);
  console.log(
    `after PostgreSQL accepted connections: first 200 ${s(recovery.firstOkMs)}, first acknowledged write ${s(recovery.firstWriteOkMs)}, ` +
      `full recovery (the first 200, and every request and health probe since answered 200) ${s(recovery.fullMs)}, held ${s(recovery.heldMs)} to the end of the run`,
  );
  const reconnects = subs.reduce((n, sub) => n + sub.connects, 0) - subs.length;
  const refusals = new Map<string, number>();
  for (const sub of subs) for (const [why, n] of sub.refusals) refusals.set(why, (refusals.get(why) ?? 0) + n);
  console.log(
    `live subscribers: ${reconnects} reconnections; refused: ${[...refusals].map(([why, n]) => `${why}×${n}`).join(", ") || "none"}`,
  );

  const failures = attempts.filter((a) => a.status !== 200 && a.end >= downAt);
  return {
    ...recovery,
    only503WithRetryAfter: failures.every((a) => a.status === 503 && a.retryAfter !== undefined),
  };
}
