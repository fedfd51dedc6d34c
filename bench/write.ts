/**
 * `npm run bench:write [-- --writers 8 --rounds 3 --rows 2000 --seconds 5 --no-http --no-build]`
 *
 * Creates through the engine side by side with a plain Drizzle insert of the same rows, on a throwaway embedded
 * PostgreSQL, in alternating rounds (in process, tRPC callers):
 *   - posts.create as a signed-in member: validation, rules, server defaults, the demo's slug hook (a read), the
 *     audit entry and the live event; against a plain insert of a post, on the app's pool and on a pool sending
 *     statements as stock postgres.js does (two round trips each, decision 031);
 *   - the same with live events switched off (bench only): what the event log costs a write; and with the slug
 *     hook's read inside a transaction, as before decision 032;
 *   - tags.create: a resource without before-hooks, audit entry and live event; against a plain insert of a tag,
 *     and the same three rows hand-written as one statement (the floor under any engine create);
 *   - both creates again on the path they took before one-statement creates (docs/decisions/027-write-path.md),
 *     with their statement sent unprepared, and on the stock pool (decision 031);
 *   - the plain insert of a tag as the body of tags.create's tRPC procedure (its middleware and input parser): the
 *     ceiling of any engine create served as a procedure, against the plain insert; and the same with the procedure
 *     layers it had before decision 033 (three middlewares, zod's parseAsync);
 *   - posts.create hand-written as a procedure (a transaction, the demo's slug query, the insert; no rules, audit or
 *     event): the ceiling for the engine's posts.create with its slug hook.
 * Then, unless --no-http, the HTTP column: posts.create over POST /api/trpc on `next start` (a production build in
 * .next-bench; --no-build reuses it), `writers` keep-alive clients with a member's API token (bench/write-http.ts).
 * With `--baseline .next-REV --baseline-rev REV`, an earlier commit's build is served beside it, on a database REV's
 * own migrations made, warmed up as long, and driven in alternating rounds: the HTTP line of issue 20 against the
 * engine it was measured on, on whatever machine runs the bench (bench/README.md shows how to build one). The
 * hand-written posts.create is driven over HTTP too (/api/bench, same server and token): the HTTP ceiling.
 * Prints creates/s, p50/p99 and the ratios issue 20 asks for. `--writers 32` is the lock check: live events must cost
 * at most 15 % there too.
 */
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { z } from "zod";
import { createDatabase } from "../db/client";
import { type EmbeddedServer, makeTempDir, startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { posts, tags, users } from "../db/schema";
import { slugify } from "../db/slug";
import { baselineRouter } from "../server/bench/baseline-router";
import { fieldLabels, wordedInput, wordInputError } from "../server/core/input-errors";
import { buildInputs } from "../server/core/inputs";
import { oneStatementCreates, preparedCreates, shapeWithoutTransaction } from "../server/core/one-statement-create";
import { liveEventLogging } from "../server/core/realtime/log";
import { settleLiveEvents } from "../server/core/realtime/sequencer";
import type { CreateInput } from "../server/core/resource";
import { resources } from "../server/resources";
import { createCaller } from "../server/router";
import { createCallerFactory, createContext, publicProcedure, router } from "../server/trpc";
import { baselineDatabase, REVISION } from "./support/baseline-db";
import { createUserWithToken, type RunningNext, startNext } from "./support/next-server";
import { cleanUpOnSignals, runBench } from "./support/signals";
import { type HttpCreatesResult, runHttpCreates } from "./write-http";

/** What issue 20 measured over HTTP on this class of machine before (and Payload 3 beside it): creates/s. */
const HTTP_BEFORE = 262;

const { values } = parseArgs({
  options: {
    writers: { type: "string" },
    concurrency: { type: "string" },
    rounds: { type: "string", default: "4" },
    rows: { type: "string", default: "2000" },
    seconds: { type: "string", default: "5" },
    "no-http": { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    baseline: { type: "string" },
    "baseline-rev": { type: "string" },
  },
});
const writers = Number(values.writers ?? values.concurrency ?? "8");
const rounds = Number(values.rounds);
const rowsPerRound = Number(values.rows);
const seconds = Number(values.seconds);
if (![writers, rounds, rowsPerRound].every((n) => Number.isInteger(n) && n > 0) || !(seconds > 0)) {
  console.error(
    "usage: npm run bench:write -- [--writers 8] [--rounds 4] [--rows 2000] [--seconds 5] [--no-http] [--no-build] [--baseline .next-REV --baseline-rev REV]",
  );
  process.exit(2);
}

// --baseline DIR --baseline-rev REV: an earlier commit's build (in DIR of this checkout, like .next-c4ad11f), served
// beside this one for the HTTP column on a database its own migrations made (support/baseline-db.ts).
if ((values.baseline === undefined) !== (values["baseline-rev"] === undefined)) {
  console.error("--baseline DIR and --baseline-rev REV go together: the build, and the commit it was built from");
  process.exit(2);
}
if (values.baseline !== undefined && !/^\.next[\w.-]*$/.test(values.baseline)) {
  console.error(`--baseline takes a build directory of this checkout, like .next-old; got "${values.baseline}"`);
  process.exit(2);
}
if (values["baseline-rev"] !== undefined && !REVISION.test(values["baseline-rev"])) {
  console.error(`--baseline-rev takes a commit's hex id; got "${values["baseline-rev"]}"`);
  process.exit(2);
}
const baseline =
  values.baseline !== undefined && values["baseline-rev"] !== undefined
    ? { dir: values.baseline, rev: values["baseline-rev"] }
    : undefined;
/** How long each server is driven before the counted HTTP rounds when there is a baseline. */
const BASELINE_WARMUP_SECONDS = 10;

interface HttpServer {
  url: string;
  token: string;
  /** The tRPC endpoint and mutation driven (default /api/trpc's posts.create). */
  endpoint?: string;
  procedure?: string;
  results: HttpCreatesResult[];
}
interface HttpFigures {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** All rounds' creates over all rounds' time; the median round's latencies. */
function figuresOf(results: HttpCreatesResult[]): HttpFigures {
  const total = results.reduce((a, b) => a + b.creates, 0);
  const time = results.reduce((a, b) => a + b.seconds, 0);
  const median = (pick: (x: HttpCreatesResult) => number) =>
    [...results.map(pick)].sort((a, b) => a - b)[Math.floor(results.length / 2)] ?? 0;
  return {
    perSecond: total / time,
    p50: median((x) => x.p50),
    p99: median((x) => x.p99),
    errors: results.reduce((a, b) => a + b.errors, 0),
  };
}

const say = (message: string) => console.log(`\x1b[36m[bench]\x1b[0m ${message}`);

interface Side {
  name: string;
  create: (i: number) => Promise<unknown>;
  before?: () => void;
  after?: () => void;
  latencies: number[];
  seconds: number;
  rows: number;
}

function side(name: string, create: Side["create"], hooks: Pick<Side, "before" | "after"> = {}): Side {
  return { name, create, ...hooks, latencies: [], seconds: 0, rows: 0 };
}

/** A side's hooks that turn a bench-only engine switch off for its rounds and back on after them. */
function switchedOff(flag: { enabled: boolean }): Pick<Side, "before" | "after"> {
  return {
    before: () => {
      flag.enabled = false;
    },
    after: () => {
      flag.enabled = true;
    },
  };
}

/** Runs `count` creates over `writers` loops, each sending its next create when the previous one returns. */
async function round(s: Side, firstIndex: number, count: number) {
  let next = firstIndex;
  const end = firstIndex + count;
  s.before?.();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < end) {
        const i = next++;
        const t0 = performance.now();
        await s.create(i);
        s.latencies.push(performance.now() - t0);
      }
    }),
  );
  s.seconds += (performance.now() - started) / 1000;
  s.rows += count;
  s.after?.();
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const rate = (s: Side) => s.rows / s.seconds;

function table(rows: [string, number, number, number][]) {
  const header = `${"side".padEnd(34)}| ${"creates/s".padStart(9)} | ${"p50 ms".padStart(8)} | ${"p99 ms".padStart(8)}`;
  console.log(header);
  console.log("-".repeat(header.length));
  for (const [name, perSecond, p50, p99] of rows) {
    console.log(
      `${name.padEnd(34)}| ${perSecond.toFixed(0).padStart(9)} | ${p50.toFixed(2).padStart(8)} | ${p99.toFixed(2).padStart(8)}`,
    );
  }
}

let tempDir: string | undefined;
let pg: EmbeddedServer | undefined;
let next: RunningNext | undefined;
let earlier: RunningNext | undefined;
let cleaning = false;
async function cleanup() {
  cleaning = true;
  liveEventLogging.enabled = true;
  oneStatementCreates.enabled = true;
  preparedCreates.enabled = true;
  shapeWithoutTransaction.enabled = true;
  await Promise.all([next?.stop(), earlier?.stop()]);
  await pg?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
}
cleanUpOnSignals(cleanup, () => cleaning);

await runBench(
  async () => {
    tempDir = await makeTempDir("atrium-bench-write-");
    pg = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "pg"), database: "bench", ephemeral: true });
    await migrateDatabase(pg.url);
    const handle = createDatabase(pg.url, { max: 10 });
    const db = handle.db;
    // The same pool as postgres.js sends statements unpatched (two round trips each, decision 031): the plain insert a
    // Drizzle app on stock postgres.js gets, printed beside the one on the app's pool.
    const stock = createDatabase(pg.url, { max: 10 });
    Object.assign(stock.sql.options, { infer_parameter_types: false });
    const [author] = await db
      .insert(users)
      .values({ name: "Bench Author", email: "bench@example.com", emailVerifiedAt: new Date() })
      .returning({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        emailVerifiedAt: users.emailVerifiedAt,
      });
    if (!author) throw new Error("no author");
    const [version] = await handle.sql`select current_setting('server_version') as v`;

    const post = (label: string, i: number) => ({
      title: `${label} benchmark post number ${i}`,
      body: `Body of benchmark post ${i}, long enough to be valid.`,
      status: i % 2 === 0 ? ("published" as const) : ("draft" as const),
    });
    /** A post inserted as a plain Drizzle insert would, with what the slug hook and the rules would have filled in. */
    const plainPost = (database: typeof db, r: ReturnType<typeof post>) =>
      database.insert(posts).values({
        ...r,
        slug: slugify(r.title),
        authorId: author.id,
        publishedAt: r.status === "published" ? new Date() : null,
      });
    // The path creates took before one-statement creates (an INSERT, then a statement for its records): the
    // "before" of docs/decisions/027-write-path.md, measured in the same run.
    const previousPath = switchedOff(oneStatementCreates);
    const member = createCaller(createContext({ db, actor: { kind: "user", user: author, via: "session" } }));
    const systemContext = createContext({ db, actor: { kind: "system", reason: "bench:write" } });
    const system = createCaller(systemContext);
    // The engine on the stock pool: decision 031's before and after in one run.
    const memberStock = createCaller(
      createContext({ db: stock.db, actor: { kind: "user", user: author, via: "session" } }),
    );
    const systemStock = createCaller(createContext({ db: stock.db, actor: { kind: "system", reason: "bench:write" } }));
    // tags.create's procedure as the resource router builds it (its middleware, the generated input schema worded
    // for the resource) around the plain insert: the ceiling of any engine create served as a procedure, since
    // it pays the call and the insert and nothing of the engine's (rules, audit, events).
    const labels = fieldLabels(resources.tags);
    const inProcedure = createCallerFactory(
      router({
        create: publicProcedure
          // Typed and worded as the resource router does it (its schemas are built generically).
          .input(
            wordedInput<CreateInput<typeof resources.tags>>(
              buildInputs(resources.tags, resources).create,
              labels,
              false,
            ),
          )
          .mutation(({ input }) => db.insert(tags).values(input)),
        // The same call with the levels it had before decision 033: the net and the caller check as two middlewares
        // (the second copying the context for every mutation), the input-error wording as a third around tRPC's input
        // middleware, and zod's schema handed to tRPC, which calls its parseAsync.
        createBefore033: publicProcedure
          .use(({ ctx, next }) => next({ ctx: { db: ctx.db } }))
          .use(async ({ next }) => wordInputError(await next(), labels, false))
          .input(
            buildInputs(resources.tags, resources).create as unknown as z.ZodType<CreateInput<typeof resources.tags>>,
          )
          .mutation(({ input }) => db.insert(tags).values(input)),
      }),
    )(systemContext);
    // posts.create written by hand the way a create-t3-app procedure would be (server/bench/baseline-router.ts): what
    // the slug hook's query and the transaction cost on their own, the ceiling for the engine's posts.create. The same
    // procedure is served over HTTP at /api/bench for the HTTP column's yardstick.
    const handWritten = createCallerFactory(baselineRouter)(
      createContext({ db, actor: { kind: "user", user: author, via: "session" } }),
    );
    const sides = {
      posts: side("engine posts.create", (i) => member.posts.create(post("engine", i))),
      postsPlain: side("plain insert of a post", (i) => plainPost(db, post("plain", i))),
      postsPlainStock: side("plain insert of a post, stock pool", (i) => plainPost(stock.db, post("stock", i))),
      postsHandWritten: side("hand-written posts.create procedure", (i) => handWritten.postsCreate(post("hand", i))),
      postsQuiet: side(
        "engine posts.create, no live events",
        (i) => member.posts.create(post("quiet", i)),
        switchedOff(liveEventLogging),
      ),
      // Decision 032's before: the slug hook's read inside a transaction (BEGIN, the read, the statement and COMMIT).
      postsShapedInTransaction: side(
        "engine posts.create, slug read in a transaction",
        (i) => member.posts.create(post("in-transaction", i)),
        switchedOff(shapeWithoutTransaction),
      ),
      postsUnprepared: side(
        "engine posts.create, unprepared",
        (i) => member.posts.create(post("unprepared", i)),
        switchedOff(preparedCreates),
      ),
      // Stock: neither half of decision 031 (statements described first, the create's statement unprepared).
      postsStock: side(
        "engine posts.create, stock pool",
        (i) => memberStock.posts.create(post("stock-engine", i)),
        switchedOff(preparedCreates),
      ),
      postsBefore: side("engine posts.create, before", (i) => member.posts.create(post("before", i)), previousPath),
      tags: side("engine tags.create (no hooks)", (i) =>
        system.tags.create({ name: `Engine tag ${i}`, slug: `engine-tag-${i}` }),
      ),
      tagsUnprepared: side(
        "engine tags.create, unprepared",
        (i) => system.tags.create({ name: `Unprepared tag ${i}`, slug: `unprepared-tag-${i}` }),
        switchedOff(preparedCreates),
      ),
      tagsStock: side(
        "engine tags.create, stock pool",
        (i) => systemStock.tags.create({ name: `Stock tag ${i}`, slug: `stock-tag-${i}` }),
        switchedOff(preparedCreates),
      ),
      tagsBefore: side(
        "engine tags.create, before",
        (i) => system.tags.create({ name: `Before tag ${i}`, slug: `before-tag-${i}` }),
        previousPath,
      ),
      tagsPlain: side("plain insert of a tag", (i) =>
        db.insert(tags).values({ name: `Plain tag ${i}`, slug: `plain-tag-${i}` }),
      ),
      tagsInProcedure: side("plain tag insert in a procedure", (i) =>
        inProcedure.create({ name: `Procedure tag ${i}`, slug: `procedure-tag-${i}` }),
      ),
      tagsInProcedureBefore: side("same, procedure layers before 033", (i) =>
        inProcedure.createBefore033({ name: `Layered tag ${i}`, slug: `layered-tag-${i}` }),
      ),
      // What the engine writes for a create (the row, its audit entry, its live event), hand-written as one
      // statement: the floor under any engine create, whatever the engine does in Node.
      tagsSameRows: side("plain tag + audit + event, 1 stmt", (i) => {
        const name = `Same-rows tag ${i}`;
        const slug = `same-rows-tag-${i}`;
        return handle.sql`
          with created as (insert into tags (name, slug) values (${name}, ${slug}) returning *),
          audit as (
            insert into audit_log (actor_kind, actor_label, operation, resource, record_id, after)
            select 'system', 'bench:write', 'create', 'tags', c.id::text,
              jsonb_build_object('id', c.id, 'name', c.name, 'slug', c.slug, 'createdAt', c.created_at)
            from created c
          ),
          event as (insert into live_events_queue (resource, record_id, operation) select 'tags', c.id::text, 'create' from created c)
          select * from created`;
      }),
    };
    // Sides that are compared run close together (the engine's posts.create with and without live events side by
    // side, first), and every other round runs the list backwards, so over two rounds both sides of a pair take
    // mirrored positions: drift within a round (autovacuum woken by the sides before, cache warmth, table growth) lands
    // on both alike. Before, posts.create always ran first and its twin without live events four sides later.
    const order = [
      sides.posts,
      sides.postsQuiet,
      sides.postsPlain,
      sides.postsPlainStock,
      sides.postsHandWritten,
      sides.postsShapedInTransaction,
      sides.postsUnprepared,
      sides.postsStock,
      sides.postsBefore,
      sides.tags,
      sides.tagsPlain,
      sides.tagsSameRows,
      sides.tagsUnprepared,
      sides.tagsStock,
      sides.tagsBefore,
      sides.tagsInProcedure,
      sides.tagsInProcedureBefore,
    ];

    const warm = Math.min(200, rowsPerRound);
    say(`warming up (${warm} rows each)`);
    for (const s of order) await round(s, 1_000_000, warm);
    for (const s of order) Object.assign(s, { latencies: [], seconds: 0, rows: 0 });
    for (let r = 0; r < rounds; r++) {
      for (const s of r % 2 === 0 ? order : [...order].reverse()) await round(s, r * rowsPerRound, rowsPerRound);
      say(`round ${r + 1}/${rounds} done`);
    }
    await settleLiveEvents(db);
    const [counts] = await handle.sql<{ audit: number; events: number; unnumbered: number }[]>`
      select (select count(*)::int from audit_log) as audit, (select count(*)::int from live_events) as events,
        (select count(*)::int from live_events_queue) as unnumbered`;

    let http: HttpFigures | undefined;
    let httpHandWritten: HttpFigures | undefined;
    let httpBaseline: HttpFigures | undefined;
    if (!values["no-http"]) {
      say(values["no-build"] ? "starting next (reusing .next-bench)" : "building and starting next (.next-bench)");
      next = await startNext({ databaseUrl: pg.url, build: !values["no-build"], showErrors: () => !cleaning });
      const token = (await createUserWithToken(pg.url, { role: "member", scope: "write" })).token;
      const servers: HttpServer[] = [
        { url: next.url, token, results: [] },
        // The hand-written posts.create on the same server, through the same route handler code and context (token
        // lookup included): what Next, tRPC and the two statements cost, the ceiling of the engine's HTTP creates.
        { url: next.url, token, endpoint: "/api/bench", procedure: "postsCreate", results: [] },
      ];
      if (baseline) {
        say(
          `serving ${baseline.dir} (${baseline.rev}) beside it, on a database migrated by ${baseline.rev}'s migrations`,
        );
        const url = await baselineDatabase(pg, "bench_baseline", baseline.rev, tempDir);
        earlier = await startNext({
          databaseUrl: url,
          build: false,
          distDir: baseline.dir,
          showErrors: () => !cleaning,
        });
        servers.push({
          url: earlier.url,
          token: (await createUserWithToken(url, { role: "member", scope: "write" })).token,
          results: [],
        });
        // Both warm for as long before any round counts: a server warm from other rounds beats a cold one.
        for (const server of servers) {
          await runHttpCreates({ ...server, writers, seconds: BASELINE_WARMUP_SECONDS, make: (i) => post("warm", i) });
        }
      }
      for (let r = 0; r < rounds; r++) {
        // Alternating which goes first, so drift lands on both alike.
        for (const server of r % 2 === 0 ? servers : [...servers].reverse()) {
          server.results.push(await runHttpCreates({ ...server, writers, seconds, make: (i) => post(`http${r}`, i) }));
        }
        say(`HTTP round ${r + 1}/${rounds} done`);
      }
      http = figuresOf(servers[0]?.results ?? []);
      httpHandWritten = figuresOf(servers[1]?.results ?? []);
      if (servers[2]) httpBaseline = figuresOf(servers[2].results);
    }

    console.log(
      `\nmachine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, PostgreSQL ${version?.v}, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    console.log(`load: ${writers} concurrent writers, ${rounds} alternating rounds of ${rowsPerRound} rows per side\n`);
    table(
      order.map((s) => {
        const sorted = [...s.latencies].sort((a, b) => a - b);
        return [s.name, rate(s), percentile(sorted, 50), percentile(sorted, 99)];
      }),
    );
    if (http) table([[`HTTP posts.create (${writers} keep-alive)`, http.perSecond, http.p50, http.p99]]);
    if (httpHandWritten) {
      table([["HTTP hand-written posts.create", httpHandWritten.perSecond, httpHandWritten.p50, httpHandWritten.p99]]);
    }
    if (httpBaseline && baseline) {
      table([
        [`HTTP posts.create, ${baseline.rev.slice(0, 7)}`, httpBaseline.perSecond, httpBaseline.p50, httpBaseline.p99],
      ]);
    }
    console.log(
      `\naudit entries: ${counts?.audit}, live events: ${counts?.events} (unnumbered after settling: ${counts?.unnumbered})`,
    );
    console.log(`ratio posts engine/plain:              ${(rate(sides.posts) / rate(sides.postsPlain)).toFixed(2)}x`);
    console.log(
      `ratio posts engine/plain, stock pool:  ${(rate(sides.posts) / rate(sides.postsPlainStock)).toFixed(2)}x`,
    );
    console.log(`ratio tags engine/plain (no hooks):    ${(rate(sides.tags) / rate(sides.tagsPlain)).toFixed(2)}x`);
    console.log(
      `posts prepared/unprepared (031):       ${(rate(sides.posts) / rate(sides.postsUnprepared)).toFixed(2)}x`,
    );
    console.log(
      `posts slug read on the pool/in a tx (032): ${(rate(sides.posts) / rate(sides.postsShapedInTransaction)).toFixed(2)}x`,
    );
    console.log(
      `tags prepared/unprepared (031):        ${(rate(sides.tags) / rate(sides.tagsUnprepared)).toFixed(2)}x`,
    );
    console.log(`posts now/stock (031, both halves):    ${(rate(sides.posts) / rate(sides.postsStock)).toFixed(2)}x`);
    console.log(`tags now/stock (031, both halves):     ${(rate(sides.tags) / rate(sides.tagsStock)).toFixed(2)}x`);
    console.log(`posts now/before (one statement):      ${(rate(sides.posts) / rate(sides.postsBefore)).toFixed(2)}x`);
    console.log(`tags now/before (one statement):       ${(rate(sides.tags) / rate(sides.tagsBefore)).toFixed(2)}x`);
    console.log(
      `ratio same rows by hand/plain (tags):  ${(rate(sides.tagsSameRows) / rate(sides.tagsPlain)).toFixed(2)}x`,
    );
    console.log(
      `ceiling: hand-written posts procedure/plain: ${(rate(sides.postsHandWritten) / rate(sides.postsPlain)).toFixed(2)}x`,
    );
    console.log(
      `ratio posts engine/hand-written:       ${(rate(sides.posts) / rate(sides.postsHandWritten)).toFixed(2)}x`,
    );
    console.log(
      `ceiling: plain insert in a procedure/plain: ${(rate(sides.tagsInProcedure) / rate(sides.tagsPlain)).toFixed(2)}x`,
    );
    console.log(
      `procedure call now/before 033 (tags): ${(rate(sides.tagsInProcedure) / rate(sides.tagsInProcedureBefore)).toFixed(2)}x`,
    );
    console.log(
      `live event log cost (posts):          ${((1 - rate(sides.posts) / rate(sides.postsQuiet)) * 100).toFixed(1)} %`,
    );
    if (http) {
      console.log(
        `HTTP creates/s vs ${HTTP_BEFORE}/s before:         ${(http.perSecond / HTTP_BEFORE).toFixed(2)}x (${http.errors} errors)`,
      );
    }
    if (http && httpHandWritten) {
      console.log(
        `HTTP engine/hand-written posts.create: ${(http.perSecond / httpHandWritten.perSecond).toFixed(2)}x (${httpHandWritten.errors} errors there)`,
      );
    }
    if (http && httpBaseline && baseline) {
      console.log(
        `HTTP creates/s vs ${baseline.rev.slice(0, 7)}'s build:   ${(http.perSecond / httpBaseline.perSecond).toFixed(2)}x (${httpBaseline.errors} errors there; issue 20: >= 1.5x)`,
      );
    }
    await Promise.all([handle.close(), stock.close()]);
  },
  cleanup,
  () => cleaning,
);
