/**
 * Test support for the scripts that rewrite the project (gen:resource, demo:remove): a throwaway copy of this
 * checkout in the system temp directory, with node_modules linked rather than copied, so a test can run a script on
 * it, type-check it and start it without leaving a file in the real tree.
 */
import { spawn } from "node:child_process";
import { cp, link, mkdir, readdir, readlink, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { makeTempDir } from "../db/embedded";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..");

/** Top-level entries that are build output, data or tooling state, not the project. */
const SKIPPED = new Set(["node_modules", ".git", ".data", "test-results", "playwright-report", "coverage", ".tmp"]);

function skipped(name: string): boolean {
  return SKIPPED.has(name) || name === ".next" || name.startsWith(".next-") || name.endsWith(".tsbuildinfo");
}

export interface ProjectCopy {
  dir: string;
  /** Runs a command in the copy; resolves with its exit code and output, never rejects on a non-zero exit. */
  run(command: string, args: string[], env?: Record<string, string>): Promise<RunResult>;
  remove(): Promise<void>;
}

export interface RunResult {
  code: number | null;
  output: string;
}

/**
 * `modules: "symlink"` (instant) serves tsx, tsc and drizzle-kit; Turbopack (`next dev`) refuses a node_modules that
 * leads outside the project, so a copy that starts Next wants `"hardlink"`: every file linked, not copied (a few
 * seconds, no disk), on the project's filesystem.
 */
export async function copyProject(
  prefix = "atrium-copy-",
  modules: "symlink" | "hardlink" = "symlink",
): Promise<ProjectCopy> {
  // makeTempDir opens it up when running as root, so an embedded PostgreSQL (run as `postgres`) can use the copy.
  const dir = await makeTempDir(prefix);
  for (const entry of await readdir(PROJECT_ROOT)) {
    if (skipped(entry)) continue;
    await cp(path.join(PROJECT_ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  const source = path.join(PROJECT_ROOT, "node_modules");
  if (modules === "hardlink") await linkTree(source, path.join(dir, "node_modules"));
  else await symlink(source, path.join(dir, "node_modules"), "dir");
  return {
    dir,
    run: (command, args, env = {}) => run(command, args, dir, env),
    // A server that just stopped may still be flushing its cache into .next: retry rather than fail.
    remove: () => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }),
  };
}

function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The copy's own binaries (tsx, tsc, drizzle-kit), through the linked node_modules. */
export function bin(copy: ProjectCopy, name: string): string {
  return path.join(copy.dir, "node_modules", ".bin", name);
}

/** Recreates a directory tree with every file hard-linked to the original (same filesystem only). */
async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const entries = await readdir(from, { withFileTypes: true });
  await Promise.all(
    entries.map(async (entry) => {
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name);
      if (entry.isDirectory()) await linkTree(source, target);
      else if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
      else await link(source, target);
    }),
  );
}
