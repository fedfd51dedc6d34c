/**
 * The outage of `bench:soak --restart`: PostgreSQL killed as `pg_ctl stop -m immediate` does it, kept down, started
 * again; `/api/health` probed throughout; and what the requests and probes say about it afterwards: how they failed
 * while it was down (503 with Retry-After, never 500, never a hang), how soon after PostgreSQL accepted connections
 * again the first request succeeded, and from when on every request and every probe did ("full recovery").
 */

import { request } from "../live/server";
import type { PostgresOutage } from "../support/postgres-outage";
import { type Attempt, sleep } from "./requests";

export interface OutageTimes {
  /** performance.now() when the kill was sent, when the postmaster was gone, when it was started again, and when a
   * query answered again. */
  downAt: number;
  goneAt: number;
  startAt: number;
  upAt: number;
}

export async function restartPostgres(outage: PostgresOutage, downMs: number): Promise<OutageTimes> {
  const downAt = performance.now();
  await outage.killImmediately();
  const goneAt = performance.now();
  await sleep(Math.max(0, downAt + downMs - goneAt));
  const startAt = performance.now();
  const upAt = await outage.start();
  return { downAt, goneAt, startAt, upAt };
}

export interface Probe {
  start: number;
  end: number;
  status: number;
}

/** GET /api/health every `everyMs` (one at a time) while `running()`. */
export async function probeHealth(port: number, everyMs: number, running: () => boolean, out: Probe[]) {
  while (running()) {
    const start = performance.now();
    const status = await request(port, "GET", "/api/health").then(
      (r) => r.status,
      () => 0,
    );
    out.push({ start, end: performance.now(), status });
    await sleep(Math.max(0, start + everyMs - performance.now()));
  }
}

export interface Recovery {
  /** From `upAt` to the end of the first request sent after it that answered 200 (any, and a write). */
  firstOkMs: number | undefined;
  firstWriteOkMs: number | undefined;
  /**
   * From `upAt` to full recovery: the first 200 or the end of the last failed request or probe, whichever is later.
   * From then on every request and every probe answered 200. Infinity when nothing succeeded after `upAt`.
   */
  fullMs: number;
  /** How long the run went on after that, all successes: recovery is confirmed when at least the window. */
  heldMs: number;
  /** The longest request that was in flight while PostgreSQL was down. */
  slowest: Attempt | undefined;
  /** Failed requests whose failure ended after `upAt`. */
  failuresAfterUp: number;
  /** Health probes during the outage and their statuses. */
  probeStatuses: Map<number, number>;
}

export function recoveryOf(attempts: Attempt[], probes: Probe[], times: OutageTimes, runEnd: number): Recovery {
  const { downAt, upAt } = times;
  // Loops, not Math.min(...list): a run holds more attempts than a call may take arguments.
  let firstOk = Number.POSITIVE_INFINITY;
  let firstWrite = Number.POSITIVE_INFINITY;
  for (const a of attempts) {
    if (a.start < upAt || a.status !== 200) continue;
    firstOk = Math.min(firstOk, a.end);
    if (a.op === "create" || a.op === "update") firstWrite = Math.min(firstWrite, a.end);
  }
  const failures = [...attempts, ...probes].filter((a) => a.status !== 200 && a.end >= downAt);
  const recoveredAt = failures.reduce((latest, a) => Math.max(latest, a.end), firstOk);
  let slowest: Attempt | undefined;
  for (const a of attempts) {
    if (a.start < upAt && a.end > downAt && (!slowest || a.end - a.start > slowest.end - slowest.start)) slowest = a;
  }
  const probeStatuses = new Map<number, number>();
  for (const p of probes) {
    if (p.start >= downAt && p.start < upAt) probeStatuses.set(p.status, (probeStatuses.get(p.status) ?? 0) + 1);
  }
  return {
    firstOkMs: Number.isFinite(firstOk) ? firstOk - upAt : undefined,
    firstWriteOkMs: Number.isFinite(firstWrite) ? firstWrite - upAt : undefined,
    fullMs: recoveredAt - upAt,
    heldMs: Math.max(0, runEnd - recoveredAt),
    slowest,
    failuresAfterUp: failures.filter((a) => a.end > upAt).length,
    probeStatuses,
  };
}
