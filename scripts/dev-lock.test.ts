/**
 * What broke: a second `npm run dev` on the same checkout (its own ATRIUM_DATA_DIR, so its database started) got as
 * far as starting Next before Next's lock turned it away, and left the first server's pages in a reload loop.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireDevLock, describeHolder, devLockFile } from "./dev-lock";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "atrium-dev-lock-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const me = { pid: process.pid, url: "http://localhost:3000", dataDir: "/tmp/a" };

describe("the dev server lock", () => {
  it("lets one dev server per build folder run, and names it to the next one", async () => {
    const distDir = path.join(dir, "one", ".next");
    const first = await acquireDevLock(distDir, me, dir);
    if ("heldBy" in first) throw new Error("the first start must get the lock");
    const second = await acquireDevLock(distDir, { ...me, pid: 1, url: "http://localhost:3001" }, dir);
    expect(second).toEqual({ heldBy: me });
    if ("heldBy" in second) expect(describeHolder(second.heldBy, distDir)).toContain(`pid ${process.pid}`);
    // Another build folder of the same checkout is another lock.
    const other = await acquireDevLock(path.join(dir, "one", ".next-2"), me, dir);
    expect("release" in other).toBe(true);
    if ("release" in other) other.release();
    first.release();
    expect(existsSync(devLockFile(distDir, dir))).toBe(false);
    const again = await acquireDevLock(distDir, me, dir);
    expect("release" in again).toBe(true);
    if ("release" in again) again.release();
  });

  it("takes over the lock of a dev server that died without cleaning up", async () => {
    const distDir = path.join(dir, "two", ".next");
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.once("exit", resolve));
    await writeFile(devLockFile(distDir, dir), JSON.stringify({ ...me, pid: dead.pid }));
    const lock = await acquireDevLock(distDir, me, dir);
    expect("release" in lock).toBe(true);
    if ("release" in lock) lock.release();
  });

  it("also sees a bare `next dev` through Next's own lock", async () => {
    const distDir = path.join(dir, "three", ".next");
    await mkdir(path.join(distDir, "dev"), { recursive: true });
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      await writeFile(
        path.join(distDir, "dev", "lock"),
        JSON.stringify({ pid: sleeper.pid, port: 3000, appUrl: "http://localhost:3000" }),
      );
      const lock = await acquireDevLock(distDir, me, dir);
      expect(lock).toMatchObject({ heldBy: { pid: sleeper.pid, url: "http://localhost:3000" } });
      // Refusing left no lock of ours behind.
      expect(existsSync(devLockFile(distDir, dir))).toBe(false);
    } finally {
      sleeper.kill();
    }
  });
});
