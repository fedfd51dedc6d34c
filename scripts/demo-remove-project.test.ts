/**
 * `npm run demo:remove` end to end, on throwaway copies of this checkout: it refuses without a way back, and with
 * `--yes` leaves an app that type-checks, migrates from one fresh migration, serves its API and starts. The squash
 * it does is checked on its own: without removing anything, the fresh migration builds the same database as the
 * history it replaces (tables, indexes, constraints, functions, triggers, seeded rows).
 */
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "@/db/embedded";
import { withDatabase } from "@/db/testing/urls";
import { demoManifest, demoMarkers, stripComments } from "./demo-manifest";
import { squashMigrations } from "./demo-remove/squash";
import { bin, copyProject, type ProjectCopy } from "./project-copy";

/** Migrates the copy's database and calls its API in-process: what is left works, and the demo's routers are gone. */
const SMOKE = `import { sql } from "drizzle-orm";
import { createDatabase } from "./db/client";
import { migrateDatabase } from "./db/migrate";
import { users } from "./db/schema";
import { seedDemoData } from "./db/seed";
import { settleLiveEvents } from "./server/core/realtime/sequencer";
import { appRouter } from "./server/router";
import { callers } from "./server/testing";

const url = process.env.DATABASE_URL ?? "";
await migrateDatabase(url);
const handle = createDatabase(url, { max: 2 });
await seedDemoData(handle.db);
const [ada] = await handle.db
  .select({ id: users.id, name: users.name, email: users.email, role: users.role, emailVerifiedAt: users.emailVerifiedAt })
  .from(users)
  .where(sql\`\${users.role} = 'admin'\`);
if (!ada) throw new Error("the seed wrote no admin");
const api = callers(handle.db).as(ada);
const list = await api.users.list({ sort: ["name"] });
const [first] = list.items;
if (!first) throw new Error("no users");
await api.users.update({ id: first.id, data: { bio: "Changed through the engine." } });
const history = await api.users.history({ id: first.id });
// The live-events sequencer (a hand-written function carried over by the squash) numbers committed events.
await settleLiveEvents(handle.db);
const events = await handle.db.execute(sql\`select count(*)::int as n from live_events where seq is not null\`);
const routers = [...new Set(Object.keys(appRouter._def.procedures).map((p) => p.split(".")[0]))].sort();
console.log(JSON.stringify({ users: list.totalItems, history: history.totalItems, events: events[0]?.n, routers }));
await handle.close();
`;

async function treeHash(dir: string): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (rel: string) => {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      if (entry.name === "node_modules") continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else hash.update(`${child}\0`).update(await readFile(path.join(dir, child)));
    }
  };
  await walk("");
  return hash.digest("hex");
}

async function codeFiles(dir: string, rel = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".next")) out.push(...(await codeFiles(dir, child)));
    } else if (/\.(?:ts|tsx|mjs)$/.test(entry.name)) out.push(child);
  }
  return out;
}

async function migrateFrom(url: string, migrationsFolder: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Everything about a database's schema that migrations decide, plus the rows they insert. */
async function catalog(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ line: string }[]>`
      select 'column ' || table_name || '.' || column_name || ' ' || udt_name || ' ' || is_nullable || ' ' ||
             coalesce(column_default, '') || ' ' || coalesce(character_maximum_length::text, '') || ' ' ||
             coalesce(numeric_precision::text, '') || ',' || coalesce(numeric_scale::text, '') as line
        from information_schema.columns where table_schema = 'public'
      union all select 'index ' || indexdef from pg_indexes where schemaname = 'public'
      union all select 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
        from pg_constraint where connamespace = 'public'::regnamespace
      union all select 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' order by e.enumsortorder)
        from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname
      union all select 'function ' || pg_get_functiondef(p.oid)
        from pg_proc p where p.pronamespace = 'public'::regnamespace
      union all select 'trigger ' || pg_get_triggerdef(oid) from pg_trigger where not tgisinternal
      union all select 'sequence ' || sequence_name from information_schema.sequences where sequence_schema = 'public'`;
    const tables = await sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public'`;
    const counts = await Promise.all(
      tables.map(async ({ name }) => {
        const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(name)}`;
        return `rows ${name} ${row?.n}`;
      }),
    );
    return [...rows.map((r) => r.line), ...counts].sort();
  } finally {
    await sql.end({ timeout: 5 });
  }
}

describe("npm run demo:remove on a copy of the project", () => {
  let admin: postgres.Sql;
  const copies: ProjectCopy[] = [];
  const databases: string[] = [];

  async function database(name: string): Promise<string> {
    const db = `${name}_${process.pid}`;
    await admin.unsafe(`create database "${db}"`);
    databases.push(db);
    return withDatabase(inject("testAdminUrl"), db);
  }

  beforeAll(() => {
    admin = postgres(inject("testAdminUrl"), { max: 1, onnotice: () => {} });
  });

  afterAll(async () => {
    for (const db of databases) await admin.unsafe(`drop database if exists "${db}" with (force)`);
    await admin.end({ timeout: 5 });
    for (const copy of copies) await copy.remove();
  });

  it("squashes the migrations without losing anything drizzle-kit cannot generate", async () => {
    const copy = await copyProject("atrium-squash-");
    copies.push(copy);
    const history = await database("squash_history");
    const squashed = await database("squash_fresh");
    await migrateFrom(history, path.join(copy.dir, "db/migrations"));
    const result = await squashMigrations(copy.dir, []);
    expect(result.migration).toBe("db/migrations/0000_init.sql");
    expect(result.carried.length).toBeGreaterThan(0);
    await migrateFrom(squashed, path.join(copy.dir, "db/migrations"));
    expect(await catalog(squashed)).toEqual(await catalog(history));
  }, 120_000);

  it("refuses without --yes outside git, then removes the demo and leaves an app that checks, migrates, serves and starts", async () => {
    const copy = await copyProject("atrium-demo-remove-", "hardlink");
    copies.push(copy);
    const tsx = bin(copy, "tsx");

    const before = await treeHash(copy.dir);
    const refused = await copy.run(tsx, ["scripts/demo-remove.ts"]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("not a git checkout");
    expect(await treeHash(copy.dir)).toBe(before);

    const removed = await copy.run(tsx, ["scripts/demo-remove.ts", "--yes"]);
    expect(removed.code, removed.output).toBe(0);
    expect(removed.output).toContain("migrations replaced by db/migrations/0000_init.sql");
    expect((await readdir(path.join(copy.dir, "db/migrations"))).filter((f) => f.endsWith(".sql"))).toEqual([
      "0000_init.sql",
    ]);
    const leftovers: string[] = [];
    for (const file of await codeFiles(copy.dir)) {
      const code = stripComments(await readFile(path.join(copy.dir, file), "utf8"));
      const hits = demoMarkers().flatMap((m) => code.match(m)?.[0] ?? []);
      if (hits.length > 0 && !demoManifest.keep.some((k) => k.file === file)) leftovers.push(`${file}: ${hits}`);
    }
    expect(leftovers).toEqual([]);
    const schema = await readFile(path.join(copy.dir, "db/migrations/0000_init.sql"), "utf8");
    for (const name of demoManifest.sqlNames) expect(schema).not.toContain(`"${name}"`);

    const typecheck = await copy.run(bin(copy, "tsc"), ["--noEmit", "--incremental", "false"]);
    expect(typecheck.output).toBe("");

    await writeFile(path.join(copy.dir, "demo-smoke.ts"), SMOKE);
    const smoke = await copy.run(tsx, ["--conditions=react-server", "demo-smoke.ts"], {
      DATABASE_URL: await database("demo_removed"),
    });
    expect(smoke.code, smoke.output).toBe(0);
    const report = JSON.parse(smoke.output.trim().split("\n").at(-1) ?? "{}");
    expect(report).toMatchObject({ users: 3, history: 1, events: 1 });
    expect(report.routers).toContain("users");
    for (const demo of demoManifest.resources) expect(report.routers).not.toContain(demo);

    // Start it: the launcher migrates, seeds and runs next dev; the home, sign-in and health pages answer.
    const port = await freePort();
    const started = await startDevServer(copy, port, await database("demo_started"));
    try {
      const home = await fetch(`http://localhost:${port}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain("Sign in");
      expect((await fetch(`http://localhost:${port}/sign-in`)).status).toBe(200);
    } finally {
      await started.stop();
    }
    // A bound on a hang: tsc, migrations and `next build` of a copy took over 300 s under a full `npm test` on 2 cores.
  }, 600_000);
});

/** `tsx scripts/launch.ts dev` on the copy, on its own database and port; resolves once /api/health answers. */
async function startDevServer(copy: ProjectCopy, port: number, databaseUrl: string) {
  const { spawn } = await import("node:child_process");
  const child = spawn(bin(copy, "tsx"), ["scripts/launch.ts", "dev"], {
    cwd: copy.dir,
    env: { ...process.env, NODE_ENV: "development", PORT: String(port), DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const group = -child.pid;
    process.kill(group, "SIGINT");
    await new Promise((resolve) => child.once("exit", resolve));
    // Next's own server process may outlive the launcher by a moment: wait until the whole group is gone.
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(group, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    process.kill(group, "SIGKILL");
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited:\n${output}`);
    const ok = await fetch(`http://localhost:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`the app did not answer within 120 s:\n${output}`);
}
