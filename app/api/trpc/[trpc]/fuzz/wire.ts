/**
 * Turning a generated input into the text a client puts on the wire: superjson's `{ json, meta }` envelope as tRPC's
 * links send it, or deliberately not (bare JSON, a bogus `meta`), with the `__proto__` keys and huge values that
 * no JavaScript object can carry through superjson written straight into the JSON text.
 */
import fc from "fast-check";
import superjson from "superjson";
import { Big, KEY_PLACEHOLDER, keyPlaceholder } from "./hostile";

export type Envelope = { kind: "superjson" } | { kind: "bare" } | { kind: "meta"; meta: unknown };

const placeholder = (i: number) => `__fuzz_big_${i}__`;

/** Keys superjson refuses to serialize; any generator may produce them (fast-check's strings favour them). */
const REFUSED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * A copy with every Big replaced by a placeholder string (collected in `bigs`), so serializing stays cheap, and
 * every key superjson would refuse replaced by its placeholder, so it still reaches the wire.
 */
function stripBigs(value: unknown, bigs: Big[]): unknown {
  if (value instanceof Big) return placeholder(bigs.push(value) - 1);
  if (Array.isArray(value)) return value.map((v) => stripBigs(v, bigs));
  // Plain objects, and the prototype-less ones fast-check's dictionaries (z.record inputs) are made of.
  if (typeof value === "object" && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = REFUSED_KEYS.has(k) ? keyPlaceholder(k) : k;
      Object.defineProperty(copy, key, { value: stripBigs(v, bigs), enumerable: true, writable: true });
    }
    return copy;
  }
  return value;
}

/** JSON text of a Big, built as text: a 20 000-deep array would overflow any recursive serializer. */
function bigText(big: Big): string {
  const fill = plainJson(big.fill);
  switch (big.kind) {
    case "string":
      return JSON.stringify(String(big.fill).repeat(big.size));
    case "array":
      return `[${new Array(big.size).fill(fill).join(",")}]`;
    case "nestedArray":
      return `${"[".repeat(big.size)}${fill}${"]".repeat(big.size)}`;
    case "nestedObject":
      return `${'{"a":'.repeat(big.size)}${fill}${"}".repeat(big.size)}`;
  }
}

/** Puts the big values and the real `__proto__` keys into serialized text. */
function finish(text: string, bigs: Big[]): string {
  let out = text.replace(KEY_PLACEHOLDER, (_m, name: string) => name);
  bigs.forEach((big, i) => {
    out = out.replace(`"${placeholder(i)}"`, () => bigText(big));
  });
  return out;
}

/** Plain JSON (no envelope); bigints become strings, as a careless client would send them. */
export function plainJson(value: unknown): string {
  const bigs: Big[] = [];
  const text = JSON.stringify(stripBigs(value, bigs), (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  return finish(text ?? "null", bigs);
}

/** The text of one call's input. */
export function inputText(value: unknown, envelope: Envelope): string {
  if (envelope.kind === "bare") return plainJson(value);
  const bigs: Big[] = [];
  const serialized = superjson.serialize(stripBigs(value, bigs));
  const wrapped =
    envelope.kind === "meta" ? { json: serialized.json, meta: stripBigs(envelope.meta, bigs) } : serialized;
  return finish(JSON.stringify(wrapped), bigs);
}

/** `meta` that names unknown types, points nowhere, or has the wrong shape altogether. */
export const bogusMeta: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    { values: ["custom", "Nope"] },
    { values: { "": ["custom", "Nope"] } },
    { values: [["custom", "Nope"]] },
    { values: ["class", "Nope"] },
    { values: ["symbol", "Nope"] },
    { values: ["Nope"] },
    { values: ["map"] },
    { values: ["set"] },
    { values: ["bigint"] },
    { values: ["Date"] },
    { values: ["regexp"] },
    { values: ["Error"] },
    { values: ["number"] },
    { values: 5 },
    { values: "Date" },
    { values: null },
    { values: [] },
    { values: [[]] },
    { values: { [keyPlaceholder("__proto__")]: ["map"] } },
    { values: { [`${keyPlaceholder("__proto__")}.polluted`]: ["Date"] } },
    { values: { "constructor.prototype": ["Date"] } },
    { values: { "a.b.c": ["Date"] } },
    { referentialEqualities: { a: ["b"] } },
    { referentialEqualities: ["a", ["b"]] },
    { referentialEqualities: 1 },
    { referentialEqualities: { "": [keyPlaceholder("__proto__")] } },
    { referentialEqualities: { [keyPlaceholder("__proto__")]: ["constructor"] } },
    { v: "x", values: ["Date"] },
    { v: 99, values: ["Date"] },
    5,
    "x",
    [],
  ),
  fc.constantFrom(200, 20_000).map((n) => ({ values: new Big("nestedArray", n, "Date") })),
);

export const envelope: fc.Arbitrary<Envelope> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: "superjson" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "bare" as const }) },
  { weight: 2, arbitrary: bogusMeta.map((meta) => ({ kind: "meta" as const, meta })) },
);

/** Whole request bodies (or `?input=` values) that are not JSON, or not the JSON anyone expects. */
export const malformedText: fc.Arbitrary<string | Big> = fc.oneof(
  fc.constantFrom(
    "",
    "{",
    "}",
    "nul",
    "[1,",
    '{"json":',
    '{"0":',
    "undefined",
    "NaN",
    '{"json":1}garbage',
    "\u0000",
    '{"json":"\ud800"}',
    '"json"',
    "[]",
    "1e999",
    '{"json":{},"json":[]}',
    '{"0":{"json":1},"0":[]}',
    '{"__proto__":{"json":1}}',
    '{"constructor":{"json":{}}}',
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(new Big("nestedArray", 100_000, 1), new Big("nestedObject", 50_000, 1), new Big("string", 2 << 20)),
);

export function rawText(text: string | Big): string {
  return text instanceof Big ? bigText(text) : text;
}

/** Query strings whose percent-escapes do not decode, or decode to something odd. */
export const brokenQuery: fc.Arbitrary<string> = fc.constantFrom(
  "input=%",
  "input=%E0%A4%A",
  "input=%ZZ",
  "input=%00",
  "input=%ED%A0%80",
  "input=%7B%22json%22%3A%7B%7D%7D&input=%5B%5D",
  "batch=1&input=%7B%220%22%3A1%7D&batch=0",
  "batch=x",
  "input",
);
