/**
 * `bench:soak --memory`: does the server's memory stay within its configured byte budgets when big events meet live
 * subscribers? It writes N posts with bodies of 64 KiB (by default 10,000) while R subscribers read every event and
 * one more subscriber reads nothing at all (paused after `ready`, its socket open and unread), then compares V8's
 * live memory after a full GC with the baseline plus the budgets the server was configured with. Resolves with the
 * exit code: 1 when the live memory exceeds baseline + budgets + the stated allowance, or a check failed.
 */
import type postgres from "postgres";
import type { Budgets } from "./budgets";
import { BUDGET_NAMES } from "./budgets";
import { checkWrites, postsEventsAfter, waitForDelivery } from "./checks";
import { printDeliveries } from "./live-report";
import { createPost, type MixSetup, runClient } from "./mix";
import { MiB, printChecks, printRow, printTimeline } from "./report";
import { newLedger, Requests, sleep, trpcPath } from "./requests";
import type { ServerLog } from "./server-log";
import { LiveSubscriber } from "./subscriber";
import { type Sample, Timeline } from "./timeline";

export interface MemorySettings {
  posts: number;
  bodyChars: number;
  concurrency: number;
  readers: number;
  sampleSeconds: number;
  allowanceBytes: number;
  budgets: Budgets;
  say: (message: string) => void;
}

export interface MemoryTarget {
  port: number;
  pid: number;
  sql: postgres.Sql;
  setup: MixSetup;
  log: ServerLog;
}

const WARMUP_MS = 5_000;
const DRAIN_MS = 120_000;
/** A paused reader that receives nothing more for this long, once resumed, was still open. */
const PAUSED_QUIET_MS = 3_000;

const mib = (bytes: number | undefined) => (bytes === undefined ? "-" : (bytes / MiB).toFixed(1));
const live = (s: Sample) => s.heapUsed + s.external;

export async function runMemory(target: MemoryTarget, settings: MemorySettings): Promise<number> {
  const { say } = settings;
  const requests = new Requests(target.port);
  const ledger = newLedger();
  const path = trpcPath("posts.onChange", {});
  const timeline = new Timeline(target.port, target.pid, target.sql, () => readers.filter((s) => s.ready).length);
  const readers = Array.from({ length: settings.readers }, () => new LiveSubscriber({ port: target.port, path }));
  const paused = new LiveSubscriber({ port: target.port, path, paused: true });
  try {
    // Warm-up with small posts, so the routes are compiled and the pool open, without big events in any cache.
    say(`warm-up: ${WARMUP_MS / 1000} s of the soak mix with one subscriber`);
    const warmReader = new LiveSubscriber({ port: target.port, path });
    await warmReader.start();
    const warmUntil = performance.now() + WARMUP_MS;
    const small = { ...target.setup, bodyChars: 300 };
    await Promise.all(
      Array.from({ length: settings.concurrency }, (_, i) =>
        runClient(requests, small, i, newLedger(), () => performance.now() < warmUntil),
      ),
    );
    warmReader.close();
    await sleep(1_000);
    const baseline = await timeline.sample();

    say(`opening ${settings.readers} reading subscribers and 1 that never reads`);
    await Promise.all([...readers.map((s) => s.start()), paused.start()]);
    const held = await timeline.sample();

    const chars = settings.bodyChars.toLocaleString("en-US");
    say(
      `writing ${settings.posts.toLocaleString("en-US")} posts of ${chars} characters, ${settings.concurrency} at a time`,
    );
    let next = 0;
    let writing = true;
    const started = performance.now();
    const sampling = timeline.run(settings.sampleSeconds * 1000, () => writing);
    const writer = async (i: number) => {
      const token = target.setup.writers[i % target.setup.writers.length] ?? "";
      for (let k = next++; k < settings.posts; k = next++) {
        await createPost(requests, target.setup, token, `Memory ${target.setup.tag} post ${k}`, ledger);
        if ((k + 1) % 1000 === 0) {
          const rate = (k + 1) / ((performance.now() - started) / 1000);
          say(`${k + 1} written (${rate.toFixed(0)}/s), server RSS ${mib(timeline.samples.at(-1)?.rss)} MiB`);
        }
      }
    };
    await Promise.all(Array.from({ length: settings.concurrency }, (_, i) => writer(i)));
    writing = false;
    await sampling;
    const writeSeconds = (performance.now() - started) / 1000;
    const during = timeline.samples.slice(timeline.samples.indexOf(held) + 1);

    const latest = (await postsEventsAfter(target.sql, 0)).at(-1) ?? 0;
    const drainMs = await waitForDelivery(readers, latest, DRAIN_MS);
    await sleep(1_000);
    const after = await timeline.sample();

    say("resuming the paused subscriber");
    const pausedOutcome = await paused.drainPaused(PAUSED_QUIET_MS);
    for (const s of [...readers, paused]) s.close();
    await sleep(2_000);
    const closed = await timeline.sample();

    const log = await postsEventsAfter(
      target.sql,
      readers.reduce((m, s) => Math.min(m, s.firstReady ?? 0), latest),
    );
    const writes = await checkWrites(target.sql, ledger, target.setup.tag);

    console.log("\n\x1b[1mbench:soak --memory results\x1b[0m");
    printTimeline(
      [held, ...during],
      requests.attempts.filter((a) => a.start >= started),
      held.at,
      new Map(),
    );
    console.log(
      `${writes.acknowledged} of ${settings.posts} posts of ${chars} characters written in ${writeSeconds.toFixed(0)} s ` +
        `(${(writes.acknowledged / writeSeconds).toFixed(0)}/s), ${settings.readers} reading subscribers and 1 paused`,
    );
    const widths = [44, 9, 9, 9, 9, 13];
    console.log("");
    printRow(["server memory", "RSS MiB", "heap MiB", "V8 MiB", "ext MiB", "heap+ext MiB"], widths);
    console.log("-".repeat(108));
    const row = (label: string, s: Sample) =>
      printRow([label, mib(s.rss), mib(s.heapUsed), mib(s.heapTotal), mib(s.external), mib(live(s))], widths);
    row("baseline (after warm-up, GC)", baseline);
    row(`${settings.readers + 1} subscribers open (GC)`, held);
    const peak = during.reduce<Sample | undefined>((p, s) => (!p || live(s) > live(p) ? s : p), undefined);
    const peakRss = during.reduce((m, s) => Math.max(m, s.rss), 0);
    if (peak) row(`largest during the writes (GC every ${settings.sampleSeconds} s)`, peak);
    console.log(`${"RSS at most during the writes".padEnd(44)} | ${mib(peakRss).padStart(9)}`);
    row("after the writes, subscribers open (GC)", after);
    row("after the subscribers closed (GC)", closed);

    const { evaluationCache, inbox, streamBuffer } = settings.budgets;
    const open = settings.readers + 1;
    const perSubscriber = (inbox ?? 0) + (streamBuffer ?? 0);
    const ceiling = live(baseline) + (evaluationCache ?? 0) + open * perSubscriber + settings.allowanceBytes;
    const show = (name: string, value: number | undefined) =>
      `${name} = ${value === undefined ? "not in env.ts (no byte budget)" : `${mib(value)} MiB`}`;
    console.log(
      `\nbudgets: ${show(BUDGET_NAMES.evaluationCache, evaluationCache)}; ${show(BUDGET_NAMES.inbox, inbox)} ` +
        `and ${show(BUDGET_NAMES.streamBuffer, streamBuffer)} per subscriber`,
    );
    console.log(
      `ceiling: baseline ${mib(live(baseline))} + cache ${mib(evaluationCache ?? 0)} + ${open} subscribers × ${mib(perSubscriber)} ` +
        `+ allowance ${mib(settings.allowanceBytes)} = ${mib(ceiling)} MiB; after the writes: ${mib(live(after))} MiB ` +
        `(${mib(live(after) - live(baseline))} above the baseline); after closing: ${mib(live(closed) - live(baseline))} above`,
    );
    console.log(
      `paused subscriber: ${pausedOutcome.ended ? "its stream had been ended by the server" : "its stream was STILL OPEN"}; ` +
        `it read ${pausedOutcome.events} events once resumed`,
    );
    const delivered = printDeliveries(readers, log, drainMs, "the reading ones, all anonymous");
    console.log(`server log: ${target.log.lines} lines, ${target.log.uncaught} uncaught exceptions`);
    for (const line of target.log.summary()) console.log(`  ${line}`);

    return printChecks([
      [`live heap + buffers after the writes within the ceiling (${mib(ceiling)} MiB)`, live(after) <= ceiling],
      ["the server ended the stream of the subscriber that never read", pausedOutcome.ended],
      ["every reading subscriber got every event once, in order", delivered.lost + delivered.wrong === 0],
      ["every post written, once", writes.acknowledged === settings.posts && writes.writtenTwice === 0],
      ["no uncaught exception in the server", target.log.uncaught === 0],
    ]);
  } finally {
    for (const s of [...readers, paused]) s.close();
  }
}
