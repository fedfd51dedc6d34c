/**
 * Hostile input against every procedure of `appRouter`, through the real `/api/trpc` route handler, as anonymous, a
 * member (session cookie and API token) and an admin. Inputs come from each procedure's own zod schema and are then
 * corrupted (fuzz/corrupt.ts, fuzz/hostile.ts); batches, wrong methods and malformed envelopes, bodies and query
 * strings are sent too. For every answer: no 5xx; every refusal has a short human message with no SQL, stack or
 * internal text and field errors keyed by field (fuzz/properties.ts); a refused call leaves every application table
 * as it was (fuzz/snapshot.ts); /api/health answers 200 throughout.
 *
 * Budget in `npm test`: FUZZ_RUNS (default 15) runs per procedure x role (about 170 procedures x 4 roles), 12 x
 * FUZZ_RUNS batches and 10 x FUZZ_RUNS malformed requests: about 10 600 requests, about a minute alone on a 2-core
 * machine; each property also stops after max(20 s, FUZZ_RUNS x 2 s). The "database unchanged" check reads the
 * tables' md5s only after something was written (fuzz/snapshot.ts), which halved the run time.
 * Longer or replayed: see docs/testing-fuzz.md (`FUZZ_RUNS=500`, `FUZZ_SEED=...`).
 */
import "./fuzz/env";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { getDb } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { inputSchemaOf } from "@/server/core/input-errors";
import { type JobsRuntime, startJobs } from "@/server/core/jobs/runtime";
import { closeListener } from "@/server/core/realtime/listener";
import { jobs } from "@/server/jobs";
import { appRouter } from "@/server/router";
import { type Actors, createActors, ROLES, seedRows } from "./fuzz/actors";
import { type Plan, send } from "./fuzz/http";
import { batchPlan, malformedPlan, type ProcedureInfo, procedurePlan } from "./fuzz/plans";
import { outcomeProblems, refused, sentStrings } from "./fuzz/properties";
import { TableWatch } from "./fuzz/snapshot";

const RUNS = Number(process.env.FUZZ_RUNS) || 15;
let jobsRuntime: JobsRuntime;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/**
 * Guards the budget if the server becomes slow: a property then stops early and passes or fails on what it found
 * (a single request slower than ANSWER_WITHIN_MS fails on its own). Shrinking a failure may take a while longer.
 */
const PROPERTY_TIME_LIMIT_MS = Math.max(20_000, RUNS * 2_000);
const HEALTH_EVERY = 25;

interface ProcedureView {
  _def: { type: ProcedureInfo["type"]; inputs: unknown[] };
}
const PROCEDURES: ProcedureInfo[] = Object.entries(
  appRouter._def.procedures as unknown as Record<string, ProcedureView>,
).map(([path, p]) => ({ path, type: p._def.type, input: inputSchemaOf(p._def.inputs[0]) }));

let t: TestDatabase;
let route: typeof import("./route");
let actors: Actors;
let ids: string[] = [];
const walk = { ids: () => ids };
let calls = 0;
let tables: TableWatch;

async function expectHealthy() {
  const res = await health();
  if (res.status !== 200) throw new Error(`/api/health answered ${res.status}: ${await res.text()}`);
}

/** Sends one plan and throws with every violated property, which fast-check reports with the plan and its seed. */
const MUTATIONS = new Set(PROCEDURES.filter((p) => p.type === "mutation").map((p) => p.path));

async function check(plan: Plan): Promise<void> {
  // Anything that may reach a mutation is fingerprinted; a GET of queries alone skips the two queries it costs.
  const mayWrite = plan.method === "POST" || plan.paths.some((p) => MUTATIONS.has(p));
  const before = mayWrite ? await tables.before() : undefined;
  const handler = plan.method === "GET" ? route.GET : route.POST;
  const outcome = await send(handler, plan, actors.headers[plan.role as keyof Actors["headers"]]);
  const problems = outcomeProblems(outcome, sentStrings(plan.inputs.map((input) => input?.value)));
  if (before && refused(outcome)) {
    const changed = await tables.changedSince(before);
    if (changed.length > 0) problems.push(`refused, yet changed: ${changed.join(", ")}`);
  }
  if (++calls % HEALTH_EVERY === 0) await expectHealthy();
  if (problems.length > 0) {
    const errors = outcome.errors.map((e) => e.text.slice(0, 400)).join("\n  ");
    throw new Error(`${plan.method} ${plan.paths.slice(0, 3).join(",")} as ${plan.role} -> ${outcome.status}
${problems.join("\n")}
  ${errors || outcome.unreadable || ""}`);
  }
}

async function fuzz(arbitrary: fc.Arbitrary<Plan>, numRuns: number) {
  await fc.assert(fc.asyncProperty(arbitrary, check), {
    numRuns,
    seed: SEED,
    interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS,
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  route = await import("./route");
  actors = await createActors(t.db);
  tables = await TableWatch.install(t.sql);
  // The watch sees the seed's writes and names their tables (fuzz/snapshot.ts): else "no change" would prove nothing.
  const before = await tables.before();
  ids = await seedRows(t.db, actors.memberId);
  const seeded = ["users", "posts", "comments", "tags", "post_tags", "announcements", "api_tokens"];
  expect(await tables.changedSince(before)).toEqual(expect.arrayContaining(seeded));
  // The app's job queues, as every instance makes them at start (actions and tasks enqueue); nothing runs them here.
  jobsRuntime = await startJobs({ url: t.url, db: t.db, jobs, work: false, log: () => {} });
});
afterAll(async () => {
  await jobsRuntime.stop(1_000);
  await closeListener(getDb());
  await t.drop();
});

describe("fuzz: every procedure x role, generated and corrupted input", () => {
  for (const proc of PROCEDURES) {
    describe(proc.path, () => {
      beforeAll(async () => {
        // Fresh targets: earlier procedures (an admin's purge) may have removed the last ones.
        ids = await seedRows(t.db, actors.memberId);
      });
      for (const role of ROLES) {
        it(`as ${role}`, () => fuzz(procedurePlan(proc, role, walk), RUNS), PROPERTY_TIME_LIMIT_MS + 60_000);
      }
    });
  }
});

describe("fuzz: batches within and beyond the limit", () => {
  it(
    "GET and POST batches of many procedures, inputs keyed by index",
    async () => {
      ids = await seedRows(t.db, actors.memberId);
      await fuzz(batchPlan(PROCEDURES, ROLES, walk), 12 * RUNS);
    },
    PROPERTY_TIME_LIMIT_MS + 60_000,
  );
});

describe("fuzz: malformed requests", () => {
  it(
    "bodies and query strings that are not JSON, bogus envelopes, odd content types, unknown paths",
    async () => {
      await fuzz(malformedPlan(PROCEDURES, ROLES), 10 * RUNS);
    },
    PROPERTY_TIME_LIMIT_MS + 60_000,
  );
});

describe("fuzz: afterwards", () => {
  it("/api/health still answers 200", async () => {
    await expectHealthy();
    expect(calls).toBeGreaterThan(0);
  });
});
