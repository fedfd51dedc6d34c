/**
 * One `npm run dev` per checkout and Next build folder. A second `next dev` on the same `.next` (possible as soon as
 * it has a database of its own: ATRIUM_DATA_DIR elsewhere, or DATABASE_URL) gets as far as starting up before Next's
 * own lock turns it away, and that start can leave the first server's pages reloading in a loop for good (issue 14:
 * "Fast Refresh reload loop in 3 of 6 starts"). So the launcher takes this lock before it starts anything, and a
 * second launcher refuses in milliseconds, naming the first.
 *
 * The lock is a file in the system temp directory, keyed by the build folder's absolute path: nothing is written into
 * the project (a file appearing there is itself something dev servers watch). A holder that died is detected by its
 * pid and replaced.
 */
import { createHash } from "node:crypto";
import { readFileSync, unlinkSync } from "node:fs";
import { open, readFile, unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface DevServerInfo {
  pid: number;
  url: string;
  dataDir: string;
}

export type DevLock = { release(): void } | { heldBy: DevServerInfo };

export function devLockFile(distDir: string, dir = os.tmpdir()): string {
  const key = createHash("sha256").update(path.resolve(distDir)).digest("hex").slice(0, 16);
  return path.join(dir, `atrium-dev-${key}.lock`);
}

/** Whether a process with this pid exists (EPERM: it does, it is just not ours). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readHolder(file: string): Promise<DevServerInfo | null> {
  try {
    const info = JSON.parse(await readFile(file, "utf8")) as Partial<DevServerInfo>;
    return typeof info.pid === "number"
      ? { pid: info.pid, url: String(info.url), dataDir: String(info.dataDir) }
      : null;
  } catch {
    return null;
  }
}

/** Next's own dev lock (`<distDir>/dev/lock`, JSON with pid and appUrl): a `next dev` started without the launcher. */
async function nextDevHolder(distDir: string): Promise<DevServerInfo | null> {
  try {
    const info = JSON.parse(await readFile(path.join(distDir, "dev", "lock"), "utf8")) as {
      pid?: unknown;
      appUrl?: unknown;
    };
    if (typeof info.pid === "number" && alive(info.pid)) {
      return { pid: info.pid, url: String(info.appUrl ?? ""), dataDir: "(unknown: started without npm run dev)" };
    }
  } catch {
    // No lock, or one this version of Next writes differently: nothing to go on.
  }
  return null;
}

export async function acquireDevLock(distDir: string, me: DevServerInfo, dir = os.tmpdir()): Promise<DevLock> {
  const file = devLockFile(distDir, dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, "wx", 0o600);
      await handle.writeFile(`${JSON.stringify(me)}\n`);
      await handle.close();
      const release = () => {
        try {
          // Only our own lock: a lock taken over after we were thought dead belongs to someone else.
          if ((JSON.parse(readFileSync(file, "utf8")) as DevServerInfo).pid === me.pid) unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
      process.once("exit", release);
      const other = await nextDevHolder(distDir);
      if (other && other.pid !== me.pid) {
        release();
        return { heldBy: other };
      }
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = await readHolder(file);
      if (holder && alive(holder.pid)) return { heldBy: holder };
      // The holder died without cleaning up (kill -9, a crash): the lock is stale.
      await unlink(file).catch(() => {});
    }
  }
  throw new Error(`Could not take the dev server lock ${file}`);
}

export function describeHolder(holder: DevServerInfo, distDir: string): string {
  return [
    `Another dev server already runs on this checkout's ${path.basename(distDir)}/ (pid ${holder.pid}, ${holder.url}, data in ${holder.dataDir}).`,
    "Two dev servers on one build folder break each other's hot reload: pages reload in a loop and sign-in fails.",
    `Use that one, stop it (kill ${holder.pid}), or give this one its own folder and port:`,
    "  NEXT_DIST_DIR=.next-2 PORT=3001 ATRIUM_DATA_DIR=/tmp/atrium-2 npm run dev",
  ].join("\n");
}
