/**
 * `npm run bench:write [-- --concurrency 8 --rounds 3 --rows 2000]`
 *
 * Creates posts through the engine (validation, rules, server defaults, the slug hook, the audit entry, after-commit
 * announcement: `posts.create` on a tRPC caller acting as a signed-in member) side by side with a plain Drizzle insert
 * of the same rows, on a throwaway embedded PostgreSQL, in alternating rounds. Prints creates/s, p50/p99 and the ratio.
 */
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDatabase } from "../db/client";
import { type EmbeddedServer, makeTempDir, startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { posts, users } from "../db/schema";
import { slugify } from "../db/slug";
import { createCaller } from "../server/router";
import { createContext } from "../server/trpc";

const { values } = parseArgs({
  options: {
    concurrency: { type: "string", default: "8" },
    rounds: { type: "string", default: "3" },
    rows: { type: "string", default: "2000" },
  },
});
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
const rowsPerRound = Number(values.rows);
if (![concurrency, rounds, rowsPerRound].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("usage: npm run bench:write -- [--concurrency 8] [--rounds 3] [--rows 2000]");
  process.exit(2);
}

const say = (message: string) => console.log(`\x1b[36m[bench]\x1b[0m ${message}`);

interface Side {
  name: string;
  create: (i: number) => Promise<unknown>;
  latencies: number[];
  seconds: number;
  rows: number;
}

/** Runs `count` creates over `concurrency` workers, each sending its next create when the previous one returns. */
async function round(side: Side, firstIndex: number, count: number) {
  let next = firstIndex;
  const end = firstIndex + count;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < end) {
        const i = next++;
        const t0 = performance.now();
        await side.create(i);
        side.latencies.push(performance.now() - t0);
      }
    }),
  );
  side.seconds += (performance.now() - started) / 1000;
  side.rows += count;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

let tempDir: string | undefined;
let pg: EmbeddedServer | undefined;
async function cleanup() {
  await pg?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
}
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

try {
  tempDir = await makeTempDir("atrium-bench-write-");
  pg = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "pg"), database: "bench", ephemeral: true });
  await migrateDatabase(pg.url);
  const handle = createDatabase(pg.url, { max: 10 });
  const db = handle.db;
  const [author] = await db.insert(users).values({ name: "Bench Author", email: "bench@example.com" }).returning({
    id: users.id,
    name: users.name,
    email: users.email,
    role: users.role,
    emailVerifiedAt: users.emailVerifiedAt,
  });
  if (!author) throw new Error("no author");
  const [version] = await handle.sql`select current_setting('server_version') as v`;

  const row = (side: string, i: number) => ({
    title: `${side} benchmark post number ${i}`,
    body: `Body of benchmark post ${i}, long enough to be valid.`,
    status: i % 2 === 0 ? ("published" as const) : ("draft" as const),
  });
  const api = createCaller(createContext({ db, actor: { kind: "user", user: author, via: "session" } }));
  const engine: Side = {
    name: "engine posts.create",
    create: (i) => api.posts.create(row("engine", i)),
    latencies: [],
    seconds: 0,
    rows: 0,
  };
  const plain: Side = {
    name: "plain Drizzle insert",
    create: (i) => {
      const r = row("plain", i);
      return db.insert(posts).values({
        ...r,
        slug: slugify(r.title),
        authorId: author.id,
        publishedAt: r.status === "published" ? new Date() : null,
      });
    },
    latencies: [],
    seconds: 0,
    rows: 0,
  };

  say(`warming up (${Math.min(200, rowsPerRound)} rows each)`);
  const warm = Math.min(200, rowsPerRound);
  await round(engine, 1_000_000, warm);
  await round(plain, 1_000_000, warm);
  for (const side of [engine, plain]) Object.assign(side, { latencies: [], seconds: 0, rows: 0 });

  for (let r = 0; r < rounds; r++) {
    // Alternating, so drift (autovacuum, cache warmth, table growth) lands on both sides alike.
    await round(engine, r * rowsPerRound, rowsPerRound);
    await round(plain, r * rowsPerRound, rowsPerRound);
    say(`round ${r + 1}/${rounds} done`);
  }
  const [audit] = await handle.sql`select count(*)::int as n from audit_log`;

  console.log(
    `\nmachine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, PostgreSQL ${version?.v}`,
  );
  console.log(
    `load: ${concurrency} concurrent writers, ${rounds} alternating rounds of ${rowsPerRound} rows per side\n`,
  );
  const header = `${"side".padEnd(22)}| ${"creates/s".padStart(9)} | ${"p50 ms".padStart(8)} | ${"p99 ms".padStart(8)}`;
  console.log(header);
  console.log("-".repeat(header.length));
  const rate = (s: Side) => s.rows / s.seconds;
  for (const side of [engine, plain]) {
    const sorted = [...side.latencies].sort((a, b) => a - b);
    console.log(
      `${side.name.padEnd(22)}| ${rate(side).toFixed(0).padStart(9)} | ${percentile(sorted, 50).toFixed(2).padStart(8)} | ${percentile(sorted, 99).toFixed(2).padStart(8)}`,
    );
  }
  console.log(`\naudit entries written by the engine: ${audit?.n} (one per create, in the same transaction)`);
  console.log(`ratio engine/plain: ${(rate(engine) / rate(plain)).toFixed(2)}x creates/s`);
  await handle.close();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
