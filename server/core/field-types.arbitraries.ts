/**
 * Test-only: values of a field generated from its `meta` descriptor (kind, options, precision, rules), the values a
 * field of that kind must refuse, and how a value comes back from PostgreSQL (so a round trip can be compared).
 */
import fc from "fast-check";
import { compareDecimal, numberToDecimal, parseDecimal } from "./decimal";
import type { FieldDescriptor } from "./meta";
import type { ValueKind } from "./values";

type Shape = Pick<FieldDescriptor, "type" | "options" | "precision" | "scale" | "rules" | "widget" | "items">;

const EARLIEST = new Date("0100-01-01T00:00:00.000Z");
const LATEST = new Date("9999-12-31T23:59:59.999Z");
const DAY = 86_400_000;

/** Text PostgreSQL stores: no NUL (refused at the wire), no lone surrogates (fast-check's graphemes have none). */
const storableText = (maxLength: number) =>
  fc.string({ unit: "grapheme", maxLength }).filter((s) => !s.includes("\u0000") && s.length <= maxLength);

function decimalArb(shape: Shape): fc.Arbitrary<string> {
  const scale = shape.precision === undefined ? 6 : (shape.scale ?? 0);
  const integerDigits = shape.precision === undefined ? 20 : shape.precision - (shape.scale ?? 0);
  const digits = (max: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: max });
  return fc
    .tuple(fc.constantFrom("", "-", "+"), digits(integerDigits), digits(scale), fc.boolean())
    .map(([sign, int, frac, point]) => `${sign}${int || "0"}${frac ? `.${frac}` : point && scale > 0 ? "." : ""}`)
    .filter((v) => withinDecimalRules(v, shape));
}

function withinDecimalRules(value: string, shape: Shape): boolean {
  const { min, max } = shape.rules ?? {};
  if (min !== undefined && compareDecimal(value, numberToDecimal(min)) < 0) return false;
  if (max !== undefined && compareDecimal(value, numberToDecimal(max)) > 0) return false;
  return true;
}

function scalarArb(kind: ValueKind, shape: Shape): fc.Arbitrary<unknown> {
  const rules = shape.rules ?? {};
  switch (kind) {
    case "text":
      return storableText(Math.min(rules.maxLength ?? 40, 40));
    case "integer":
      return fc.oneof(
        fc.integer({ min: Math.max(rules.min ?? -1e6, -1e6), max: Math.min(rules.max ?? 1e6, 1e6) }),
        fc.constantFrom(rules.min ?? 0, rules.max ?? 0),
        fc.integer({ min: rules.min ?? Number.MIN_SAFE_INTEGER, max: rules.max ?? Number.MAX_SAFE_INTEGER }),
      );
    case "bigint":
      return fc.oneof(
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
        fc.constantFrom(9_007_199_254_740_993n, -(2n ** 63n), 2n ** 63n - 1n, 0n),
      );
    case "number":
      return fc
        .double({ noNaN: true, noDefaultInfinity: true, min: rules.min ?? -1e300, max: rules.max ?? 1e300 })
        .filter((n) => rules.max === undefined || n === 0 || Math.fround(n) !== 0)
        .map((n) => (Object.is(n, -0) ? 0 : n));
    case "decimal":
      return decimalArb(shape);
    case "boolean":
      return fc.boolean();
    case "date":
      return shape.widget === "date"
        ? fc
            .integer({ min: 0, max: Math.floor((LATEST.getTime() - EARLIEST.getTime()) / DAY) })
            .map((d) => new Date(EARLIEST.getTime() + d * DAY))
        : fc.date({ min: EARLIEST, max: LATEST, noInvalidDate: true });
    case "time":
      return fc
        .tuple(
          fc.integer({ min: 0, max: 23 }),
          fc.integer({ min: 0, max: 59 }),
          fc.option(fc.integer({ min: 0, max: 59 })),
        )
        .map(([h, m, s]) => [h, m, ...(s === null ? [] : [s])].map((n) => String(n).padStart(2, "0")).join(":"));
    case "uuid":
      return fc.uuid();
    case "enum":
      return fc.constantFrom(...(shape.options ?? []));
    case "file":
      // A valid file value is an upload of the caller's: the files tests make those; no table here has one.
      throw new Error("file values come from uploads (server/core/files tests)");
    case "json":
      return fc
        .jsonValue({ maxDepth: 3 })
        .filter((v) => !/\\u0000|"(__proto__|constructor|prototype)"/.test(JSON.stringify(v) ?? ""));
    case "array":
      return fc.array(scalarArb(shape.items ?? "text", shape), {
        maxLength: Math.min(shape.rules?.maxItems ?? 5, 5),
      });
  }
}

/** A value the field accepts (never null). */
export function validValue(shape: Shape): fc.Arbitrary<unknown> {
  return scalarArb(shape.type, shape);
}

/**
 * A create input over these fields: required ones always, others sometimes, nullable ones sometimes null.
 * `overrides` replaces a field's values (to keep clear of a table's own constraints, such as a unique column).
 */
export function validRecord(
  fields: FieldDescriptor[],
  overrides: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of fields) {
    const value = overrides[f.name] ?? validValue(f);
    shape[f.name] = f.nullable ? fc.option(value, { freq: 4 }) : value;
  }
  return fc.record(shape, { requiredKeys: fields.filter((f) => f.required).map((f) => f.name) });
}

const NOT_A_SCALAR = [{ a: 1 }, [1, 2], true, "text", 12.5, 7n, new Date("2020-01-01T00:00:00Z")] as const;

/**
 * Values this kind of field must refuse. With `typeOnly`, only values of the wrong type or format (what a filter
 * refuses too), not those outside the field's rules, length or precision (which a filter may compare with).
 */
export function garbage(shape: Shape, typeOnly = false): fc.Arbitrary<unknown> {
  if (typeOnly) return typeGarbage(shape);
  const rules = shape.rules ?? {};
  const others = (...keep: ((v: unknown) => boolean)[]) =>
    fc.constantFrom(...NOT_A_SCALAR.filter((v) => !keep.some((k) => k(v))));
  const isString = (v: unknown) => typeof v === "string";
  const isNumber = (v: unknown) => typeof v === "number";
  switch (shape.type) {
    case "text":
      return fc.oneof(others(isString), fc.constant("x".repeat((rules.maxLength ?? 10_000) + 1)));
    case "integer":
      return fc.oneof(
        others(isNumber),
        fc.constantFrom(1.5, Number.NaN, Number.POSITIVE_INFINITY, (rules.max ?? 0) + 1, (rules.min ?? 0) - 1, "12"),
      );
    case "bigint":
      return fc.oneof(
        others((v) => typeof v === "bigint"),
        fc.constantFrom(12, "12", 2n ** 63n, -(2n ** 63n) - 1n),
      );
    case "number":
      return fc.oneof(
        others(isNumber),
        fc.constantFrom(Number.NaN, Number.NEGATIVE_INFINITY, "1.5", ...(rules.max ? [rules.max * 10] : [])),
      );
    case "decimal":
      return fc.oneof(
        fc.constantFrom("12abc", "", " 12", "1e5", "NaN", "Infinity", "1.2.3", "--1", "0x10", 12.5, 12, true),
        ...(shape.scale !== undefined ? [fc.constant(`1.${"5".repeat(shape.scale + 1)}`)] : []),
        ...(shape.precision !== undefined
          ? [fc.constant(`${"9".repeat(shape.precision - (shape.scale ?? 0) + 1)}`)]
          : []),
        ...(rules.min !== undefined ? [fc.constant(`${numberToDecimal(rules.min)}`).map((m) => below(m))] : []),
      );
    case "boolean":
      return fc.oneof(
        others((v) => typeof v === "boolean"),
        fc.constantFrom("true", 1, 0),
      );
    case "date":
      return fc.constantFrom("not a date", "2026-13-45", "2026-02-30T25:00", true, 12345, "10000-01-01", { a: 1 });
    case "time":
      return fc.constantFrom("25:00", "12:60", "noon", "1230", 1230, "12:30:61", true);
    case "uuid":
      return fc.constantFrom("not-a-uuid", 123, "0000000-0000-0000-0000-000000000000", `${"a".repeat(36)}`);
    case "enum":
      return fc.constantFrom("angry", "", 1, "OK", "sad ");
    case "file":
      return fc.constantFrom("not-a-uuid", 12, { name: "x.png" }, { id: "x" }, [{ id: 1 }]);
    case "json":
      return fc.constantFrom(7n, new Map([["a", 1]]), new Set([1]), Number.NaN, { nested: [1, 2n] });
    case "array":
      return fc.oneof(
        fc.constantFrom("a, b", 12, { 0: "a" }),
        fc.constant(Array.from({ length: (rules.maxItems ?? 100) + 1 }, () => itemSample(shape.items))),
        garbage({ ...shape, type: shape.items ?? "text", rules: { ...rules, maxItems: undefined } }).map((g) => [g]),
        fc.constant([null]),
      );
  }
}

function below(min: string): string {
  const parsed = parseDecimal(min);
  if (parsed && !parsed.negative && parsed.integer === "" && parsed.fraction === "") return "-0.01";
  return `-${min.replace(/^-/, "")}1`;
}

function itemSample(kind: ValueKind | undefined): unknown {
  return kind === "integer" ? 1 : kind === "enum" ? "ok" : "a";
}

/** Values of the wrong type or format for this kind, whatever the bounds. */
export function typeGarbage(shape: Shape): fc.Arbitrary<unknown> {
  const not = (keep: (v: unknown) => boolean) => fc.constantFrom(...NOT_A_SCALAR.filter((v) => !keep(v)));
  switch (shape.type) {
    case "text":
      return not((v) => typeof v === "string");
    case "integer":
      return fc.oneof(
        not((v) => typeof v === "number"),
        fc.constantFrom(1.5, Number.NaN, Number.POSITIVE_INFINITY),
      );
    case "bigint":
      return fc.oneof(
        not((v) => typeof v === "bigint"),
        fc.constantFrom(12, "12"),
      );
    case "number":
      return fc.oneof(
        not((v) => typeof v === "number"),
        fc.constantFrom(Number.NaN, Number.NEGATIVE_INFINITY),
      );
    case "decimal":
      return fc.constantFrom("12abc", "", " 12", "1e5", "NaN", "Infinity", "1.2.3", 12.5, true);
    case "boolean":
      return fc.oneof(
        not((v) => typeof v === "boolean"),
        fc.constantFrom("true", 1),
      );
    case "array":
      return typeGarbage({ ...shape, type: shape.items ?? "text" });
    default:
      return garbage(shape);
  }
}
