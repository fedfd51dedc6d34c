/**
 * `npm run bench:live [-- --subscribers 1000,10000 --rate 10 --seconds 15 --processes 2 --no-build --no-baseline]`
 *
 * Holds N concurrent SSE subscribers of `posts.onChange` on one `next start` while posts are written at a steady
 * rate through /api/trpc, and prints delivery latency, events/s, misses and server memory per connection, side by
 * side with a hand-written fan-out (server/bench/live-hub.ts) at the same N and rate. Brings its own throwaway
 * PostgreSQL and server and tears both down however the run ends. See README.md.
 */
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import superjson from "superjson";
import { type EmbeddedServer, freePort, makeTempDir, startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { type PhaseResult, runPhase, type SideSpec } from "./live/phase";
import { openFilesLimit } from "./live/proc";
import { ANONYMOUS, EDITOR, type SubscriberSpec } from "./live/protocol";
import { printTable } from "./live/report";
import { benchConnection, seedPeople } from "./live/seed";
import { closeAgent, DIST_DIR, NextServer } from "./live/server";
import { baselineWriter, engineWriter } from "./live/writes";
import { benchBuildEnv, benchServerEnv, buildNext } from "./support/next-build";
import { cleanUpOnSignals, runBench } from "./support/signals";

const USAGE =
  "usage: npm run bench:live -- [--subscribers 1000,10000] [--rate 10] [--seconds 15] [--processes 2] [--no-build] [--no-baseline]";
/** Who subscribes, per 100 streams: 90 anonymous, 9 members (their own token), 1 editor (read-only token). */
const MIX = { anonymous: 90, members: 9, editors: 1 };
const PEOPLE = { members: 20, editors: 2 };
/** Connection attempts in flight per subscriber process while opening. */
const OPEN_CONCURRENCY = 50;
/** onChange streams end after 5 minutes (LIVE_SSE.maxDurationMs); a phase must stay well inside that. */
const MAX_SECONDS = 200;

function readFlags() {
  const { values } = parseArgs({
    options: {
      subscribers: { type: "string", default: "1000,10000" },
      rate: { type: "string", default: "10" },
      seconds: { type: "string", default: "15" },
      processes: { type: "string", default: "2" },
      "no-build": { type: "boolean", default: false },
      "no-baseline": { type: "boolean", default: false },
    },
  });
  const positive = (name: string, text: string | undefined) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${text}"`);
    return n;
  };
  const counts = (values.subscribers ?? "").split(",").map((s) => Math.round(positive("subscribers", s.trim())));
  const seconds = positive("seconds", values.seconds);
  if (seconds > MAX_SECONDS) throw new Error(`--seconds must be at most ${MAX_SECONDS}: streams end after 5 minutes`);
  return {
    counts,
    rate: positive("rate", values.rate),
    seconds,
    processes: Math.round(positive("processes", values.processes)),
    build: !values["no-build"],
    baseline: !values["no-baseline"],
  };
}
let flags: ReturnType<typeof readFlags>;
try {
  flags = readFlags();
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}

const say = (message: string) => console.log(`\x1b[36m[bench]\x1b[0m ${message}`);

// Everything started here, torn down in reverse whatever way the run ends.
let tempDir: string | undefined;
let pg: EmbeddedServer | undefined;
let server: NextServer | undefined;
let sql: ReturnType<typeof benchConnection> | undefined;
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await server?.stop();
    closeAgent();
    await sql?.end({ timeout: 5 }).catch(() => {});
    await pg?.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  })();
  return cleaning;
}

cleanUpOnSignals(cleanup, () => cleaning !== undefined);

// Whatever escapes (a stray rejection in a callback) still tears the server and PostgreSQL down.
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error: unknown) => {
    if (!cleaning) console.error(`\x1b[31m[bench]\x1b[0m ${error instanceof Error ? error.stack : String(error)}`);
    void cleanup().finally(() => process.exit(1));
  });
}

/** The engine's subscribers in the documented mix; members and editors spread evenly over the people. */
function engineSubscribers(n: number, people: { members: string[]; editors: string[] }): SubscriberSpec[] {
  let member = 0;
  let editor = 0;
  return Array.from({ length: n }, (_, i) => {
    const slot = i % 100;
    if (slot < MIX.anonymous) return { reader: ANONYMOUS };
    if (slot < MIX.anonymous + MIX.members) {
      const m = member++ % people.members.length;
      return { reader: m, authorization: people.members[m] };
    }
    const e = editor++ % people.editors.length;
    return { reader: EDITOR, authorization: people.editors[e] };
  });
}

async function main() {
  tempDir = await makeTempDir("atrium-bench-live-");
  pg = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "pg"), database: "atrium_bench", ephemeral: true });
  await migrateDatabase(pg.url);
  const people = await seedPeople(pg.url, PEOPLE);
  sql = benchConnection(pg.url);
  say(`seeded ${PEOPLE.members} members, ${PEOPLE.editors} editors (one API token each) and 1,000 posts`);

  const env = benchBuildEnv(DIST_DIR);
  if (flags.build) {
    say(`next build into ${DIST_DIR}/`);
    await buildNext(env);
  }
  const port = await freePort();
  server = new NextServer(port, benchServerEnv(env, pg.url), () => cleaning !== undefined);

  const engine: SideSpec = {
    name: "engine",
    path: `/api/trpc/posts.onChange?input=${encodeURIComponent(JSON.stringify(superjson.serialize({})))}`,
    subscribers: (n) => engineSubscribers(n, people),
    writer: (tag) => engineWriter(port, people.members, tag),
  };
  const openSql = sql;
  const baseline: SideSpec = {
    name: "baseline",
    path: "/api/bench/live",
    subscribers: (n) => Array.from({ length: n }, () => ({ reader: ANONYMOUS })),
    writer: (tag) => baselineWriter(openSql, tag),
  };
  const sides = flags.baseline ? [engine, baseline] : [engine];
  const settings = {
    rate: flags.rate,
    seconds: flags.seconds,
    processes: flags.processes,
    concurrency: OPEN_CONCURRENCY,
    say,
  };

  const tables: [number, PhaseResult[]][] = [];
  for (const n of flags.counts) {
    const results: PhaseResult[] = [];
    for (const side of sides) results.push(await runPhase(server, openSql, side, n, settings));
    tables.push([n, results]);
    printTable(n, results);
  }

  const cpu = os.cpus()[0]?.model.trim() ?? "?";
  const fdLimit = tables[0]?.[1][0]?.fdLimit ?? "?";
  console.log(`\n\x1b[1mbench:live results\x1b[0m`);
  console.log(
    `machine: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${people.pgVersion}`,
  );
  console.log(
    `open files (soft/hard): next-server ${fdLimit}, subscriber processes ${tables[0]?.[1][0]?.workers[0]?.fdLimit ?? "?"}, this process ${openFilesLimit("self")}`,
  );
  console.log(
    `load: ${flags.rate} writes/s for ${flags.seconds} s per phase (k%4: 0,1 publish, 2 retitle a published post, 3 draft); ` +
      `engine subscribers per 100: ${MIX.anonymous} anonymous, ${MIX.members} members (${PEOPLE.members} users, own token), ${MIX.editors} editor (${PEOPLE.editors} users, read token); baseline: all anonymous, every write to everyone`,
  );
  console.log(
    `where: one next start on 127.0.0.1 (fresh per phase), embedded PostgreSQL, and ${flags.processes} subscriber processes, all on this machine`,
  );
  console.log(
    "latency: from just before the write is sent (engine: the HTTP POST of posts.create/update; baseline: the pg_notify query) to the subscriber's read of the event, over every (subscriber, write) pair",
  );
  for (const [n, results] of tables) printTable(n, results);
  const engine1000 = tables.find(([n]) => n === 1000)?.[1].find((r) => r.side === "engine");
  const p99 = engine1000?.latency.percentile(99, engine1000.missing);
  const held = tables.find(([n]) => n === 10000)?.[1].find((r) => r.side === "engine");
  console.log("");
  if (p99 !== undefined) {
    const figure = Number.isFinite(p99) ? `${p99.toFixed(1)} ms` : "not reached (over 1 % never arrived)";
    console.log(`target p99 < 100 ms at 1,000 subscribers (engine): ${figure}`);
  }
  if (held) {
    const open = held.workers.reduce((total, w) => total + w.open, 0);
    console.log(`target 10,000 connections held on one instance (engine): ${open.toLocaleString("en-US")} held`);
  }
}

await runBench(main, cleanup, () => cleaning !== undefined);
