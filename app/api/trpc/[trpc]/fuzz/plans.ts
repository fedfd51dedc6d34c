/**
 * The requests the fuzz sends, as fast-check arbitraries of `Plan`: one procedure with a generated (mostly
 * corrupted) input over its own transport or the wrong one; batches within and beyond the batch limit; requests
 * whose body, query string or path is malformed.
 */
import fc from "fast-check";
import type { z } from "zod";
import type { Role } from "./actors";
import { arbitraryFor, type WalkOptions } from "./arbitraries";
import { corrupted } from "./corrupt";
import { hostileValue } from "./hostile";
import type { CallInput, Plan } from "./http";
import { brokenQuery, envelope, malformedText } from "./wire";

export type ProcedureType = "query" | "mutation" | "subscription";
export interface ProcedureInfo {
  path: string;
  type: ProcedureType;
  input: z.core.$ZodType | undefined;
}

/** Procedure names no router has, some of them Object.prototype members. */
export const UNKNOWN_PATHS = [
  "constructor",
  "__proto__",
  "toString",
  "posts.constructor",
  "posts.__proto__",
  "posts.toString",
  "posts.nope",
  "nope",
  "posts",
  "posts.list.list",
  "",
];

const CONTENT_TYPES = [
  "",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=fuzz",
  "application/octet-stream",
  "application/json; charset=utf-16",
];

/** One call's input: usually a corrupted valid value, sometimes valid, sometimes absent or wholly wrong. */
export function callInput(proc: ProcedureInfo, walk: WalkOptions): fc.Arbitrary<CallInput | undefined> {
  const valid = proc.input ? arbitraryFor(proc.input, walk) : fc.constant(undefined);
  const value = fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 6, arbitrary: corrupted(valid) },
    { weight: 1, arbitrary: hostileValue },
  );
  return fc.option(fc.record({ value, envelope }), { nil: undefined, freq: 12 });
}

const properMethod = (type: ProcedureType) => (type === "mutation" ? "POST" : "GET");
const otherMethod = (type: ProcedureType) => (type === "mutation" ? "GET" : "POST");

/** One procedure, as one role: over its own method mostly, sometimes the wrong one, sometimes as a batch of one. */
export function procedurePlan(proc: ProcedureInfo, role: Role, walk: WalkOptions): fc.Arbitrary<Plan> {
  return fc.record({
    role: fc.constant(role),
    method: fc.oneof(
      { weight: 8, arbitrary: fc.constant(properMethod(proc.type)) },
      { weight: 1, arbitrary: fc.constant(otherMethod(proc.type)) },
    ),
    paths: fc.constant([proc.path]),
    batch: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    inputs: callInput(proc, walk).map((i) => [i]),
  });
}

/** A batch size: within any sensible limit, around it, or far beyond it. */
const batchSize = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 2, max: 5 }) },
  { weight: 2, arbitrary: fc.integer({ min: 6, max: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom(101, 400) },
);

/**
 * A batch of procedures (queries and subscriptions as GET, mutations and anything as POST), inputs keyed by index
 * for the first few calls only: the rest go without, which is also a legitimate batch.
 */
export function batchPlan(procs: ProcedureInfo[], roles: readonly Role[], walk: WalkOptions): fc.Arbitrary<Plan> {
  const pathArb = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...procs) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...UNKNOWN_PATHS)
        .map((path): ProcedureInfo => ({ path, type: "query", input: undefined })),
    },
  );
  return fc
    .record({
      role: fc.constantFrom(...roles),
      method: fc.constantFrom<"GET" | "POST">("GET", "POST"),
      calls: fc.tuple(batchSize, pathArb, fc.array(pathArb, { minLength: 1, maxLength: 6 })),
      keyOffset: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, -1) }),
    })
    .chain(({ role, method, calls: [size, first, more], keyOffset }) => {
      // A big batch repeats a few procedures, as the `posts.list,posts.list,...` of the issue does.
      const chosen = Array.from({ length: size }, (_, i) => (i === 0 ? first : (more[i % more.length] ?? first)));
      const inputs = chosen.slice(0, 8).map((p) => callInput(p, walk));
      return fc.tuple(...inputs).map(
        (given): Plan => ({
          role,
          method,
          paths: chosen.map((p) => p.path),
          batch: true,
          inputs: chosen.map((_, i) => given[i]),
          keyOffset,
        }),
      );
    });
}

/** A request to any procedure (or none) whose body, query string or content type is not what tRPC expects. */
export function malformedPlan(procs: ProcedureInfo[], roles: readonly Role[]): fc.Arbitrary<Plan> {
  const path = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...procs.map((p) => p.path)) },
    { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_PATHS) },
  );
  const base = {
    role: fc.constantFrom(...roles),
    paths: path.map((p) => [p]),
    batch: fc.boolean(),
    inputs: fc.constant<CallInput[]>([]),
  };
  return fc.oneof(
    fc.record({ ...base, method: fc.constant("POST" as const), raw: malformedText }),
    fc.record({ ...base, method: fc.constant("GET" as const), raw: malformedText }),
    fc.record({ ...base, method: fc.constant("GET" as const), rawQuery: brokenQuery }),
    fc.record({
      ...base,
      method: fc.constant("POST" as const),
      raw: fc.constantFrom('{"json":{}}', '{"0":{"json":{}}}', "title=x"),
      contentType: fc.constantFrom(...CONTENT_TYPES),
    }),
  );
}
