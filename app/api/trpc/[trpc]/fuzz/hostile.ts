/**
 * The hostile values the corruptions insert: strings a database or a log chokes on, numbers out of every range,
 * values of the wrong type, keys named like Object.prototype members, huge and deeply nested values.
 * Huge values are `Big` markers, expanded only when the request is encoded, so a counterexample prints as
 * `Big(string, 1048576)` instead of a megabyte.
 */
import fc from "fast-check";

export const PROTOTYPE_NAMES = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "__defineGetter__",
] as const;

/**
 * Stands for a key named `name` in generated values: no object literal holds an own `__proto__`, and superjson
 * refuses to serialize `constructor` and `prototype` keys. wire.ts writes the real name into the JSON text.
 */
export const keyPlaceholder = (name: string) => `%key(${name})%`;
export const KEY_PLACEHOLDER = /%key\(([^)]+)\)%/g;
const PROTOTYPE_KEYS = PROTOTYPE_NAMES.map(keyPlaceholder);

/** A value too big to print, built when encoded. */
export class Big {
  constructor(
    readonly kind: "string" | "array" | "nestedArray" | "nestedObject",
    readonly size: number,
    readonly fill: unknown = "x",
  ) {}
  build(): unknown {
    if (this.kind === "string") return String(this.fill).repeat(this.size);
    if (this.kind === "array") return new Array(this.size).fill(this.fill);
    let value: unknown = this.fill;
    for (let i = 0; i < this.size; i++) value = this.kind === "nestedArray" ? [value] : { a: value };
    return value;
  }
  [fc.toStringMethod](): string {
    return `Big(${this.kind}, ${this.size}, ${fc.stringify(this.fill)})`;
  }
}

const MB = 1 << 20;

/** One character that has no business in text: NUL, C0/C1 controls, lone surrogates, separators, BOM. */
export const badChar: fc.Arbitrary<string> = fc.oneof(
  fc.constant("\u0000"),
  fc.integer({ min: 0x01, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom("\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff"),
);

export const hostileString: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), badChar).map(([s, c]) => `${s}${c}${s}`) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "",
      "   ",
      "' or 1=1 --",
      "%_\\",
      "\\",
      '"',
      "null",
      "undefined",
      "NaN",
      "-1",
      "1e309",
      "2024-02-30",
      "00000000-0000-0000-0000-000000000000",
      "\u202egnirts",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(new Big("string", 1001), new Big("string", 70_000), new Big("string", MB)) },
);

export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    0.5,
    1.5,
    2 ** 31,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 63),
    1e21,
    1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ),
  fc.double(),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
);

export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, "", "1", [], {}, [null], { "": null }),
  fc.constantFrom(new Date(Number.NaN), new Date(8.64e15), new Map([[1, 2]]), new Set([1]), /x+/g, new Error("boom")),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Arrays far past every `max` a schema sets, full of something plausible. */
export const hugeArray: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.constantFrom(101, 1001, 20_000, 100_000),
    fc.constantFrom<unknown>("00000000-0000-4000-8000-000000000000", 1, "title", {}, null),
  )
  .map(([size, fill]) => new Big("array", size, fill));

export const deepNesting: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.constantFrom<"nestedArray" | "nestedObject">("nestedArray", "nestedObject"),
    fc.constantFrom(50, 2000, 20_000),
  )
  .map(([kind, size]) => new Big(kind, size, 1));

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 3, arbitrary: wrongType },
  { weight: 1, arbitrary: hugeArray },
  { weight: 1, arbitrary: deepNesting },
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 4 }), badChar).map(([s, c]) => s + c) },
);
