/**
 * One soak: live subscribers open, the fixed mix at fixed concurrency through a warm-up and the measured window, the
 * server sampled over time, /api/health probed, PostgreSQL optionally restarted mid-run; then the deliveries and
 * writes checked against the database and everything printed. Resolves with the exit code (1: a check failed).
 */
import type postgres from "postgres";
import type { PostgresOutage } from "../support/postgres-outage";
import { checkWrites, postsEventsAfter, waitForDelivery } from "./checks";
import { printDeliveries } from "./live-report";
import { type MixSetup, preflight, runClient } from "./mix";
import { type OutageTimes, type Probe, probeHealth, restartPostgres } from "./outage";
import { printOutage } from "./outage-report";
import { printChecks, printRequests, printTimeline, printTrends } from "./report";
import { newLedger, Requests, sleep, trpcPath } from "./requests";
import type { ServerLog } from "./server-log";
import { LiveSubscriber } from "./subscriber";
import { measureServer, Timeline } from "./timeline";

export interface SoakSettings {
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
  subscribers: number;
  sampleSeconds: number;
  /** Kill PostgreSQL this many seconds into the measured window and keep it down for `downSeconds`. */
  restart: { atSeconds: number; downSeconds: number } | undefined;
  say: (message: string) => void;
}

export interface SoakTarget {
  port: number;
  /** The process that serves requests (its /proc is read). */
  pid: number;
  sql: postgres.Sql;
  outage: PostgresOutage | undefined;
  setup: MixSetup;
  /** `Bearer atr_...` read tokens of editors; every fourth subscriber is one, the rest are anonymous. */
  editors: string[];
  log: ServerLog;
}

const OPEN_WITHIN_MS = 60_000;
const DRAIN_MS = 30_000;
const HEALTH_EVERY_MS = 250;
/** Longest a request may take while PostgreSQL is down before it counts as hanging (the client gives up at 30 s). */
export const HANG_BOUND_MS = 10_000;
/** Recovery must come this soon after PostgreSQL accepts connections, and then hold this long (issue 13). */
export const RECOVERY_BOUND_MS = 5_000;

export async function runSoak(target: SoakTarget, settings: SoakSettings): Promise<number> {
  const { say } = settings;
  const requests = new Requests(target.port);
  const ledger = newLedger();
  const problems = await preflight(requests, target.setup, newLedger());
  if (problems.length > 0) throw new Error(`the mix does not run against this server:\n  ${problems.join("\n  ")}`);

  const path = trpcPath("posts.onChange", {});
  const subs = Array.from({ length: settings.subscribers }, (_, i) => {
    const authorization = i % 4 === 3 ? target.editors[i % target.editors.length] : undefined;
    return new LiveSubscriber({ port: target.port, path, ...(authorization ? { authorization } : {}) });
  });
  try {
    say(`opening ${subs.length} live subscribers`);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`not every subscriber was ready within ${OPEN_WITHIN_MS / 1000} s`)),
        OPEN_WITHIN_MS,
      );
    });
    await Promise.race([Promise.all(subs.map((s) => s.start())), late]).finally(() => clearTimeout(timer));

    const started = performance.now();
    const origin = started + settings.warmupSeconds * 1000;
    const end = origin + settings.seconds * 1000;
    const running = () => performance.now() < end;
    say(`${settings.concurrency} clients: ${settings.warmupSeconds} s warm-up, then ${settings.seconds} s measured`);
    const clients = Promise.all(
      Array.from({ length: settings.concurrency }, (_, i) => runClient(requests, target.setup, i, ledger, running)),
    );
    await sleep(origin - performance.now());

    const timeline = new Timeline(target.port, target.pid, target.sql, () => subs.filter((s) => s.ready).length);
    // A GC first, so the first RSS is not the warm-up's garbage (every later one follows the previous sample's GC).
    await measureServer(target.port);
    await timeline.sample();
    const probes: Probe[] = [];
    const health = probeHealth(target.port, HEALTH_EVERY_MS, running, probes);
    const sampling = timeline.run(settings.sampleSeconds * 1000, running);
    let outage: Promise<OutageTimes> | undefined;
    if (settings.restart && target.outage) {
      const { atSeconds, downSeconds } = settings.restart;
      const db = target.outage;
      outage = sleep(origin + atSeconds * 1000 - performance.now()).then(() => {
        say(`killing PostgreSQL (SIGQUIT, as pg_ctl stop -m immediate) for ${downSeconds} s`);
        return restartPostgres(db, downSeconds * 1000);
      });
      // A failure to start it again surfaces where `outage` is awaited, with the run's own error handling.
      void outage.then(
        (t) => say(`PostgreSQL accepting connections again after ${((t.upAt - t.downAt) / 1000).toFixed(1)} s`),
        () => {},
      );
    }
    await Promise.all([clients, health, sampling]);
    const times = await outage;
    const runEnd = performance.now();

    // Stragglers: every subscriber should hold the newest event within seconds of the last write.
    const latest = (await postsEventsAfter(target.sql, 0)).at(-1) ?? 0;
    const drainMs = await waitForDelivery(subs, latest, DRAIN_MS);
    await timeline.sample();

    const measured = requests.attempts.filter((a) => a.start >= origin);
    const firstReady = subs.reduce((m, s) => Math.min(m, s.firstReady ?? 0), latest);
    const log = await postsEventsAfter(target.sql, firstReady);
    const writes = await checkWrites(target.sql, ledger, target.setup.tag);

    console.log("\n\x1b[1mbench:soak results\x1b[0m");
    printRequests(measured, settings.seconds);
    const marks = new Map<number, string>();
    if (times) {
      marks.set(times.downAt, "PostgreSQL killed");
      marks.set(times.upAt, "PostgreSQL accepting connections again");
    }
    printTimeline(timeline.samples, measured, origin, marks);
    printTrends(timeline.samples.slice(0, -1));
    const recovery = times ? printOutage(measured, probes, times, runEnd, origin, subs) : undefined;
    if (!times) {
      const bad = probes.filter((p) => p.status !== 200).length;
      console.log(`\n/api/health: ${probes.length} probes, ${bad} not 200`);
    }

    const editors = subs.filter((_, i) => i % 4 === 3).length;
    const live = printDeliveries(subs, log, drainMs, `${editors} editors, the rest anonymous`);
    console.log(
      `writes: ${writes.acknowledged} creates acknowledged (${ledger.createsGivenUp.length} given up, ${writes.givenUpButCommitted} of those committed), ` +
        `${ledger.updated} retitles acknowledged (${ledger.updatesGivenUp} given up) with ${writes.updateEntries} audit entries; ` +
        `missing ${writes.missing}, without exactly one audit entry ${writes.auditOff}, written twice ${writes.writtenTwice}`,
    );
    if (ledger.refused.length > 0) console.log(`refused writes: ${ledger.refused.slice(0, 3).join("; ")}`);
    console.log(`server log: ${target.log.lines} lines, ${target.log.uncaught} uncaught exceptions`);
    for (const line of target.log.summary()) console.log(`  ${line}`);

    const checks: [string, boolean][] = [
      ["no live event lost", live.lost === 0],
      ["no live event twice, none out of order, none the log lacks", live.wrong === 0],
      ["every reconnect resumed from its last id", live.notResumed === 0],
      ["every acknowledged create stored, with one audit entry", writes.missing === 0 && writes.auditOff === 0],
      ["no post written twice", writes.writtenTwice === 0],
      ["no uncaught exception in the server", target.log.uncaught === 0],
      ["no 500 answer", measured.every((a) => a.status !== 500)],
    ];
    if (recovery) {
      const slowest = recovery.slowest ? recovery.slowest.end - recovery.slowest.start : 0;
      checks.push(
        [`every request answered within ${HANG_BOUND_MS / 1000} s while PostgreSQL was down`, slowest <= HANG_BOUND_MS],
        ["every failure during the outage was a 503 with Retry-After", recovery.only503WithRetryAfter],
        [
          `full recovery within ${RECOVERY_BOUND_MS / 1000} s of PostgreSQL accepting connections, held ${RECOVERY_BOUND_MS / 1000} s`,
          recovery.fullMs <= RECOVERY_BOUND_MS && recovery.heldMs >= RECOVERY_BOUND_MS,
        ],
      );
    } else checks.push(["every request answered 200", measured.every((a) => a.status === 200)]);
    return printChecks(checks);
  } finally {
    for (const s of subs) s.close();
  }
}
