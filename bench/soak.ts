/**
 * `npm run bench:soak [-- --seconds 90 --concurrency 8 --subscribers 20 --restart --restart-at 22 --down 5]`
 * `npm run bench:soak -- --memory [--posts 10000 --body-bytes 65536 --subscribers 8]`
 *
 * A production build (`next start`) on its own throwaway PostgreSQL under a fixed mix of lists, gets, creates and
 * updates at fixed concurrency, with live subscribers, for a set time: req/s, errors by status, p50/p99, the server's
 * memory over time, every live event checked against the log; optionally PostgreSQL killed and restarted mid-run
 * (time to recovery, events lost). `--memory` writes 10,000 posts of 64 KiB past open subscribers and compares the
 * live heap with the configured budgets. Tears everything down however the run ends. See README.md.
 */
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type EmbeddedServer, freePort, makeTempDir, startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { benchConnection, seedPeople } from "./live/seed";
import { closeAgent, NextServer, request } from "./live/server";
import { budgetsOf } from "./soak/budgets";
import { runMemory } from "./soak/memory";
import { runSoak } from "./soak/run";
import { ServerLog } from "./soak/server-log";
import { closeSubscriberAgent } from "./soak/subscriber";
import { measureServer } from "./soak/timeline";
import { cleanUpOnEscape, flagsOrExit, say } from "./support/cli";
import { benchBuildEnv, benchServerEnv, buildNext } from "./support/next-build";
import { PostgresOutage } from "./support/postgres-outage";
import { cleanUpOnSignals, runBench } from "./support/signals";

const USAGE = `usage: npm run bench:soak -- [--seconds 90] [--warmup 10] [--concurrency 8] [--subscribers 20]
         [--restart [--restart-at S] [--down 5]] [--sample-seconds N] [--no-build] [--server-log FILE]
       npm run bench:soak -- --memory [--posts 10000] [--body-bytes 65536] [--subscribers 8] [--allowance-mib 32]`;
const DIST_DIR = ".next-bench-soak";
const PEOPLE = { members: 20, editors: 2 };

function readFlags() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "90" },
      warmup: { type: "string", default: "10" },
      concurrency: { type: "string", default: "8" },
      subscribers: { type: "string" },
      "sample-seconds": { type: "string" },
      restart: { type: "boolean", default: false },
      "restart-at": { type: "string" },
      down: { type: "string", default: "5" },
      memory: { type: "boolean", default: false },
      posts: { type: "string", default: "10000" },
      "body-bytes": { type: "string", default: "65536" },
      "allowance-mib": { type: "string", default: "32" },
      "no-build": { type: "boolean", default: false },
      "server-log": { type: "string" },
    },
  });
  const number = (name: string, text: string | undefined, min: number) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number >= ${min}, got "${text}"`);
    return n;
  };
  const seconds = number("seconds", values.seconds, 5);
  const restart = values.restart || values["restart-at"] !== undefined;
  const restartAt = number("restart-at", values["restart-at"] ?? String(Math.max(3, Math.floor(seconds / 4))), 1);
  const down = number("down", values.down, 0);
  if (restart && restartAt + down + 5 > seconds) {
    throw new Error(
      `--seconds must leave at least 5 s after PostgreSQL is back: ${restartAt} + ${down} + 5 > ${seconds}`,
    );
  }
  const sampleDefault = String(Math.min(10, Math.max(2, Math.round(seconds / 10))));
  return {
    seconds,
    warmup: number("warmup", values.warmup, 0),
    concurrency: Math.round(number("concurrency", values.concurrency, 1)),
    subscribers: Math.round(number("subscribers", values.subscribers ?? (values.memory ? "8" : "20"), 0)),
    sampleSeconds: number("sample-seconds", values["sample-seconds"] ?? sampleDefault, 1),
    restart: restart ? { atSeconds: restartAt, downSeconds: down } : undefined,
    memory: values.memory,
    posts: Math.round(number("posts", values.posts, 1)),
    bodyBytes: Math.round(number("body-bytes", values["body-bytes"], 10)),
    allowanceMiB: number("allowance-mib", values["allowance-mib"], 0),
    build: !values["no-build"],
    serverLog: values["server-log"],
  };
}
const flags = flagsOrExit(readFlags, USAGE);

// Everything started here, torn down in reverse whatever way the run ends.
let tempDir: string | undefined;
let pg: EmbeddedServer | undefined;
let outage: PostgresOutage | undefined;
let server: NextServer | undefined;
let sql: ReturnType<typeof benchConnection> | undefined;
const log = new ServerLog(flags.serverLog);
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await server?.stop();
    closeAgent();
    closeSubscriberAgent();
    await sql?.end({ timeout: 5 }).catch(() => {});
    await outage?.stop();
    await pg?.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    await log.close();
  })();
  return cleaning;
}

cleanUpOnSignals(cleanup, () => cleaning !== undefined);
cleanUpOnEscape(cleanup, () => cleaning !== undefined);

/**
 * The longest body a post may have, as the server's own `posts.meta` says (the field's `maxLength` rule), so that a
 * bigger --body-bytes is cut to it, and said.
 */
async function bodyChars(port: number, wanted: number): Promise<number> {
  const res = await request(port, "GET", "/api/trpc/posts.meta");
  type Meta = { result?: { data?: { json?: { fields?: { name: string; rules?: { maxLength?: number } }[] } } } };
  const fields = (JSON.parse(res.body) as Meta).result?.data?.json?.fields ?? [];
  const max = fields.find((f) => f.name === "body")?.rules?.maxLength ?? wanted;
  if (wanted > max) say(`--body-bytes ${wanted} is over the posts body limit (${max} characters): using ${max}`);
  else say(`posts bodies of ${wanted} characters (the limit is ${max})`);
  return Math.min(wanted, max);
}

async function main(): Promise<number> {
  tempDir = await makeTempDir("atrium-bench-soak-");
  const dataDir = path.join(tempDir, "pg");
  pg = await startEmbeddedPostgres({ dataDir, database: "atrium_bench", ephemeral: true });
  await migrateDatabase(pg.url);
  const people = await seedPeople(pg.url, PEOPLE);
  sql = benchConnection(pg.url);
  // The throwaway cluster runs with synchronous_commit off, under which a commit acknowledged just before a crash can
  // vanish in it. A soak that kills PostgreSQL checks that acknowledged writes survive, so the app's database commits
  // synchronously (fsync stays off: a killed server leaves its writes with the OS, which does not crash here).
  await sql`alter database atrium_bench set synchronous_commit = on`;
  const postIds = (await sql<{ id: string }[]>`select id::text from posts`).map((r) => r.id);
  const authorIds = (
    await sql<{ id: string }[]>`select id::text from users where email like 'live-member-%' order by email`
  ).map((r) => r.id);
  outage = new PostgresOutage(dataDir, pg.url);
  say(`seeded ${PEOPLE.members} members, ${PEOPLE.editors} editors (one API token each) and 1,000 posts`);

  const env = benchBuildEnv(DIST_DIR);
  if (flags.build) {
    say(`next build into ${DIST_DIR}/`);
    await buildNext(env);
  }
  const serverEnv = benchServerEnv(env, pg.url);
  const port = await freePort();
  server = new NextServer(
    port,
    serverEnv,
    () => true,
    (text) => log.feed(text),
  );
  await server.start().catch((error: unknown) => {
    console.error(log.tail);
    throw error;
  });
  const pid = (await measureServer(port))?.pid;
  if (pid === undefined) throw new Error(`/api/bench/soak/memory does not answer: is the ${DIST_DIR} build stale?`);
  say(`next start on 127.0.0.1:${port} (pid ${pid})`);

  const tag = randomBytes(3).toString("hex");
  const setup = {
    writers: people.members,
    authorIds,
    postIds,
    tag,
    bodyChars: flags.memory ? await bodyChars(port, flags.bodyBytes) : 300,
  };
  const cpu = os.cpus()[0]?.model.trim() ?? "?";
  const machine = `machine: ${os.cpus().length} cores (${cpu}), Node ${process.version}, PostgreSQL ${people.pgVersion}`;
  const target = { port, pid, sql, setup, log };
  if (flags.memory) {
    const code = await runMemory(target, {
      posts: flags.posts,
      bodyChars: setup.bodyChars,
      concurrency: flags.concurrency,
      readers: flags.subscribers,
      sampleSeconds: flags.sampleSeconds,
      allowanceBytes: flags.allowanceMiB * 1024 * 1024,
      budgets: budgetsOf(serverEnv),
      say,
    });
    console.log(machine);
    return code;
  }
  const code = await runSoak(
    { ...target, outage, editors: people.editors },
    {
      seconds: flags.seconds,
      warmupSeconds: flags.warmup,
      concurrency: flags.concurrency,
      subscribers: flags.subscribers,
      sampleSeconds: flags.sampleSeconds,
      restart: flags.restart,
      say,
    },
  );
  console.log(
    `${machine}\nload: ${flags.concurrency} clients back to back (per 10 requests: 3 lists, 1 list by author, 3 gets, ` +
      `2 creates, 1 retitle), ${flags.subscribers} live subscribers; ${flags.warmup} s warm-up, ${flags.seconds} s measured` +
      (flags.restart ? `; PostgreSQL killed at ${flags.restart.atSeconds} s for ${flags.restart.downSeconds} s` : ""),
  );
  return code;
}

await runBench(main, cleanup, () => cleaning !== undefined);
