/** `npm start` must refuse to run in production with missing or default secrets, before it starts anything. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function start(env: Record<string, string>) {
  const { DATABASE_URL: _d, AUTH_SECRET: _a, ...inherited } = process.env;
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/launch.ts", "start"], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: "production", ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("npm start in production", () => {
  it("exits with an error naming AUTH_SECRET when it is missing", () => {
    const run = start({ DATABASE_URL: "postgres://u:p@127.0.0.1:1/atrium" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("AUTH_SECRET is missing");
  });

  it("exits with an error when AUTH_SECRET is a published default", () => {
    const run = start({ DATABASE_URL: "postgres://u:p@127.0.0.1:1/atrium", AUTH_SECRET: "changeme" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("AUTH_SECRET is a published default");
  });
});
