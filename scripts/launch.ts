/**
 * `npm run dev`, `npm start`, `npm run db:migrate|db:seed|db:url`, `npm run admin:reset -- --email ...`, `npm run worker`,
 * `npm run db:backup`, `npm run db:restore -- <file>`.
 *
 * Resolves the database (your DATABASE_URL, or an embedded PostgreSQL server with its data in .data/), applies
 * migrations, seeds the demo on an empty database, makes sure of the first admin (ADMIN_EMAIL / ADMIN_PASSWORD), then
 * runs Next with DATABASE_URL set. On Ctrl-C it stops Next first and the embedded server last, so no postgres process
 * outlives it. `admin-reset` (scripts/admin-reset.ts) only resolves the database the same way and runs the reset: no
 * migrations, no seed, no Next.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import nextEnv from "@next/env";
import { createDatabase } from "../db/client";
import { type EmbeddedServer, startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { DEMO_PASSWORD, seedDemoData, setDemoPasswords } from "../db/seed";
import { DEFAULT_ADMIN_PASSWORD, type Env, EnvError, parseEnv } from "../env";
import { describeEnsureAdmin, ensureAdmin } from "../server/auth/admin";
import { hashPassword } from "../server/auth/password";
import { ADMIN_RESET_USAGE, parseAdminResetArgs, reportAdminReset, resetAdmin } from "./admin-reset";
import { devHostArgs } from "./dev-host";
import { acquireDevLock, describeHolder } from "./dev-lock";

type Command = "dev" | "start" | "migrate" | "seed" | "url" | "admin-reset" | "worker" | "backup" | "restore";
const COMMANDS: readonly Command[] = [
  "dev",
  "start",
  "migrate",
  "seed",
  "url",
  "admin-reset",
  "worker",
  "backup",
  "restore",
];

const ROOT = path.resolve(import.meta.dirname, "..");

function say(message: string) {
  console.log(`\x1b[36m[atrium]\x1b[0m ${message}`);
}

/** In development a random AUTH_SECRET is generated once and kept, so sessions survive restarts. */
async function developmentSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return (JSON.parse(await readFile(file, "utf8")) as { AUTH_SECRET: string }).AUTH_SECRET;
  const secret = randomBytes(32).toString("base64url");
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify({ AUTH_SECRET: secret }, null, 2)}\n`, { mode: 0o600 });
  return secret;
}

/** While an embedded server runs, its URL is kept here so `npm run db:url`, psql users and e2e specs can reach it. */
export function serverFile(dataDir: string): string {
  return path.join(dataDir, "server.json");
}

/** The port Next will listen on: `-p`/`--port` among the Next options, else PORT, else Next's default. */
function nextPort(args: string[], fallback: string | undefined): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "-p" || arg === "--port") return args[i + 1] ?? "3000";
    if (arg.startsWith("--port=")) return arg.slice("--port=".length);
  }
  return fallback || "3000";
}

/**
 * Creates or promotes the first admin; in development also gives the demo users their shared password. Returns what
 * the start-up banner should say (development only: production never prints credentials).
 */
async function prepareAccounts(url: string, config: Env, development: boolean): Promise<string[]> {
  const handle = createDatabase(url, { max: 1 });
  try {
    const admin = describeEnsureAdmin(
      config.ADMIN_EMAIL,
      await ensureAdmin(handle.db, config.ADMIN_EMAIL, config.ADMIN_PASSWORD),
    );
    if (admin) say(admin);
    if (!development) return [];
    const demo = await setDemoPasswords(handle.db, await hashPassword(DEMO_PASSWORD), config.ADMIN_EMAIL);
    // A password set through ADMIN_PASSWORD is yours: the banner shows only the published default.
    const password = config.ADMIN_PASSWORD === DEFAULT_ADMIN_PASSWORD ? DEFAULT_ADMIN_PASSWORD : "$ADMIN_PASSWORD";
    const lines = [`as ${config.ADMIN_EMAIL} / ${password} (admin)`];
    if (demo.length > 0) lines.push(`or as ${demo.join(", ")} / ${DEMO_PASSWORD} (demo users)`);
    return lines;
  } finally {
    await handle.close();
  }
}

/** `npm run db:url`: the URL of the database the app uses, without starting anything. */
async function printUrl(dataDir: string, configured: string | undefined) {
  if (configured) return console.log(configured);
  if (!existsSync(serverFile(dataDir))) {
    console.error("The embedded PostgreSQL is not running; start it with `npm run dev`.");
    process.exit(1);
  }
  console.log((JSON.parse(await readFile(serverFile(dataDir), "utf8")) as { url: string }).url);
}

/** A running embedded server's URL (from `npm run dev` in another terminal), if its launcher is still alive. */
async function runningEmbeddedUrl(dataDir: string): Promise<string | undefined> {
  if (!existsSync(serverFile(dataDir))) return undefined;
  const { url, pid } = JSON.parse(await readFile(serverFile(dataDir), "utf8")) as { url: string; pid: number };
  try {
    process.kill(pid, 0);
    return url;
  } catch {
    return undefined;
  }
}

/**
 * `npm run admin:reset -- --email ...`: on your DATABASE_URL, or on the embedded server (the running one if
 * `npm run dev` is up, else started just for this and stopped after). Never creates a database that is not there.
 */
async function adminReset(dataDir: string, configured: string | undefined): Promise<number> {
  const args = parseAdminResetArgs(process.argv.slice(3));
  if ("error" in args) {
    console.error(`${args.error}\n${ADMIN_RESET_USAGE}`);
    return 2;
  }
  let url = configured || (await runningEmbeddedUrl(dataDir));
  let embedded: EmbeddedServer | undefined;
  if (!url) {
    const pgDir = path.join(dataDir, "pg");
    if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
      console.error(`No database: DATABASE_URL is not set and ${pgDir} holds no embedded server.`);
      return 1;
    }
    embedded = await startEmbeddedPostgres({ dataDir: pgDir, database: "atrium" });
    url = embedded.url;
  }
  const handle = createDatabase(url, { max: 1 });
  try {
    return reportAdminReset(await resetAdmin(handle.db, args), say);
  } finally {
    await handle.close();
    await embedded?.stop();
  }
}

/**
 * `npm run worker`: only background jobs (scripts/worker.ts), on your DATABASE_URL or the embedded server that
 * `npm run dev` is running. It migrates nothing: the app it works for has.
 */
async function runWorker(dataDir: string, processEnv: Record<string, string | undefined>) {
  const url = processEnv.DATABASE_URL || (await runningEmbeddedUrl(dataDir));
  if (!url) {
    console.error("No database: set DATABASE_URL, or start `npm run dev` first (the worker uses its embedded server).");
    process.exit(1);
  }
  // server-only modules resolve to nothing, as inside Next (scripts/server-only-hook.mjs says why not by condition).
  const args = ["--import", "./scripts/server-only-hook.mjs", "--import", "tsx", "scripts/worker.ts"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: url },
  });
  const forward = (signal: NodeJS.Signals) => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 0)));
  process.exit(code);
}

/**
 * `npm run db:backup` and `npm run db:restore -- <file> [--dry-run] [--yes]` (scripts/backup-cli.ts): on your
 * DATABASE_URL, or the embedded server (the running one, else started just for this and stopped after), in a child
 * process with the server-only hook (the backup code writes its row through the engine). No migrations, no seed.
 */
async function backupCommand(command: "backup" | "restore", dataDir: string, configured: string | undefined) {
  let url = configured || (await runningEmbeddedUrl(dataDir));
  let embedded: EmbeddedServer | undefined;
  if (!url) {
    const pgDir = path.join(dataDir, "pg");
    if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
      console.error(
        `No database: DATABASE_URL is not set and ${pgDir} holds no embedded server (npm run db:migrate makes one).`,
      );
      return 1;
    }
    embedded = await startEmbeddedPostgres({ dataDir: pgDir, database: "atrium" });
    url = embedded.url;
  }
  try {
    const args = ["--import", "./scripts/server-only-hook.mjs", "--import", "tsx", "scripts/backup-main.ts", command];
    const child = spawn(process.execPath, [...args, ...process.argv.slice(3)], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: url },
    });
    return await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
  } finally {
    await embedded?.stop();
  }
}

async function main() {
  const command = process.argv[2] as Command;
  if (!COMMANDS.includes(command)) {
    console.error(`usage: tsx scripts/launch.ts <${COMMANDS.join("|")}> [next options]`);
    process.exit(2);
  }
  // The launcher composes the environment its children run with, so it is the one place besides env.ts that
  // writes (and reads) process.env.
  const processEnv = process.env as Record<string, string | undefined>;
  // An admin reset on a production server reads the production .env files, like `npm start` there.
  const operatorCommand = command === "admin-reset" || command === "backup" || command === "restore";
  const production = command === "start" || (operatorCommand && processEnv.NODE_ENV === "production");
  processEnv.NODE_ENV ??= production ? "production" : "development";
  // Same .env files, same precedence as Next itself.
  nextEnv.loadEnvConfig(ROOT, !production, { info: () => {}, error: console.error });

  const dataDir = path.resolve(ROOT, processEnv.ATRIUM_DATA_DIR ?? ".data");
  // Needs no secrets: it is what an operator runs when the app itself is of no help.
  if (command === "admin-reset") process.exit(await adminReset(dataDir, processEnv.DATABASE_URL));
  if (!production) processEnv.AUTH_SECRET ??= await developmentSecret(dataDir);
  if (command === "backup" || command === "restore") {
    process.exit(await backupCommand(command, dataDir, processEnv.DATABASE_URL));
  }
  // Check secrets before starting anything, so a misconfigured production start fails in milliseconds.
  let config: Env;
  try {
    config = parseEnv({ ...processEnv, DATABASE_URL: processEnv.DATABASE_URL || "postgres://embedded.invalid/atrium" });
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\x1b[31m[atrium]\x1b[0m ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  if (command === "url") return printUrl(dataDir, processEnv.DATABASE_URL);
  if (command === "worker") return runWorker(dataDir, processEnv);

  // Before anything starts: a second dev server on this build folder would send the first into a reload loop.
  if (command === "dev") {
    const distDir = path.resolve(ROOT, processEnv.NEXT_DIST_DIR || ".next");
    const url = `http://localhost:${nextPort(process.argv.slice(3), processEnv.PORT)}`;
    const lock = await acquireDevLock(distDir, {
      pid: process.pid,
      url,
      dataDir: processEnv.DATABASE_URL ? "DATABASE_URL" : dataDir,
    });
    if ("heldBy" in lock) {
      console.error(`\x1b[31m[atrium]\x1b[0m ${describeHolder(lock.heldBy, distDir)}`);
      process.exit(1);
    }
  }

  let embedded: EmbeddedServer | undefined;
  if (!processEnv.DATABASE_URL) {
    const started = Date.now();
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "pg"),
      database: "atrium",
      log: processEnv.ATRIUM_PG_LOG ? (l) => console.log(`[postgres] ${l}`) : undefined,
    });
    processEnv.DATABASE_URL = embedded.url;
    await writeFile(serverFile(dataDir), `${JSON.stringify({ url: embedded.url, pid: process.pid }, null, 2)}\n`, {
      mode: 0o600,
    });
    const shown = path.relative(ROOT, dataDir) || dataDir;
    say(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${shown}/pg), ready in ${Date.now() - started} ms`);
  }
  const url = processEnv.DATABASE_URL;

  let banner: string[] = [];
  let shuttingDown = false;
  const stopDatabase = async () => {
    if (embedded) {
      await rm(serverFile(dataDir), { force: true });
      await embedded.stop();
      say("embedded PostgreSQL stopped");
    }
  };

  try {
    await migrateDatabase(url);
    say("migrations applied");
    const seedWanted = command === "seed" || command === "dev" || embedded !== undefined || config.SEED_DEMO_DATA;
    if (seedWanted && command !== "migrate") {
      const handle = createDatabase(url, { max: 1 });
      try {
        const seeded = await seedDemoData(handle.db, Date.now(), { uploadsDir: path.join(dataDir, "uploads") });
        say(seeded ? "demo data seeded" : "database already has data; seed skipped");
      } finally {
        await handle.close();
      }
    }
    if (command === "migrate" || command === "seed") {
      await stopDatabase();
      return;
    }
    banner = await prepareAccounts(url, config, command === "dev");
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  if (banner.length > 0) {
    const port = nextPort(process.argv.slice(3), processEnv.PORT);
    say(`sign in at http://localhost:${port}/sign-in ${banner.join("\n         ")}`);
  }

  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const nextArgs = [...process.argv.slice(3), ...devHostArgs(command, process.argv.slice(3), processEnv.HOST)];
  const child = spawn(process.execPath, [nextBin, command, ...nextArgs], {
    stdio: "inherit",
    env: process.env,
  });

  // Ctrl-C reaches Next directly (same process group); we only wait for it to finish, then stop the database.
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    if (child.exitCode === null) child.kill(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);

  const code = await new Promise<number>((resolve) => {
    child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 0 : 1)));
  });
  await stopDatabase();
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error(`\x1b[31m[atrium]\x1b[0m ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
