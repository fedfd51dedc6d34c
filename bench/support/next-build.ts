/**
 * `next build` for a bench that serves its own production build. Next writes a separate dist dir's types into
 * tsconfig.json (NEXT_DIST_DIR in `env`); a bench must leave the working tree as it found it, so the file is put back.
 */
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { NEXT_BIN, ROOT, spawnWithFdLimit } from "../live/server";

export async function buildNext(env: NodeJS.ProcessEnv): Promise<void> {
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const original = await readFile(tsconfig, "utf8");
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawnWithFdLimit(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, stdio: "inherit", env });
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
    });
  } finally {
    await writeFile(tsconfig, original);
  }
}

/** A bench's `next build` and `next start`: production, into its own dist dir (nobody else's `.next`), no telemetry. */
export function benchBuildEnv(distDir: string) {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: distDir, NODE_ENV: "production" as const };
}

/**
 * What a bench's `next start` adds: its database, throwaway secrets (production refuses to start without its own), the
 * bench-only routes (ATRIUM_BENCH), and limits that let one machine's load through: hundreds of requests a second and
 * thousands of streams from one address are the point of a bench, not an abuse to refuse.
 */
export function benchServerEnv(buildEnv: ReturnType<typeof benchBuildEnv>, databaseUrl: string) {
  return {
    ...buildEnv,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ADMIN_PASSWORD: randomBytes(18).toString("base64url"),
    ATRIUM_BENCH: "1",
    API_RATE_LIMIT_PER_IP: "100000000",
    API_RATE_LIMIT_PER_USER: "100000000",
    LIVE_STREAMS_PER_CLIENT: "100000",
  };
}
