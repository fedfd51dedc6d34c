/**
 * What `meta` says of every ordinary PostgreSQL column type (field-types.fixture.ts): kind, widget, the limits the
 * type implies, options and tones, required/nullable/default. Generated forms and tables render from exactly this.
 * Also: options that do not fit a column's type are refused when the router is built, naming the resource and key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createSamplesTable, samplesClient, typeSamples } from "./field-types.fixture";
import { describeResource, type FieldDescriptor, type ResourceDescriptor } from "./meta";
import { defineResource } from "./resource";
import { registryRouter } from "./router";
import { DEFAULT_MAX_ITEMS, DEFAULT_TEXT_MAX_LENGTH } from "./rules";

let t: TestDatabase;
let meta: ResourceDescriptor;

beforeAll(async () => {
  t = await createTestDatabase();
  await createSamplesTable(t);
  const answer = await samplesClient(t)("query", "samples.meta", undefined);
  expect(answer.status).toBe(200);
  meta = answer.data as ResourceDescriptor;
});
afterAll(() => t.drop());

const field = (name: string) => meta.fields.find((f) => f.name === name) as FieldDescriptor;
const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };

/** The parts of each descriptor this test is about, per column. */
const EXPECTED: Record<string, Partial<FieldDescriptor>> = {
  title: { type: "text", widget: "text", required: true, nullable: false, rules: { maxLength: 200 } },
  code: { type: "text", widget: "text", required: false, nullable: true, rules: { maxLength: 8 } },
  count: { type: "integer", widget: "number", nullable: true, rules: INT32 },
  big: { type: "bigint", widget: "number", nullable: true },
  safeBig: {
    type: "integer",
    widget: "number",
    rules: { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  },
  small: { type: "integer", required: false, nullable: false, default: 0, rules: { min: -32_768, max: 32_767 } },
  ratio: { type: "number", widget: "number", rules: { min: -3.4028235e38, max: 3.4028235e38 } },
  score: { type: "number", widget: "number" },
  amount: { type: "decimal", widget: "decimal", label: "Budget", precision: 8, scale: 2, rules: { min: 0 } },
  anyNumeric: { type: "decimal", widget: "decimal" },
  active: { type: "boolean", widget: "switch", required: false, nullable: false, default: true },
  day: { type: "date", widget: "date" },
  dayText: { type: "date", widget: "date" },
  at: { type: "date", widget: "datetime" },
  localAt: { type: "date", widget: "datetime" },
  alarm: { type: "time", widget: "time" },
  ref: { type: "uuid", widget: "text" },
  mood: {
    type: "enum",
    widget: "select",
    options: ["sad", "ok", "happy"],
    tones: { sad: "blue", ok: "green", happy: "green" },
    required: false,
    nullable: false,
    default: "ok",
  },
  payload: { type: "json", widget: "json" },
  doc: { type: "json", widget: "json" },
  labels: {
    type: "array",
    items: "text",
    widget: "tags",
    required: false,
    nullable: false,
    default: [],
    rules: { maxItems: 5, maxLength: 20 },
  },
  numbers: { type: "array", items: "integer", widget: "tags", rules: { ...INT32, maxItems: DEFAULT_MAX_ITEMS } },
  moods: {
    type: "array",
    items: "enum",
    options: ["sad", "ok", "happy"],
    tones: { sad: "blue", ok: "green", happy: "amber" },
    rules: { maxItems: DEFAULT_MAX_ITEMS, maxLength: undefined },
  },
};

describe("meta describes every column type", () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: ${expected.type}`, () => {
      const described = field(name);
      for (const [key, value] of Object.entries(expected)) {
        if (key === "rules") expect(described.rules ?? {}, `${name}.rules`).toEqual(stripUndefined(value));
        else expect(described[key as keyof FieldDescriptor], `${name}.${key}`).toEqual(value);
      }
    });
  }

  it("numeric without precision has neither precision nor scale; text gets the default maximum", () => {
    expect(field("anyNumeric").precision).toBeUndefined();
    expect(field("anyNumeric").scale).toBeUndefined();
    expect(field("anyNumeric").rules).toBeUndefined();
    expect(defineOnly({}).fields.find((f) => f.name === "title")?.rules).toEqual({
      maxLength: DEFAULT_TEXT_MAX_LENGTH,
    });
  });

  it("default tones follow the option's position, not the rows: stable whatever the data", () => {
    const plain = defineOnly({}).fields.find((f) => f.name === "mood");
    expect(plain?.tones).toEqual({ sad: "blue", ok: "green", happy: "amber" });
  });
});

function stripUndefined(value: unknown) {
  return Object.fromEntries(Object.entries(value as object).filter(([, v]) => v !== undefined));
}

/** The descriptor of the same table with other field options, as a system caller sees it. */
function defineOnly(fields: Record<string, object>) {
  const resource = defineResource("samples", { table: typeSamples, titleField: "title", fields: fields as never });
  return describeResource(resource, { samples: resource }, { kind: "system", reason: "test" });
}

describe("options that do not fit the type are refused at start, naming the resource and key", () => {
  const build = (fields: Record<string, object>) => () =>
    registryRouter({
      samples: defineResource("samples", {
        table: typeSamples,
        titleField: "title",
        fields: fields as never,
      }),
    });

  it("an array or JSON field cannot be sortable", () => {
    expect(build({ labels: { sortable: true } })).toThrow('resource "samples": fields.labels is an array');
    expect(build({ payload: { sortable: true } })).toThrow('resource "samples": fields.payload is JSON');
  });

  it("only text can be searchable (ilike on a number or an enum would fail on every search)", () => {
    expect(build({ amount: { searchable: true } })).toThrow(
      'resource "samples": fields.amount is decimal, not text: only text fields can be searchable',
    );
    expect(build({ mood: { searchable: true } })).toThrow("fields.mood is enum, not text");
  });

  it("tones name the enum's own values", () => {
    expect(build({ mood: { tones: { angry: "red" } } })).toThrow(
      'resource "samples": fields.mood has a tone for "angry", which is not one of its values',
    );
    expect(build({ title: { tones: { x: "red" } } })).toThrow("fields.title has tones, but it is not an enum");
  });
});
