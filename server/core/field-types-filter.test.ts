/**
 * Filter and sort on every ordinary PostgreSQL column type (field-types.fixture.ts), over HTTP through the real tRPC
 * stack on a real PostgreSQL. For every filterable field and every operator its kind takes (filter-operators.ts,
 * which the table's filter UI offers): generated values always answer 200 with the rows a plain JavaScript reading
 * of the operator selects; values of the wrong type are a 400 naming the field. Operators a kind does not take
 * (`contains` on a number, `eq` on an array) are a 400 too. Every sortable field sorts as PostgreSQL's ORDER BY does.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { compareDecimal } from "./decimal";
import { typeGarbage, validRecord, validValue } from "./field-types.arbitraries";
import { createSamplesTable, OVERRIDES, samplesClient, samplesResource } from "./field-types.fixture";
import { FILTER_OPERATORS, type FilterOperator, operatorsFor } from "./filter-operators";
import type { FieldDescriptor, ResourceDescriptor } from "./meta";

/** Runs per field x operator (about 175 pairs): raise with FIELD_TYPES_RUNS for a longer search. */
const RUNS = Number(process.env.FIELD_TYPES_RUNS) || 6;
const ROWS = 40;
const REAL_MAX = 3.4028235e38;

type Rec = Record<string, unknown>;
let t: TestDatabase;
let call: ReturnType<typeof samplesClient>;
let meta: ResourceDescriptor;
let rows: Rec[];

beforeAll(async () => {
  t = await createTestDatabase();
  await createSamplesTable(t);
  call = samplesClient(t);
  meta = (await call("query", "samples.meta", undefined)).data as ResourceDescriptor;
  const writable = meta.fields.filter((f) => f.canCreate);
  // Fixed rows (a fixed seed), several sharing values, so that equality filters find something.
  const inputs = fc.sample(validRecord(writable, OVERRIDES), { numRuns: ROWS, seed: 14 });
  for (const [i, input] of inputs.entries()) {
    const copy = i % 4 === 3 ? { ...inputs[i - 1], ...OVERRIDE_ONCE(i) } : input;
    const answer = await call("mutation", "samples.create", { ...copy, title: copy.title ?? `Row ${i}` });
    expect(answer.status, JSON.stringify(answer.error)).toBe(200);
  }
  rows = ((await call("query", "samples.list", { perPage: 500 })).data as { items: Rec[] }).items;
  expect(rows).toHaveLength(ROWS);
}, 120_000);
afterAll(() => t.drop());

/** A copied row keeps every value but its unique code. */
const OVERRIDE_ONCE = (i: number) => ({ code: `dup${i}` });

const filterable = () => meta.fields.filter((f) => f.filterable);

/** Values to filter by: generated ones, and ones the rows hold (so that eq and has find rows). */
function filterValue(f: FieldDescriptor): fc.Arbitrary<unknown> {
  const held = rows.map((r) => r[f.name]).filter((v) => v !== null && v !== undefined);
  const items = f.type === "array" ? (held as unknown[][]).flat() : held;
  const generated = f.type === "array" ? validValue({ ...f, type: f.items ?? "text" }) : validValue(f);
  return items.length ? fc.oneof(generated, fc.constantFrom(...items)) : generated;
}

function operand(f: FieldDescriptor, op: FilterOperator): fc.Arbitrary<unknown> {
  if (op === "isNull") return fc.boolean();
  if (op === "contains" || op === "startsWith") {
    return fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !s.includes("\u0000"));
  }
  if (op === "in" || op === "notIn" || op === "hasAll" || op === "hasAny") {
    return fc.array(filterValue(f), { minLength: 1, maxLength: 4 });
  }
  return filterValue(f);
}

/** Orders two non-null values of a kind as PostgreSQL does; undefined where collation decides (text). */
function compare(f: FieldDescriptor, a: unknown, b: unknown): number | undefined {
  switch (f.type) {
    case "integer":
    case "number": {
      // real columns (their implied bound is float4's) compare in float4: the operand is rounded like the stored value.
      const round = f.rules?.max === REAL_MAX ? Math.fround : Number;
      return Math.sign(round(a as number) - round(b as number));
    }
    case "bigint":
      return a === b ? 0 : (a as bigint) < (b as bigint) ? -1 : 1;
    case "decimal":
      return compareDecimal(a as string, b as string);
    case "date":
      return Math.sign(dateKey(f, a) - dateKey(f, b));
    case "time":
      return timeKey(a as string).localeCompare(timeKey(b as string));
    case "text":
      return undefined;
    default:
      return a === b ? 0 : undefined;
  }
}

/** A date column compares the day: a Date operand is cut to its UTC day, as PostgreSQL casts it to `date`. */
function dateKey(f: FieldDescriptor, value: unknown): number {
  const time = typeof value === "string" ? Date.parse(value) : (value as Date).getTime();
  return f.widget === "date" ? Math.floor(time / 86_400_000) : time;
}

const timeKey = (t: string) => (t.length === 5 ? `${t}:00` : t);

const same = (f: FieldDescriptor, a: unknown, b: unknown) =>
  f.type === "text" || f.type === "enum" || f.type === "uuid" || f.type === "boolean"
    ? a === b
    : compare(f, a, b) === 0;

/** Which rows the operator selects, read plainly; undefined when only PostgreSQL's collation could say. */
function expected(f: FieldDescriptor, op: FilterOperator, value: unknown): Rec[] | undefined {
  const v = (row: Rec) => row[f.name];
  const present = (row: Rec) => v(row) !== null && v(row) !== undefined;
  const holds = (row: Rec, item: unknown) => present(row) && (v(row) as unknown[]).some((x) => same(f, x, item));
  const ordered = (test: (c: number) => boolean) => (row: Rec) => {
    if (!present(row)) return false;
    const c = compare(f, v(row), value);
    if (c === undefined) throw new Error("no order");
    return test(c);
  };
  try {
    switch (op) {
      case "eq":
        return rows.filter((r) => present(r) && same(f, v(r), value));
      case "ne":
        return rows.filter((r) => !present(r) || !same(f, v(r), value));
      case "in":
        return rows.filter((r) => present(r) && (value as unknown[]).some((x) => same(f, v(r), x)));
      case "notIn":
        return rows.filter((r) => !present(r) || !(value as unknown[]).some((x) => same(f, v(r), x)));
      case "isNull":
        return rows.filter((r) => present(r) !== value);
      case "gt":
        return rows.filter(ordered((c) => c > 0));
      case "gte":
        return rows.filter(ordered((c) => c >= 0));
      case "lt":
        return rows.filter(ordered((c) => c < 0));
      case "lte":
        return rows.filter(ordered((c) => c <= 0));
      case "has":
        return rows.filter((r) => holds(r, value));
      case "hasAll":
        return rows.filter((r) => present(r) && (value as unknown[]).every((x) => holds(r, x)));
      case "hasAny":
        return rows.filter((r) => (value as unknown[]).some((x) => holds(r, x)));
      default:
        return undefined; // contains, startsWith: case folding is the database's
    }
  } catch {
    return undefined;
  }
}

/** For failure messages: JSON with bigints written as 7n. */
const show = (value: unknown) => JSON.stringify(value, (_k, x) => (typeof x === "bigint" ? `${x}n` : x));

const ids = (list: Rec[]) => list.map((r) => r.id as string).sort();

describe("every filterable field x every operator its kind takes", () => {
  it("covers every kind the engine knows", () => {
    const kinds = new Set(filterable().map((f) => f.type));
    expect([...kinds].sort()).toEqual(
      [
        "array",
        "bigint",
        "boolean",
        "date",
        "decimal",
        "enum",
        "integer",
        "json",
        "number",
        "text",
        "time",
        "uuid",
      ].sort(),
    );
  });

  for (const name of samplesResource.info.filterKeys) {
    it(`${name}: generated values answer 200 with the rows the operator selects`, async () => {
      const f = meta.fields.find((x) => x.name === name) as FieldDescriptor;
      for (const op of operatorsFor(f.type)) {
        await fc.assert(
          fc.asyncProperty(operand(f, op), async (value) => {
            const answer = await call("query", "samples.list", { perPage: 500, filter: { [name]: { [op]: value } } });
            expect(answer.status, `${name}.${op} ${JSON.stringify(answer.error)}`).toBe(200);
            const want = expected(f, op, value);
            if (want) expect(ids((answer.data as { items: Rec[] }).items), `${name}.${op}`).toEqual(ids(want));
          }),
          { numRuns: RUNS, endOnFailure: true },
        );
      }
    }, 120_000);

    it(`${name}: values of the wrong type, and operators its kind does not take, are a 400 naming it`, async () => {
      const f = meta.fields.find((x) => x.name === name) as FieldDescriptor;
      const refuse = async (filter: Rec) => {
        const answer = await call("query", "samples.list", { filter });
        expect(answer.status, show(filter)).toBe(400);
        const keys = Object.keys(answer.error?.data.fieldErrors ?? {});
        expect(
          keys.some((k) => k.startsWith(`filter.${name}`)),
          `${JSON.stringify(answer.error)}`,
        ).toBe(true);
      };
      for (const op of operatorsFor(f.type)) {
        const bad =
          op === "isNull"
            ? fc.constantFrom("yes", 1, null)
            : op === "contains" || op === "startsWith"
              ? fc.constantFrom("", 5, "x".repeat(201))
              : op === "in" || op === "notIn" || op === "hasAll" || op === "hasAny"
                ? fc.oneof(
                    fc.constant([]),
                    typeGarbage(f).map((g) => [g]),
                    typeGarbage(f).filter((g) => !Array.isArray(g)),
                  )
                : typeGarbage(f);
        await fc.assert(
          fc.asyncProperty(bad, (value) => refuse({ [name]: { [op]: value } })),
          {
            numRuns: Math.max(2, Math.ceil(RUNS / 2)),
            endOnFailure: true,
          },
        );
      }
      for (const op of FILTER_OPERATORS.filter((o) => !operatorsFor(f.type).includes(o))) {
        await refuse({ [name]: { [op]: op === "in" ? ["x"] : "x" } });
      }
    }, 120_000);
  }
});

describe("sort: every sortable field, both ways, as PostgreSQL orders it", () => {
  it("answers 200 in ORDER BY's order, NULLs last, the id breaking ties", async () => {
    for (const f of meta.fields.filter((x) => x.sortable)) {
      const sqlName = samplesResource.info.columns[f.name]?.name;
      for (const desc of [false, true]) {
        const answer = await call("query", "samples.list", { perPage: 500, sort: [`${desc ? "-" : ""}${f.name}`] });
        expect(answer.status).toBe(200);
        const order = await t.sql.unsafe(
          `select id from type_samples order by "${sqlName}" ${desc ? "desc" : "asc"} nulls last, id asc`,
        );
        expect(
          (answer.data as { items: Rec[] }).items.map((r) => r.id),
          `${f.name} ${desc ? "desc" : "asc"}`,
        ).toEqual(order.map((r) => r.id));
      }
    }
  });
});
