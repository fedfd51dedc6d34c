/**
 * The recovery command, run for real: `npm run admin:reset` (and the launcher it calls) as a child process against a
 * test database, then the rows are checked. It never creates a user, holds passwords to the sign-up rule, and does
 * not start Next.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { verifyPassword } from "@/server/auth/password";
import { parseAdminResetArgs } from "./admin-reset";

const ROOT = path.resolve(import.meta.dirname, "..");
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[]): Promise<Run> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...inherited, DATABASE_URL: t.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The launcher directly (what the npm script runs), without npm's own start-up time. */
const reset = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "scripts/launch.ts", "admin-reset", ...args]);

const find = async (email: string) => (await t.db.select().from(users).where(eq(users.email, email)))[0];
const userCount = async () => (await t.db.select({ n: count() }).from(users))[0]?.n;

describe("npm run admin:reset", () => {
  it("makes a blocked member an active admin with the given password, in the record's history", async () => {
    await t.db.insert(users).values({ name: "Locked Out", email: "locked@reset.test", role: "member", blocked: true });
    const result = await reset("--email", "Locked@Reset.test", "--password", "a-new-long-password");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Locked Out <locked@reset.test> is now an active admin");
    // A password the operator typed is theirs: never echoed.
    expect(result.stdout).not.toContain("a-new-long-password");
    // The recovery command touches nothing else: no migrations, no seed, no Next.
    expect(result.stdout).not.toMatch(/migrations applied|seed|Next\.js|Ready/);
    const row = await find("locked@reset.test");
    expect(row).toMatchObject({ role: "admin", blocked: false });
    expect(await verifyPassword("a-new-long-password", row?.passwordHash)).toBe(true);
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.resource, "users"), eq(auditLog.recordId, row?.id ?? "")));
    expect(entry).toMatchObject({
      actorKind: "system",
      actorLabel: "npm run admin:reset",
      operation: "update",
      before: { role: "member", blocked: true },
      after: { role: "admin", blocked: false },
    });
  });

  it("generates a password and prints it once when none is given (through the npm script itself)", async () => {
    await t.db.insert(users).values({ name: "Forgetful", email: "forgot@reset.test", role: "admin" });
    const result = await run("npm", ["run", "--silent", "admin:reset", "--", "--email", "forgot@reset.test"]);
    expect(result.code).toBe(0);
    const printed = result.stdout.match(/New password: (\S+)/)?.[1] ?? "";
    expect(printed).toMatch(/^[\w-]{24}$/);
    expect(result.stdout.split(printed)).toHaveLength(2);
    expect(await verifyPassword(printed, (await find("forgot@reset.test"))?.passwordHash)).toBe(true);
  });

  it("creates nothing for an unknown email, and exits 1 saying so", async () => {
    const before = await userCount();
    const result = await reset("--email", "nobody@reset.test", "--password", "a-new-long-password");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("No user has the email nobody@reset.test; nothing was changed.");
    expect(await userCount()).toBe(before);
    expect(await find("nobody@reset.test")).toBeUndefined();
  });

  it("refuses a weak password with the sign-up rule and changes nothing", async () => {
    await t.db.insert(users).values({ name: "Weak", email: "weak@reset.test", role: "member", blocked: true });
    const result = await reset("--email=weak@reset.test", "--password=short");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("The password was refused: Use at least 10 characters.");
    expect(await find("weak@reset.test")).toMatchObject({ role: "member", blocked: true, passwordHash: null });
  });

  it("explains its usage without an email", async () => {
    const result = await reset("--password", "a-new-long-password");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("usage: npm run admin:reset -- --email someone@example.com");
  });
});

describe("parseAdminResetArgs", () => {
  it("reads both spellings and refuses anything else", () => {
    expect(parseAdminResetArgs(["--email", "a@b.c", "--password=x y"])).toEqual({ email: "a@b.c", password: "x y" });
    expect(parseAdminResetArgs(["--email=a@b.c"])).toEqual({ email: "a@b.c" });
    expect(parseAdminResetArgs(["--email"])).toEqual({ error: "--email needs a value" });
    expect(parseAdminResetArgs(["--emial", "a@b.c"])).toEqual({ error: 'unknown argument "--emial"' });
    expect(parseAdminResetArgs([])).toEqual({ error: "--email is required" });
  });
});
