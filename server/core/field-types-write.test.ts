/**
 * Create and update with every ordinary PostgreSQL column type (field-types.fixture.ts), over HTTP through the real
 * tRPC stack on a real PostgreSQL. Property-based: any valid value of each field (generated from its `meta`
 * descriptor) is stored and read back exactly; garbage in any one field is a 400 naming that field, with the
 * database unchanged. Then the cases the issue names: numeric min, "12abc", scale, precision, bigint past 2^53.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { compareDecimal } from "./decimal";
import { garbage, validRecord as recordOf, validValue } from "./field-types.arbitraries";
import { type Answer, createSamplesTable, fingerprint, OVERRIDES, samplesClient } from "./field-types.fixture";
import type { FieldDescriptor, ResourceDescriptor } from "./meta";

const RUNS = Number(process.env.FIELD_TYPES_RUNS) || 25;

let t: TestDatabase;
let call: ReturnType<typeof samplesClient>;
let meta: ResourceDescriptor;
let writable: FieldDescriptor[];
type Rec = Record<string, unknown>;

beforeAll(async () => {
  t = await createTestDatabase();
  await createSamplesTable(t);
  call = samplesClient(t);
  meta = (await call("query", "samples.meta", undefined)).data as ResourceDescriptor;
  writable = meta.fields.filter((f) => f.canCreate);
});
afterAll(() => t.drop());

const field = (name: string) => meta.fields.find((f) => f.name === name) as FieldDescriptor;

/** Valid values of one field, less those the table's constraints refuse (a taken code, the forbidden 13). */
function valueFor(name: string): fc.Arbitrary<unknown> {
  return OVERRIDES[name] ?? validValue(field(name));
}

/** A value for a failure message: JSON (bigints as digits), never String(), which throws on `{ toString: false }`. */
function show(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : v)) ?? "undefined";
}

/** How PostgreSQL gives back what was sent: exact for every kind but `real`, which keeps float4 precision. */
function expectStored(f: FieldDescriptor, got: unknown, sent: unknown) {
  const where = `${f.name}: sent ${show(sent)}, got ${show(got)}`;
  if (sent === null || got === null) return expect(got, where).toBe(sent);
  switch (f.type) {
    case "decimal":
      return expect(compareDecimal(got as string, sent as string), where).toBe(0);
    case "number":
      return f.rules?.max !== undefined // real
        ? expect(Math.fround(got as number), where).toBe(Math.fround(sent as number))
        : expect(got, where).toBe(sent);
    case "date":
      if (typeof got === "string") {
        return expect(got, where).toBe(typeof sent === "string" ? sent : (sent as Date).toISOString().slice(0, 10));
      }
      return expect((got as Date).getTime(), where).toBe((sent as Date).getTime());
    case "time":
      return expect(got, where).toBe((sent as string).length === 5 ? `${sent}:00` : sent);
    case "json":
      return expect(JSON.parse(JSON.stringify(got)), where).toEqual(JSON.parse(JSON.stringify(sent)));
    default:
      return expect(got, where).toEqual(sent);
  }
}

function expectRefusedNaming(answer: Answer, name: string) {
  expect(answer.status, JSON.stringify(answer.error)).toBe(400);
  const keys = Object.keys(answer.error?.data.fieldErrors ?? {});
  expect(
    keys.some((k) => k === name || k.startsWith(`${name}.`)),
    `${name} not named in ${JSON.stringify(answer.error)}`,
  ).toBe(true);
}

describe("create and update: every type, any valid value, read back exactly", () => {
  it("create stores what was sent, for every field at once", async () => {
    await fc.assert(
      fc.asyncProperty(recordOf(writable, OVERRIDES), async (input) => {
        const created = await call("mutation", "samples.create", input);
        expect(created.status, JSON.stringify(created.error)).toBe(200);
        const id = (created.data as Rec).id;
        const got = (await call("query", "samples.get", { id })).data as Rec;
        for (const [name, value] of Object.entries(input)) expectStored(field(name), got[name], value);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it("update changes one field to any valid value", async () => {
    const base = await call("mutation", "samples.create", { title: "Update target" });
    const id = (base.data as Rec).id;
    const change = fc
      .constantFrom(...writable.map((f) => f.name))
      .chain((name) => fc.tuple(fc.constant(name), valueFor(name)));
    await fc.assert(
      fc.asyncProperty(change, async ([name, value]) => {
        const updated = await call("mutation", "samples.update", { id, data: { [name]: value } });
        expect(updated.status, JSON.stringify(updated.error)).toBe(200);
        expectStored(field(name), (updated.data as Rec)[name], value);
      }),
      { numRuns: RUNS * 2 },
    );
  }, 120_000);
});

describe("history and revert carry every type", () => {
  it("reverting to the first version restores every field exactly (dates, bigints, decimals, arrays, JSON)", async () => {
    const [first, second] = fc.sample(recordOf(writable, OVERRIDES), { numRuns: 2, seed: 7 }) as [Rec, Rec];
    const created = await call("mutation", "samples.create", { ...first, big: 9_007_199_254_740_993n });
    expect(created.status, JSON.stringify(created.error)).toBe(200);
    const id = (created.data as Rec).id;
    const original = (await call("query", "samples.get", { id })).data as Rec;
    const changed = await call("mutation", "samples.update", { id, data: { ...second, big: -1n } });
    expect(changed.status, JSON.stringify(changed.error)).toBe(200);
    const history = (await call("query", "samples.history", { id })).data as { items: { id: number }[] };
    const firstEntry = history.items.at(-1)?.id;
    const reverted = await call("mutation", "samples.revert", { id, entryId: firstEntry });
    expect(reverted.status, JSON.stringify(reverted.error)).toBe(200);
    const now = (await call("query", "samples.get", { id })).data as Rec;
    for (const f of writable) expectStored(f, now[f.name], original[f.name]);
  });
});

describe("garbage in any one field: a 400 naming it, nothing written", () => {
  const corrupted = () =>
    fc
      .constantFrom(...writable)
      .chain((f) => fc.tuple(fc.constant(f.name), f.nullable ? garbage(f) : fc.oneof(garbage(f), fc.constant(null))));

  it("create", async () => {
    await fc.assert(
      fc.asyncProperty(recordOf(writable, OVERRIDES), corrupted(), async (input, [name, bad]) => {
        const before = await fingerprint(t);
        const answer = await call("mutation", "samples.create", { ...input, [name]: bad });
        expectRefusedNaming(answer, name);
        expect(await fingerprint(t)).toBe(before);
      }),
      { numRuns: RUNS * 2 },
    );
  }, 120_000);

  it("update", async () => {
    const base = await call("mutation", "samples.create", { title: "Refusal target" });
    const id = (base.data as Rec).id;
    await fc.assert(
      fc.asyncProperty(corrupted(), async ([name, bad]) => {
        const before = await fingerprint(t);
        const answer = await call("mutation", "samples.update", { id, data: { [name]: bad } });
        expectRefusedNaming(answer, name);
        expect(await fingerprint(t)).toBe(before);
      }),
      { numRuns: RUNS * 2 },
    );
  }, 120_000);
});

describe("the cases from the issue, and each type's edges", () => {
  const create = (data: Rec) => call("mutation", "samples.create", { title: "Edge", ...data });
  const refused = async (data: Rec, name: string, message: string) => {
    const before = await fingerprint(t);
    const answer = await create(data);
    expectRefusedNaming(answer, name);
    expect(answer.error?.data.fieldErrors?.[name]).toEqual([message]);
    // One field wrong: the summary is its message, which names the field by its label ("Budget", not "amount").
    expect(answer.error?.message).toBe(message);
    expect(await fingerprint(t)).toBe(before);
  };

  it("a field named `data` (like update's envelope) is reported on itself by create and by update, never _form", async () => {
    await refused({ data: "x".repeat(41) }, "data", "Data must be at most 40 characters");
    const created = await create({ data: "ok" });
    expect(created.status).toBe(200);
    const id = (created.data as Rec).id;
    const update = await call("mutation", "samples.update", { id, data: { data: "y".repeat(41) } });
    expect(update.error?.data.fieldErrors).toEqual({ data: ["Data must be at most 40 characters"] });
    const nul = await call("mutation", "samples.create", { title: "Edge", data: "a\u0000b" });
    expect(nul.error?.data.fieldErrors).toEqual({ data: ["Data must not contain NUL characters"] });
    const updated = await call("mutation", "samples.update", { id, data: { title: 5 } });
    expect(updated.error?.data.fieldErrors).toEqual({ title: ["Title must be text"] });
    expect(updated.error?.message).toBe("Title must be text");
  });

  it("numeric: min 0 enforced exactly, text that is no number, scale and precision, each naming the field", async () => {
    await refused({ amount: "-5" }, "amount", "Budget must be at least 0");
    await refused({ amount: "-0.01" }, "amount", "Budget must be at least 0");
    await refused({ amount: "12abc" }, "amount", "Budget must be a number");
    await refused({ amount: "1.234" }, "amount", "Budget must have at most 2 digits after the point");
    await refused({ amount: "1234567" }, "amount", "Budget must have at most 6 digits before the point");
    await refused({ amount: 12.5 }, "amount", 'Budget must be a number written as text, like "12.50"');
  });

  it("json and jsonb keep a string that reads as JSON a string ('0', 'true', '[1]'), and every other value as sent", async () => {
    for (const value of ["0", "true", "[1]", '{"a":1}', "null", "", 0, true, null, [1, "2"], { a: "0" }]) {
      const answer = await create({ doc: value, payload: value });
      expect(answer.status, JSON.stringify(answer.error)).toBe(200);
      const id = (answer.data as Rec).id as string;
      const read = (await call("query", "samples.get", { id })).data as Rec;
      expect(read.doc, JSON.stringify(value)).toEqual(value);
      expect(read.payload, JSON.stringify(value)).toEqual(value);
    }
  });

  it("numeric keeps every cent: strings in, strings out, no float on the way", async () => {
    for (const [sent, stored] of [
      ["999999.99", "999999.99"],
      ["0.1", "0.10"],
      ["-0", "0.00"],
      ["+12.5", "12.50"],
      ["1.230", "1.23"],
    ]) {
      const answer = await create({ amount: sent });
      expect(answer.status, JSON.stringify(answer.error)).toBe(200);
      expect((answer.data as Rec).amount).toBe(stored);
    }
    // Past what a double holds (17 significant digits): every digit kept.
    const long = "-12345678901234567890.123456789012345678901";
    expect(((await create({ anyNumeric: long })).data as Rec).anyNumeric).toBe(long);
  });

  it("bigint: 9007199254740993n round-trips through superjson and PostgreSQL without precision loss", async () => {
    const big = 9_007_199_254_740_993n;
    const answer = await create({ big });
    expect((answer.data as Rec).big).toBe(big);
    const [row] =
      await t.sql`select big::text as big from type_samples where id = ${(answer.data as Rec).id as string}`;
    expect(row?.big).toBe("9007199254740993");
    await refused({ big: 2n ** 63n }, "big", "Big must be at most 9223372036854775807");
    await refused({ safeBig: 2 ** 53 }, "safeBig", "Safe Big must be at most 9007199254740991");
  });

  it("integers are range-checked per column, with the label", async () => {
    await refused({ small: 40_000 }, "small", "Small must be at most 32767");
    await refused({ count: 2 ** 31 }, "count", "Count must be at most 2147483647");
    await refused({ count: 1.5 }, "count", "Count must be a whole number");
  });

  it("real: beyond float4, or so close to zero it would underflow, is a 400 (PostgreSQL would refuse it)", async () => {
    await refused({ ratio: 1e39 }, "ratio", "Ratio must be at most 3.4028235e+38");
    await refused({ ratio: 1e-50 }, "ratio", "Ratio is too close to zero to be stored (use 0)");
    const smallest = await create({ ratio: 1e-45 });
    expect(smallest.status).toBe(200);
  });

  it("varchar(n) takes n characters, not n + 1", async () => {
    expect((await create({ code: "12345678" })).status).toBe(200);
    await refused({ code: "123456789" }, "code", "Code must be at most 8 characters");
  });

  it("dates, times, enums, uuids, JSON and arrays say what they take", async () => {
    await refused({ day: "2026-02-30" }, "day", "Day must be a date");
    await refused({ at: true }, "at", "At must be a date");
    await refused({ alarm: "25:00" }, "alarm", "Alarm must be a time like 14:30");
    await refused({ mood: "angry" }, "mood", "Mood must be one of: sad, ok, happy");
    await refused({ ref: "nope" }, "ref", "Ref must be a UUID");
    await refused({ labels: ["a", "b", "c", "d", "e", "f"] }, "labels", "Labels must have at most 5 items");
    await refused({ title: null }, "title", "Title is required");
    const answer = await create({ payload: { n: 2n } });
    expectRefusedNaming(answer, "payload");
  });

  it("nullable fields take null; not-null fields with a default take their default when left out", async () => {
    const answer = await create({ count: null, amount: null, labels: undefined });
    expect(answer.status).toBe(200);
    const row = answer.data as Rec;
    expect(row).toMatchObject({ count: null, amount: null, small: 0, active: true, mood: "ok", labels: [] });
  });

  it("a unique violation is a 409 naming the field; a check violation a 400 naming it", async () => {
    expect((await create({ code: "UNIQUE1" })).status).toBe(200);
    const before = await fingerprint(t);
    const dup = await create({ code: "UNIQUE1" });
    expect(dup.status).toBe(409);
    expect(Object.keys(dup.error?.data.fieldErrors ?? {})).toEqual(["code"]);
    const check = await create({ small: 13 });
    expectRefusedNaming(check, "small");
    expect(await fingerprint(t)).toBe(before);
  });
});
