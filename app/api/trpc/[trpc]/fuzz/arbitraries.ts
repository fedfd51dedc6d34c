/**
 * Valid-looking inputs, generated from a procedure's own zod 4 input schema by walking its definition: the starting
 * point the corruptions in corrupt.ts then break. Ids are drawn mostly from real rows so get/update/delete reach
 * the database instead of stopping at NOT_FOUND.
 */
import fc from "fast-check";
import type { z } from "zod";

/**
 * Recursive schemas (the filter language) are cut off here, to keep valid values small (a filter has `and`, `or`
 * and `not` at every level); the `nest` corruption builds the deep ones.
 */
const MAX_LAZY_DEPTH = 3;
/** Valid values stay small: the corruptions add the size. */
const MAX_LEN = 24;
const MAX_ITEMS = 3;

export interface WalkOptions {
  /** Ids of real rows (and of nothing at all): what a uuid/guid string is drawn from, most of the time. */
  ids: () => string[];
}

/** What a schema's own definition and its checks allow: bounds, lengths, a format, a pattern. */
interface Limits {
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  pattern?: RegExp;
}

interface CheckDef {
  check: string;
  value?: unknown;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: RegExp;
}

function limitsOf(schema: z.core.$ZodType): Limits {
  const def = schema._zod.def as { format?: string; pattern?: RegExp; checks?: z.core.$ZodCheck[] };
  const out: Limits = { format: def.format, pattern: def.pattern };
  for (const check of def.checks ?? []) {
    const c = check._zod.def as CheckDef;
    if (c.check === "min_length" && c.minimum !== undefined) out.minLength = Math.max(out.minLength ?? 0, c.minimum);
    if (c.check === "max_length" && c.maximum !== undefined)
      out.maxLength = Math.min(out.maxLength ?? c.maximum, c.maximum);
    if (c.check === "greater_than" && typeof c.value === "number") out.min = Math.max(out.min ?? c.value, c.value);
    if (c.check === "less_than" && typeof c.value === "number") out.max = Math.min(out.max ?? c.value, c.value);
    if (c.check === "number_format" || c.check === "string_format") {
      out.format ??= c.format;
      out.pattern ??= c.pattern;
    }
  }
  return out;
}

function stringArb(limits: Limits, options: WalkOptions): fc.Arbitrary<unknown> {
  if (limits.format === "uuid" || limits.format === "guid") {
    return fc.oneof(
      { weight: 3, arbitrary: fc.nat().map((i) => pick(options.ids(), i)) },
      { weight: 1, arbitrary: fc.uuid() },
    );
  }
  if (limits.format === "email") {
    return fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.nat(9999)).map(([n, i]) => `${n}${i}@fuzz.test`);
  }
  const minLength = limits.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(limits.maxLength ?? MAX_LEN, MAX_LEN));
  if (limits.pattern)
    return fc.stringMatching(limits.pattern).filter((t) => t.length >= minLength && t.length <= maxLength);
  // Words pass the "at least N characters" rules declared as refinements, which leave no trace to read.
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.lorem({ maxCount: 4 }).filter((t) => t.length >= minLength),
  );
}

/** An id of the pool by index, so a seed replays the same choice (the ids themselves are fresh each run). */
function pick(pool: string[], index: number): string {
  return pool[index % Math.max(pool.length, 1)] ?? "00000000-0000-4000-8000-000000000000";
}

function numberArb(limits: Limits): fc.Arbitrary<unknown> {
  const lo = Math.max(limits.min ?? -1_000_000, -1_000_000);
  const hi = Math.max(lo, Math.min(limits.max ?? 1_000_000, 1_000_000));
  if (limits.format?.includes("int")) return fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) });
  return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/** The arbitrary of one schema; memoised per (schema, depth) so recursive schemas cost depth x size, not size^depth. */
export function arbitraryFor(schema: z.core.$ZodType, options: WalkOptions, depth = 0): fc.Arbitrary<unknown> {
  const byDepth = memo.get(schema) ?? new Map<number, fc.Arbitrary<unknown>>();
  memo.set(schema, byDepth);
  const known = byDepth.get(depth);
  if (known) return known;
  const built = build(schema as z.core.$ZodTypes, options, depth);
  byDepth.set(depth, built);
  return built;
}
const memo = new WeakMap<z.core.$ZodType, Map<number, fc.Arbitrary<unknown>>>();

function build(schema: z.core.$ZodTypes, options: WalkOptions, depth: number): fc.Arbitrary<unknown> {
  const def = schema._zod.def;
  const walk = (s: z.core.$ZodType, d = depth) => arbitraryFor(s, options, d);
  switch (def.type) {
    case "string":
      return stringArb(limitsOf(schema), options);
    case "number":
      return numberArb(limitsOf(schema));
    case "boolean":
      return fc.boolean();
    case "date":
      // superjson carries Dates; plain-JSON clients send ISO strings. Both are legitimate on the wire.
      // Any date JavaScript can hold, as a Date or an ISO string: years past 9999 and before 4713 BC included.
      return fc.oneof(
        fc.date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
        fc.date({ noInvalidDate: true }),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      );
    case "enum":
      return fc.constantFrom(...Object.values(def.entries));
    case "literal":
      return fc.constantFrom(...def.values);
    case "null":
      return fc.constant(null);
    case "undefined":
    case "never":
    case "void":
      return fc.constant(undefined);
    case "optional":
      return fc.option(walk(def.innerType), { nil: undefined, freq: 3 });
    case "nullable":
      return fc.option(walk(def.innerType), { nil: null, freq: 3 });
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
    case "catch":
      return walk(def.innerType);
    case "pipe":
      return walk(def.in);
    case "lazy":
      return depth >= MAX_LAZY_DEPTH ? fc.constant({}) : walk(def.getter(), depth + 1);
    case "array": {
      const limits = limitsOf(schema);
      const minLength = limits.minLength ?? 0;
      const maxLength = Math.max(minLength, Math.min(limits.maxLength ?? MAX_ITEMS, MAX_ITEMS));
      return fc.array(walk(def.element), { minLength, maxLength });
    }
    case "object": {
      // A few of the optional keys only: every optional key of a filter at every level makes megabyte URLs.
      const required: Record<string, fc.Arbitrary<unknown>> = {};
      const optional: string[] = [];
      for (const [key, field] of Object.entries(def.shape)) {
        if (field._zod.optin === "optional") optional.push(key);
        else required[key] = walk(field);
      }
      const chosen = fc.subarray(optional, { maxLength: Math.min(MAX_ITEMS, optional.length) });
      return fc
        .tuple(
          fc.record(required),
          chosen.chain((keys) =>
            fc.record(Object.fromEntries(keys.map((k) => [k, walk(def.shape[k] as z.core.$ZodType)]))),
          ),
        )
        .map(([a, b]) => ({ ...a, ...b }));
    }
    case "union":
      return fc.oneof(...def.options.map((o) => walk(o)));
    case "intersection":
      return walk(def.left);
    case "record":
      return fc.dictionary(fc.string({ maxLength: 12 }), walk(def.valueType), { maxKeys: MAX_ITEMS });
    case "tuple":
      return fc.tuple(...def.items.map((i) => walk(i)));
    default:
      // any / unknown / custom / transform and the rest: any JSON is a fair guess.
      return fc.jsonValue({ maxDepth: 2 });
  }
}
