/**
 * Asking for mail (sign-up, forgot password, a sign-in code, the verification link again) tells nothing about which addresses have accounts, by its
 * answer, its work or its timing: the request does the same for both (server/auth/register.ts, mail-requests.ts). Proved
 * on a real PostgreSQL by the statements sent (identical for a known and an unknown address), and measured as medians
 * of interleaved runs with no job worker running, bounded well under what a lookup-and-skip would cost.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { requestPasswordReset, requestSignInCode, requestVerificationMail } from "./mail-requests";
import { signUp } from "./register";
import { createUserWithPassword } from "./testing";

let t: TestDatabase;
const PASSWORD = "a long enough password";

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("asking for mail tells nothing about which addresses have accounts", () => {
  /** Median of the durations of `n` runs of each of two calls, interleaved so load hits both alike. */
  async function medians(n: number, a: (i: number) => Promise<unknown>, b: (i: number) => Promise<unknown>) {
    const times: [number[], number[]] = [[], []];
    for (let i = 0; i < n; i++) {
      for (const [k, run] of [a, b].entries()) {
        const start = performance.now();
        await run(i);
        times[k as 0 | 1].push(performance.now() - start);
      }
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
    return [median(times[0]), median(times[1])] as const;
  }

  // Sign-up is dominated by the password hash (scrypt, ~50-200 ms depending on load), whose time varies with what else
  // the machine runs (another test file beside this one). The proof is again the work: the same statements for a free
  // and a taken address; the medians are bounded at half the faster one, which skipping the hash for a taken address
  // (the leak this guards against, a difference of the whole hash) could not stay under.
  it("sign-up: a free and a taken address send the same statements, and take about the same time", async () => {
    await createUserWithPassword(t.db, { name: "Tim", email: "tim@timing.test", role: "member" }, PASSWORD);
    t.queries.length = 0;
    await signUp(t.db, { name: "New", email: "fresh@timing.test", password: PASSWORD });
    const free = [...t.queries];
    t.queries.length = 0;
    await signUp(t.db, { name: "New", email: "tim@timing.test", password: PASSWORD });
    expect([...t.queries]).toEqual(free);

    const [freeMs, takenMs] = await medians(
      21,
      (i) => signUp(t.db, { name: "New", email: `new${i}@timing.test`, password: PASSWORD }),
      () => signUp(t.db, { name: "New", email: "tim@timing.test", password: PASSWORD }),
    );
    console.info(`[timing] sign-up median: free ${freeMs.toFixed(1)} ms, taken ${takenMs.toFixed(1)} ms`);
    expect(Math.abs(freeMs - takenMs)).toBeLessThan(Math.max(15, 0.5 * Math.min(freeMs, takenMs)));
    // Bounds a hang, not the speed: under a full `npm test` on a 2-core machine each request waits its turn.
  }, 120_000);

  // These requests are a few milliseconds, less than what another test file running beside this one adds at random,
  // so the proof is the work itself: the same statements, in the same order, for a known and an unknown address
  // (the account is looked up later, by the job). The medians are measured too, with a bound for gross differences.
  it("forgot password and sign-in code: a known and an unknown address send the same statements", async () => {
    // Distinct addresses on both sides, so neither side meets the per-address limit.
    for (let i = 0; i < 15; i++) {
      await createUserWithPassword(t.db, { name: "K", email: `known${i}@timing.test`, role: "member" }, PASSWORD);
    }
    const statements = async (run: () => Promise<unknown>) => {
      t.queries.length = 0;
      await run();
      return [...t.queries];
    };
    for (const ask of [requestPasswordReset, requestSignInCode]) {
      const known = await statements(() => ask(t.db, "known0@timing.test", "192.0.2.200"));
      const unknown = await statements(() => ask(t.db, "ghost-x@timing.test", "192.0.2.201"));
      expect(unknown).toEqual(known);
      expect(known.join("\n")).not.toMatch(/from "users"/);
    }
    const [known, unknown] = await medians(
      15,
      (i) => requestPasswordReset(t.db, `known${i}@timing.test`, `192.0.2.${i}`),
      (i) => requestPasswordReset(t.db, `ghost${i}@timing.test`, `192.0.2.${100 + i}`),
    );
    console.info(`[timing] reset request median: known ${known.toFixed(1)} ms, unknown ${unknown.toFixed(1)} ms`);
    expect(Math.abs(known - unknown)).toBeLessThan(Math.max(15, Math.min(known, unknown)));
  }, 120_000);

  // PocketBase's request-verification once looked the account up in the request and queued the mail only for an
  // unverified one: an extra insert, a timing oracle. Now the job looks it up, so the request's work is the same.
  it("the verification mail again: a known unverified and an unknown address send the same statements", async () => {
    for (let i = 0; i < 15; i++) {
      const email = `unverified${i}@timing.test`;
      await createUserWithPassword(t.db, { name: "U", email, role: "member" }, PASSWORD);
      await t.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.email, email));
    }
    const statements = async (run: () => Promise<unknown>) => {
      t.queries.length = 0;
      await run();
      return [...t.queries];
    };
    const known = await statements(() => requestVerificationMail(t.db, "unverified0@timing.test", "198.51.100.200"));
    const unknown = await statements(() => requestVerificationMail(t.db, "ghost-v@timing.test", "198.51.100.201"));
    expect(unknown).toEqual(known);
    expect(known.join("\n")).not.toMatch(/from "users"/);
    // Both queued a job (the notice that wakes the workers follows each new job).
    expect(known.join("\n")).toMatch(/pg_notify/);

    const [knownMs, unknownMs] = await medians(
      15,
      (i) => requestVerificationMail(t.db, `unverified${i}@timing.test`, `198.51.100.${i}`),
      (i) => requestVerificationMail(t.db, `ghost-v${i}@timing.test`, `198.51.100.${100 + i}`),
    );
    console.info(
      `[timing] verification request median: known ${knownMs.toFixed(1)} ms, unknown ${unknownMs.toFixed(1)} ms`,
    );
    expect(Math.abs(knownMs - unknownMs)).toBeLessThan(Math.max(15, Math.min(knownMs, unknownMs)));
  }, 120_000);
});
