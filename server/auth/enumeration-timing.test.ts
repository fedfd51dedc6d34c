/**
 * Asking for mail (sign-up, forgot password) tells nothing about which addresses have accounts, by timing either:
 * the request does the same work for both (server/auth/sign-up.ts, mail-requests.ts). Measured here as medians of
 * interleaved runs on a real PostgreSQL, with no job worker running (the mails' rendering would add noise to one side
 * only), and asserted within a bound well under the difference a lookup-and-skip would make (a password hash, ~50+ ms).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { requestPasswordReset } from "./mail-requests";
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

  // Sign-up is dominated by the password hash (scrypt, ~50-150 ms depending on load), whose time varies with what else
  // the machine runs; the bound is a quarter of the median (at least 15 ms): skipping the hash for a taken address, the
  // leak this guards against, would make one side several times faster.
  it("sign-up: a free and a taken address take the same time, within a quarter of the median", async () => {
    await createUserWithPassword(t.db, { name: "Tim", email: "tim@timing.test", role: "member" }, PASSWORD);
    const [free, taken] = await medians(
      21,
      (i) => signUp(t.db, { name: "New", email: `new${i}@timing.test`, password: PASSWORD }),
      () => signUp(t.db, { name: "New", email: "tim@timing.test", password: PASSWORD }),
    );
    console.info(`[timing] sign-up median: free ${free.toFixed(1)} ms, taken ${taken.toFixed(1)} ms`);
    expect(Math.abs(free - taken)).toBeLessThan(Math.max(15, 0.25 * Math.min(free, taken)));
  });

  it("forgot password and sign-in code: a known and an unknown address take the same time, within 5 ms", async () => {
    // Distinct addresses on both sides, so neither side meets the per-address limit.
    for (let i = 0; i < 15; i++) {
      await createUserWithPassword(t.db, { name: "K", email: `known${i}@timing.test`, role: "member" }, PASSWORD);
    }
    const [known, unknown] = await medians(
      15,
      (i) => requestPasswordReset(t.db, `known${i}@timing.test`, `192.0.2.${i}`),
      (i) => requestPasswordReset(t.db, `ghost${i}@timing.test`, `192.0.2.${100 + i}`),
    );
    console.info(`[timing] reset request median: known ${known.toFixed(1)} ms, unknown ${unknown.toFixed(1)} ms`);
    expect(Math.abs(known - unknown)).toBeLessThan(5);
  });
});
