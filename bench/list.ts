/**
 * `npm run bench:list [-- --concurrency 16 --rounds 3 --seconds 5 --admin-visits 100 --no-build --no-verify]`
 * `[--baseline .next-old] [--only "engine posts.list,engine skipTotal"] [--profile DIR]`
 *
 * Seeds 100k posts into a throwaway embedded PostgreSQL, serves a production build with `next start`, and drives the
 * engine's posts.list (with each kind of total) and the hand-written baseline (server/bench) over HTTP in
 * alternating rounds; then times the admin's posts page as one signed-in admin opens it (admin-page.ts). With
 * `--baseline`, a build of an earlier commit is served beside it on the same database and the two default lists are
 * measured against each other, so "N times faster than that commit" is a ratio of one run. README.md.
 */
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import superjson, { type SuperJSONResult } from "superjson";
import { type EmbeddedServer, makeTempDir, startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { hashPassword } from "../server/auth/password";
import { type Answer, type Fetcher, measureAdminPage, percentile, signIn } from "./admin-page";
import { type RunningNext, startNext } from "./support/next-server";
import { cleanUpOnSignals, runBench } from "./support/signals";

const WARMUP_SECONDS = 3;
/**
 * The baseline's section warms both builds up this long: with 3 s, this build, warm from the main rounds, beat a copy
 * of itself by 5 to 7 %; with 15 s, by 0 to 3 % (A/A runs, docs/decisions/030-list-requests.md).
 */
const BASELINE_WARMUP_SECONDS = 15;

const USAGE =
  "usage: npm run bench:list -- [--concurrency 16] [--rounds 3] [--seconds 5] [--admin-visits 100] [--no-build] [--no-verify] [--baseline DIST_DIR] [--only NAME,NAME] [--profile DIR]";

function readFlags() {
  const { values } = parseArgs({
    options: {
      concurrency: { type: "string", default: "16" },
      rounds: { type: "string", default: "3" },
      seconds: { type: "string", default: "5" },
      "admin-visits": { type: "string", default: "100" },
      "no-build": { type: "boolean", default: false },
      "no-verify": { type: "boolean", default: false },
      baseline: { type: "string" },
      only: { type: "string" },
      profile: { type: "string" },
    },
  });
  const positive = (name: "concurrency" | "rounds" | "seconds" | "admin-visits") => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${values[name]}"`);
    return n;
  };
  const seconds = positive("seconds");
  const [concurrency, rounds] = [Math.round(positive("concurrency")), Math.round(positive("rounds"))];
  const adminVisits = Math.round(positive("admin-visits"));
  // A build directory of this checkout (NEXT_DIST_DIR), made from an earlier commit; see README.md.
  const baseline = values.baseline;
  if (baseline !== undefined && !/^\.next[\w.-]*$/.test(baseline))
    throw new Error(`--baseline takes a build directory of this checkout, like .next-old; got "${baseline}"`);
  const only = values.only?.split(",").map((name) => name.trim());
  const profile = values.profile === undefined ? undefined : path.resolve(values.profile);
  const build = !values["no-build"];
  return { concurrency, rounds, seconds, adminVisits, build, verify: !values["no-verify"], baseline, only, profile };
}
let flags: ReturnType<typeof readFlags>;
try {
  flags = readFlags();
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
const { concurrency, rounds, seconds } = flags;

const say = (message: string) => console.log(`\x1b[36m[bench]\x1b[0m ${message}`);

// Everything started here, torn down in reverse whatever way the run ends.
let tempDir: string | undefined;
let pg: EmbeddedServer | undefined;
/** The build under test, and with --baseline the earlier build beside it. */
const servers: { current?: RunningNext; baseline?: RunningNext } = {};
type Side = keyof typeof servers;
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all([servers.current?.stop(), servers.baseline?.stop()]);
    await pg?.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  })();
  return cleaning;
}

cleanUpOnSignals(cleanup, () => cleaning !== undefined);

/** The admin the admin-page section signs in as; made after the posts, so they are seeded as before it existed. */
const ADMIN = { email: "bench-admin@example.com", password: randomBytes(18).toString("base64url") };

async function seed(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // The bench cluster runs with synchronous_commit off; rows of an unflushed commit cannot be marked all-visible,
    // so VACUUM below would leave the visibility map empty and every COUNT would visit the heap.
    await sql`set synchronous_commit = on`;
    await sql`insert into users (name, email, role, bio)
      select 'Bench Author ' || i, 'bench' || i || '@example.com', 'member', 'Writes benchmark posts.'
      from generate_series(1, 20) i`;
    // Two in three published, one minute apart (distinct publishedAt), authors spread round-robin.
    await sql`with u as (select array_agg(id order by email) ids from users)
      insert into posts (title, slug, body, status, author_id, published_at, created_at, updated_at)
      select 'Bench post #' || i, 'bench-post-' || i, repeat('Benchmark body text. ', 30),
        (case when i % 3 = 0 then 'draft' else 'published' end)::post_status,
        u.ids[1 + i % 20],
        case when i % 3 = 0 then null else now() - i * interval '1 minute' end,
        now() - i * interval '1 minute' - interval '1 hour', now() - i * interval '1 minute'
      from generate_series(1, 100000) i, u`;
    await sql`insert into users (name, email, role, password_hash)
      values ('Bench Admin', ${ADMIN.email}, 'admin', ${await hashPassword(ADMIN.password)})`;
    // VACUUM as well as ANALYZE: autovacuum would otherwise wake mid-run and skew whichever round it lands in.
    await sql`vacuum (analyze) users, posts`;
    const [row] = await sql<{ server_version: string }[]>`show server_version`;
    return row?.server_version ?? "?";
  } finally {
    await sql.end({ timeout: 5 });
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

/** A GET, or with `form` a POST of it, as a same-origin browser page sends it, to the build under test or the baseline. */
const requestTo =
  (side: Side): Fetcher =>
  (urlPath, init = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const port = servers[side]?.port ?? 0;
      const body = init.form?.toString();
      const headers: Record<string, string> = { ...init.headers };
      if (body !== undefined) {
        headers["content-type"] = "application/x-www-form-urlencoded";
        headers.origin = `http://127.0.0.1:${port}`;
      }
      const method = body === undefined ? "GET" : "POST";
      const req = http.request(
        { host: "127.0.0.1", port, path: urlPath, method, headers, agent, timeout: 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString("utf8"),
              cookies: res.headers["set-cookie"] ?? [],
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error("request timed out")));
      req.on("error", reject);
      req.end(body);
    });
const fetchers = { current: requestTo("current"), baseline: requestTo("baseline") };
const request = fetchers.current;
const get = (urlPath: string, side: Side = "current") => fetchers[side](urlPath);
/** The HTTP status, or 0 when the request itself failed (refused, reset, timed out). */
async function statusOf(urlPath: string, side: Side = "current"): Promise<number> {
  return (await get(urlPath, side).catch(() => undefined))?.status ?? 0;
}

const trpcPath = (base: string, input: unknown) =>
  `${base}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
const ENGINE_INPUT = { filter: { status: { eq: "published" } }, sort: ["-publishedAt"], expand: ["author"] };
const restPath = () => {
  const query = new URLSearchParams({
    page: "1",
    perPage: "20",
    filter: JSON.stringify(ENGINE_INPUT.filter),
    sort: ENGINE_INPUT.sort.join(","),
    expand: ENGINE_INPUT.expand.join(","),
  });
  return `/api/v1/posts?${query}`;
};
/** The same list as PocketBase's SDK asks for it: `getList(1, 20, { filter, sort, expand })`. */
const pocketBasePath = () => {
  const query = new URLSearchParams({
    page: "1",
    perPage: "20",
    filter: "status = 'published'",
    sort: "-publishedAt",
    expand: "author",
  });
  return `/api/collections/posts/records?${query}`;
};
const enginePath = (extra: Record<string, unknown> = {}) =>
  trpcPath("/api/trpc/posts.list", { page: 1, perPage: 20, ...ENGINE_INPUT, ...extra });
const ENDPOINTS = [
  // The default: counted up to the cap (10,000), the planner's estimate beyond (docs/decisions/026-list-totals.md).
  { name: "engine posts.list", path: enginePath() },
  { name: "hand-written", path: trpcPath("/api/bench/postsList", { page: 1, perPage: 20 }) },
  // The same list over the REST API (docs/rest.md): plain JSON, same gate and procedure.
  { name: "REST /api/v1/posts", path: restPath() },
  // And over the PocketBase API (docs/pocketbase.md): its filter parsed, then the REST path in process.
  { name: "PocketBase records", path: pocketBasePath() },
  // Every row counted, as every list did before the cap: the "before" of the engine's figure, in the same run.
  { name: 'engine totals:"exact"', path: enginePath({ totals: "exact" }) },
  { name: 'engine "estimate"', path: enginePath({ totals: "estimate" }) },
  { name: "engine skipTotal", path: enginePath({ skipTotal: true }) },
  // The default again, but a query never asked before on every request (a bound on publishedAt that moves, always
  // past every post): counted to the cap and planned every time, where the others after their first request are
  // answered from the estimate memo (server/core/estimate-memo.ts).
  {
    name: "engine default, cold",
    path: () => enginePath({ filter: { ...ENGINE_INPUT.filter, publishedAt: { lte: future() } } }),
  },
] as const satisfies readonly Endpoint[];
type Endpoint = { name: string; path: string | (() => string); side?: Side };
/** The baseline build's default list (--baseline): the same request, answered by the earlier commit. */
const BASELINE = { name: "baseline's default", path: enginePath(), side: "baseline" } satisfies Endpoint;
const pathOf = (endpoint: Endpoint) => (typeof endpoint.path === "string" ? endpoint.path : endpoint.path());
let nextFuture = Date.now() + 365 * 86_400_000;
const future = () => new Date(nextFuture++);

type RawItem = { id?: unknown; authorId?: unknown; expand?: { author?: { id?: unknown } | null } } | null;
/** The items of a tRPC (or, `plain`, a REST) list answer, read defensively: anything unexpected becomes a message. */
function itemsOf(body: string, plain = false): { id: unknown; authorId: unknown; author: unknown }[] | string {
  try {
    const parsed = JSON.parse(body) as { result?: { data?: SuperJSONResult } } | { items?: unknown } | null;
    const envelope = parsed as { result?: { data?: SuperJSONResult } } | null;
    const data = plain
      ? (parsed as { items?: unknown } | null)
      : envelope?.result?.data && superjson.deserialize<{ items?: unknown } | null>(envelope.result.data);
    if (!Array.isArray(data?.items)) return "the body has no result.data.items array";
    return data.items.map((it: RawItem) => ({ id: it?.id, authorId: it?.authorId, author: it?.expand?.author?.id }));
  } catch (error) {
    return `the body is not superjson JSON (${error instanceof Error ? error.message : String(error)})`;
  }
}

type Totals = { totalItems?: unknown; totalEstimated?: unknown };
/** The totals of a tRPC list answer, or a message. */
function totalsOf(body: string): Totals | string {
  try {
    const data = (JSON.parse(body) as { result?: { data?: SuperJSONResult } } | null)?.result?.data;
    return data ? (superjson.deserialize<Totals | null>(data) ?? "no data") : "the body has no result.data";
  } catch (error) {
    return `the body is not superjson JSON (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Each kind of total answers the same rows, and the totals it promises (the hand-written one counts them all). */
function totalsProblems(baseline: string, answers: { name: string; body: string }[]): string[] {
  const problems: string[] = [];
  const counted = totalsOf(baseline);
  const [byDefault, exact, estimate, skipped, cold] = answers.map((a) => totalsOf(a.body));
  const all = typeof counted === "string" ? undefined : counted.totalItems;
  if (typeof all !== "number") return [`hand-written: no totalItems (${JSON.stringify(counted)})`];
  const check = (name: string, got: Totals | string | undefined, ok: (t: Totals) => boolean, want: string) => {
    if (typeof got === "string" || !got || !ok(got))
      problems.push(`${name}: expected ${want}, got ${JSON.stringify(got)}`);
  };
  check(
    "default",
    byDefault,
    (t) => t.totalEstimated === true && Number(t.totalItems) > 10_000,
    "an estimate > 10,000",
  );
  check("exact", exact, (t) => t.totalItems === all && t.totalEstimated === undefined, `exactly ${all}`);
  check("estimate", estimate, (t) => t.totalEstimated === true, "an estimate");
  check("skipTotal", skipped, (t) => t.totalItems === -1, "-1");
  check("cold", cold, (t) => t.totalEstimated === true && Number(t.totalItems) > 10_000, "an estimate > 10,000");
  return problems;
}

async function verify(): Promise<void> {
  const answers = await Promise.all(ENDPOINTS.map((e) => get(pathOf(e))));
  const [engine, baseline, rest, pocketBase] = answers;
  const problems: string[] = [];
  if (engine?.status !== 200) {
    const missing = engine?.status === 404 || engine?.status === 400;
    const hint = missing ? " (is the resource engine's posts.list, with filter/sort/expand, in place yet?)" : "";
    problems.push(`engine answered ${engine?.status}${hint}: ${engine?.body.slice(0, 300)}`);
  }
  if (baseline?.status !== 200)
    problems.push(`hand-written answered ${baseline?.status}: ${baseline?.body.slice(0, 300)}`);
  if (problems.length === 0 && engine && baseline) {
    const a = itemsOf(engine.body);
    const b = itemsOf(baseline.body);
    if (typeof a === "string") problems.push(`engine: ${a}`);
    if (typeof b === "string") problems.push(`hand-written: ${b}`);
    if (typeof a !== "string" && typeof b !== "string") {
      if (a.length !== 20 || b.length !== 20) problems.push(`expected 20 items each, got ${a.length} and ${b.length}`);
      const differ = a.findIndex((item, i) => item.id !== b[i]?.id);
      if (differ >= 0) problems.push(`ids differ from position ${differ}: ${a[differ]?.id} vs ${b[differ]?.id}`);
      // Without the expanded author the engine would skip a query and the comparison would flatter it.
      const unexpanded = a.filter((item) => item.author === undefined || item.author !== item.authorId).length;
      if (unexpanded > 0) problems.push(`engine: ${unexpanded} items lack expand.author matching authorId`);
      const r =
        rest?.status === 200 ? itemsOf(rest.body, true) : `answered ${rest?.status}: ${rest?.body.slice(0, 300)}`;
      if (typeof r === "string") problems.push(`REST: ${r}`);
      else if (JSON.stringify(r) !== JSON.stringify(a)) problems.push("REST: its items differ from the engine's");
      const pb =
        pocketBase?.status === 200
          ? itemsOf(pocketBase.body, true)
          : `answered ${pocketBase?.status}: ${pocketBase?.body.slice(0, 300)}`;
      if (typeof pb === "string") problems.push(`PocketBase: ${pb}`);
      else if (JSON.stringify(pb) !== JSON.stringify(a))
        problems.push("PocketBase: its items differ from the engine's");
      const kinds = answers.slice(4).map((answer, i) => ({ name: ENDPOINTS[i + 4]?.name ?? "?", ...answer }));
      for (const kind of kinds) {
        const items = itemsOf(kind.body);
        if (kind.status !== 200 || JSON.stringify(items) !== JSON.stringify(a))
          problems.push(`${kind.name}: answered ${kind.status}, not the engine's items`);
      }
      problems.push(...totalsProblems(baseline.body, [{ name: "default", body: engine.body }, ...kinds]));
      if (flags.baseline) {
        const earlier = await get(pathOf(BASELINE), "baseline");
        const items = earlier.status === 200 ? itemsOf(earlier.body) : `answered ${earlier.status}`;
        if (typeof items === "string" || JSON.stringify(items) !== JSON.stringify(a))
          problems.push(
            `${flags.baseline}: not the engine's items (${typeof items === "string" ? items : "ids differ"})`,
          );
      }
    }
  }
  if (problems.length > 0) throw new Error(`verification failed (skip with --no-verify):\n  ${problems.join("\n  ")}`);
  say("verified: all answer 200 with the same 20 ids in the same order, authors expanded, each kind of total as asked");
}

type Sample = { latencies: number[]; errors: number; elapsedMs: number };
async function drive(endpoint: Endpoint, durationS: number): Promise<Sample> {
  const sample: Sample = { latencies: [], errors: 0, elapsedMs: 0 };
  const start = performance.now();
  const deadline = start + durationS * 1000;
  const side = endpoint.side ?? "current";
  const client = async () => {
    while (performance.now() < deadline) {
      if (!servers[side]?.alive()) throw new Error(`next start (${side}) died during the run`);
      const t0 = performance.now();
      const status = await statusOf(pathOf(endpoint), side);
      if (status === 200) sample.latencies.push(performance.now() - t0);
      else sample.errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  sample.elapsedMs = performance.now() - start;
  return sample;
}

function summarise(samples: Sample[]) {
  const latencies = samples.flatMap((s) => s.latencies).sort((x, y) => x - y);
  const elapsed = samples.reduce((sum, s) => sum + s.elapsedMs, 0);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
  const errors = samples.reduce((sum, s) => sum + s.errors, 0);
  return { rps: latencies.length / (elapsed / 1000), p50: pct(0.5), p99: pct(0.99), errors };
}

type Summary = ReturnType<typeof summarise>;

/** Warms each endpoint up, then measures them in alternating rounds (A, B, then B, A) so drift lands on all alike. */
async function measure(endpoints: Endpoint[], warmupSeconds = WARMUP_SECONDS): Promise<Map<string, Summary>> {
  for (const endpoint of endpoints) await drive(endpoint, warmupSeconds);
  const samples = new Map<string, Sample[]>(endpoints.map((endpoint) => [endpoint.name, []]));
  for (let round = 1; round <= rounds; round++) {
    // Every other round in reverse (A, B, B, A, ...): no endpoint always follows the same one.
    const order = round % 2 === 1 ? endpoints : [...endpoints].reverse();
    for (const endpoint of order) samples.get(endpoint.name)?.push(await drive(endpoint, seconds));
    say(`round ${round}/${rounds} done`);
  }
  return new Map([...samples].map(([name, taken]) => [name, summarise(taken)]));
}

function table(summaries: Map<string, Summary>) {
  const row = (cells: string[]) =>
    console.log(cells.map((c, i) => (i === 0 ? c.padEnd(22) : c.padStart(9))).join(" | "));
  row(["endpoint", "req/s", "p50 ms", "p99 ms", "errors"]);
  console.log("-".repeat(22 + 4 * 12));
  for (const [name, s] of summaries)
    row([name, s.rps.toFixed(0), s.p50.toFixed(2), s.p99.toFixed(2), String(s.errors)]);
  console.log("");
}

async function main() {
  tempDir = await makeTempDir("atrium-bench-");
  pg = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "pg"), database: "atrium_bench", ephemeral: true });
  await migrateDatabase(pg.url);
  const seededAt = performance.now();
  const pgVersion = await seed(pg.url);
  say(`seeded 20 users and 100,000 posts in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);

  const showErrors = () => cleaning === undefined;
  // The build under test is the checkout's own (NEXT_DIST_DIR if set); --profile writes its CPU profile when it stops.
  servers.current = await startNext({
    databaseUrl: pg.url,
    build: flags.build,
    distDir: process.env.NEXT_DIST_DIR || ".next",
    nodeArgs: flags.profile ? ["--cpu-prof", `--cpu-prof-dir=${flags.profile}`] : [],
    showErrors,
  });
  say(`next start on 127.0.0.1:${servers.current.port}`);
  // Both builds serve the same database; the earlier one answers as that commit did (its own count, its own wire).
  if (flags.baseline) {
    servers.baseline = await startNext({ databaseUrl: pg.url, build: false, distDir: flags.baseline, showErrors });
    say(`next start (${flags.baseline}) on 127.0.0.1:${servers.baseline.port}`);
  }

  if (flags.verify) await verify();

  const measured = ENDPOINTS.filter((endpoint) => !flags.only || flags.only.includes(endpoint.name));
  if (measured.length === 0) throw new Error(`--only names none of: ${ENDPOINTS.map((e) => e.name).join(", ")}`);
  const summaries = await measure(measured);
  // The baseline gets a section of its own, the two default lists alone in alternating rounds: as one endpoint among
  // nine it sat idle for 40 s between its rounds, and a server of this build measured that way against itself came
  // out 16 to 22 % slower than in the main rounds (A/A runs, docs/decisions/030-list-requests.md).
  const paired = flags.baseline ? await measure([ENDPOINTS[0], BASELINE], BASELINE_WARMUP_SECONDS) : undefined;

  const rps = (endpoint: Endpoint, from = summaries) => from.get(endpoint.name)?.rps;
  const [engine, handWritten, rest, pocketBase, exact, , , cold] = ENDPOINTS;
  const cpu = os.cpus()[0]?.model.trim() ?? "?";
  console.log(`\nmachine: ${os.cpus().length} cores (${cpu}), Node ${process.version}, PostgreSQL ${pgVersion}`);
  const durations = `warm-up ${WARMUP_SECONDS} s, then ${rounds} alternating rounds of ${seconds} s`;
  console.log(`load: ${concurrency} concurrent keep-alive clients per endpoint; ${durations} each\n`);
  table(summaries);
  /** A ratio line, printed only when both sides were measured (--only may leave one out). */
  const ratio = (label: string, a: number | undefined, b: number | undefined, target = "") => {
    if (a !== undefined && b !== undefined) console.log(`ratio ${label}: ${(a / b).toFixed(2)}x req/s${target}`);
  };
  ratio("engine/hand-written", rps(engine), rps(handWritten), " (target >= 0.90x)");
  ratio("REST/tRPC", rps(rest), rps(engine), " (target >= 0.90x: at most 10% over the tRPC path)");
  ratio("PocketBase/tRPC", rps(pocketBase), rps(engine), " (target >= 0.90x: at most 10% over the tRPC path)");
  ratio("default totals/every row counted", rps(engine), rps(exact));
  ratio("default totals, cold/every row counted", rps(cold), rps(exact));
  if (paired) {
    console.log(`\nagainst ${flags.baseline} (an earlier commit's build, same database), the two alone:\n`);
    table(paired);
    const target = " (issue 20: >= 2x the engine it was measured on)";
    ratio(`default totals/the baseline's`, rps(engine, paired), rps(BASELINE, paired), target);
  }

  if (!flags.only) await adminPageSection();
}

/** The admin's posts page, server render + first data, one admin visiting again and again on the idle server. */
async function adminPageSection() {
  const cookie = await signIn(request, ADMIN.email, ADMIN.password);
  const times = await measureAdminPage(request, cookie, flags.adminVisits, 5);
  const input = JSON.stringify(times.input);
  const totals = JSON.stringify(times.totals);
  console.log(`\nadmin page: GET /admin/posts, then posts.meta, then posts.list ${input} (answered ${totals})`);
  console.log(`${flags.adminVisits} visits one after another, after 5 not timed\n`);
  const row = (cells: string[]) =>
    console.log(cells.map((c, i) => (i === 0 ? c.padEnd(22) : c.padStart(9))).join(" | "));
  row(["step", "p50 ms", "p95 ms"]);
  console.log("-".repeat(22 + 2 * 12));
  for (const [name, values] of [
    ["server render (HTML)", times.html],
    ["posts.meta", times.meta],
    ["posts.list", times.list],
    ["the whole visit", times.visit],
  ] as const) {
    row([name, percentile(values, 0.5).toFixed(1), percentile(values, 0.95).toFixed(1)]);
  }
  console.log(`\nadmin page p50: ${percentile(times.visit, 0.5).toFixed(1)} ms (target < 150 ms)`);
}

await runBench(
  main,
  async () => {
    agent.destroy();
    await cleanup();
  },
  () => cleaning !== undefined,
);
