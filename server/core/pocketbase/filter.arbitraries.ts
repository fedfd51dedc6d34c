/**
 * Test-only, for filter.test.ts: a table on paper (Drizzle, never created) with a field of every filterable kind,
 * its resource and `meta` description (what the PocketBase list endpoint hands the translator), the filter trees the
 * translator makes, and random ways of writing them in PocketBase syntax.
 */
import {
  bigint,
  boolean,
  doublePrecision,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  time,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import fc from "fast-check";
import { TIME_PATTERN } from "../field-schema";
import { type FilterNode, filterSchema } from "../filter";
import { operatorsFor } from "../filter-operators";
import { describeResource } from "../meta";
import { defineResource } from "../resource";
import type { FilterField, FilterTarget } from "./filter-fields";
import type { PrintStyle } from "./filter-print";
import { MAX_FILTER_DEPTH } from "./filter-translate";
import { naturalQuote, writeDate } from "./filter-values";

const mood = pgEnum("pb_filter_mood", ["draft", "published", `it's "quoted"`]);
const samples = pgTable("pb_filter_samples", {
  id: uuid("id").primaryKey().defaultRandom(),
  title: text("title"),
  count: integer("count"),
  score: doublePrecision("score"),
  big: bigint("big", { mode: "bigint" }),
  amount: numeric("amount"),
  active: boolean("active"),
  status: mood("status"),
  ref: uuid("ref"),
  alarm: time("alarm"),
  publishedAt: timestamp("published_at", { withTimezone: true }),
  tags: text("tags").array(),
  numbers: integer("numbers").array(),
  payload: jsonb("payload"),
  secret: text("secret"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
const f = { filterable: true } as const;
const resource = defineResource("pbFilterSamples", {
  table: samples,
  titleField: "title",
  fields: {
    id: f,
    title: f,
    count: f,
    score: f,
    big: f,
    amount: f,
    active: f,
    status: f,
    ref: f,
    alarm: f,
    publishedAt: f,
    tags: f,
    numbers: f,
    payload: f,
    createdAt: f,
    updatedAt: f,
  },
});
export const TARGET: FilterTarget = describeResource(
  resource,
  { pbFilterSamples: resource },
  { kind: "system", reason: "test" },
);
export const engineSchema = filterSchema(resource);
export const NOW = new Date("2026-03-15T12:34:56.789Z");
/** Runs of each property: raise with PB_FILTER_RUNS for a longer search. */
export const RUNS = Number(process.env.PB_FILTER_RUNS) || 300;

export function nesting(node: FilterNode): number {
  const children = [...(node.and ?? []), ...(node.or ?? []), ...(node.not ? [node.not] : [])];
  return children.reduce((deepest, child) => Math.max(deepest, 1 + nesting(child)), 0);
}

// ---- generated trees: exactly the shapes the translator makes ----

/** Characters that stress the quoting and the `~` escapes. */
const TRICKY = ["a", "Z", " ", "'", '"', "\\", "%", "_", "\n", "(", ")", "&&", "||", "//", "é", "😀", "=", "~"];
const anyText = fc
  .oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 10 }),
    fc.string({ unit: "binary", maxLength: 6 }),
  )
  .filter((s) => !s.endsWith("\\"));
const someText = anyText.filter((s) => s !== "");
const anyDate = fc.date({
  min: new Date("0100-01-02T00:00:00.000Z"),
  max: new Date("9999-12-30T23:59:59.999Z"),
  noInvalidDate: true,
});
/** Whole days, minutes and seconds too, so the shortest notations ('2024-01-01', '…T10:30Z') are written. */
const date = fc.oneof(
  anyDate,
  fc
    .tuple(anyDate, fc.constantFrom(86_400_000, 60_000, 1000))
    .map(([d, unit]) => new Date(d.getTime() - (d.getTime() % unit))),
);

function valuesOf(kind: FilterField["type"], field: FilterField): fc.Arbitrary<unknown> {
  switch (kind) {
    case "text":
      return someText;
    case "integer":
      return fc.integer();
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "bigint":
      return fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n);
    case "decimal":
      return fc.stringMatching(/^-?\d{1,8}(\.\d{1,4})?$/);
    case "boolean":
      return fc.boolean();
    case "date":
      return date;
    case "time":
      return fc.stringMatching(TIME_PATTERN);
    case "enum":
      return fc.constantFrom(...(field.options ?? []));
    case "uuid":
      return fc.uuid();
    default:
      throw new Error(`no values for ${kind}`);
  }
}

const COMPARISONS = ["eq", "ne", "gt", "gte", "lt", "lte"] as const;

function leavesOf(field: FilterField): fc.Arbitrary<FilterNode>[] {
  const at = (ops: Record<string, unknown>): FilterNode => ({ [field.name]: ops });
  if (field.type === "json") return [fc.boolean().map((b) => at({ isNull: b }))];
  if (field.type === "array") {
    const item = valuesOf(field.items ?? "text", field);
    return [
      item.map((v) => at({ has: v })),
      item.map((v) => ({ not: at({ has: v }) })),
      fc.boolean().map((b) => at({ isNull: b })),
    ];
  }
  const value = valuesOf(field.type, field);
  const leaves = COMPARISONS.filter((op) => operatorsFor(field.type).includes(op)).map((op) =>
    value.map((v) => at({ [op]: v })),
  );
  if (field.type !== "text") return [...leaves, fc.boolean().map((b) => at({ isNull: b }))];
  const like = someText.filter((s) => s.length <= 200);
  const contained = like.filter((s) => !s.endsWith("\\"));
  return [
    ...leaves,
    contained.map((v) => at({ contains: v })),
    like.map((v) => at({ startsWith: v })),
    contained.map((v) => ({ not: at({ contains: v }) })),
    like.map((v) => ({ not: at({ startsWith: v }) })),
    // "empty" and "not empty": PocketBase's `= ''` / `= null`.
    fc.constant({ or: [at({ isNull: true }), at({ eq: "" })] }),
    fc.constant({ and: [at({ isNull: false }), at({ ne: "" })] }),
  ];
}

const filterable = TARGET.fields.filter((field) => field.filterable);
const leaf = fc.oneof(...filterable.flatMap(leavesOf));

const { node: tree } = fc.letrec<{ node: FilterNode; and: FilterNode; or: FilterNode }>((tie) => ({
  node: fc.oneof({ maxDepth: 4, depthIdentifier: "tree" }, leaf, tie("and"), tie("or")),
  // An `and` never holds an `and` (the parser merges them), nor an `or` an `or`.
  and: fc
    .array(fc.oneof({ maxDepth: 4, depthIdentifier: "tree" }, leaf, tie("or")), { minLength: 2, maxLength: 5 })
    .map((items) => ({ and: items })),
  or: fc
    .array(fc.oneof({ maxDepth: 4, depthIdentifier: "tree" }, leaf, tie("and")), { minLength: 2, maxLength: 5 })
    .map((items) => ({ or: items })),
}));
export const engineTree = tree.filter((t) => nesting(t) <= MAX_FILTER_DEPTH);

// ---- random ways of writing the same filter ----

const GAPS = [" ", "", "  ", "\n", "\t", " // a comment (with 'quotes')\n", "\n\t "];

function offsetDate(d: Date, minutes: number): string {
  const local = new Date(d.getTime() + minutes * 60_000).toISOString().slice(0, 23);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The shortest text that still says the same moment: no milliseconds, seconds or time when they are zero. */
function shortestDate(d: Date): string {
  const iso = d.toISOString();
  if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
  if (iso.endsWith(":00.000Z")) return `${iso.slice(0, 16)}Z`;
  if (iso.endsWith(".000Z")) return `${iso.slice(0, 19)}Z`;
  return iso;
}

export const style: fc.Arbitrary<PrintStyle> = fc
  .record({
    gaps: fc.array(fc.constantFrom(...GAPS), { minLength: 1, maxLength: 8 }),
    flags: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
    quotes: fc.array(fc.constantFrom("'", '"', "natural"), { minLength: 1, maxLength: 4 }),
    dates: fc.array(fc.integer({ min: -14 * 60, max: 14 * 60 }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ gaps, flags, quotes, dates }) => {
    let [g, b, q, d] = [0, 0, 0, 0];
    const flag = () => flags[b++ % flags.length] ?? false;
    return {
      gap: () => gaps[g++ % gaps.length] ?? " ",
      wrap: flag,
      flip: flag,
      anyOf: flag,
      quote: (value: string) => {
        const pick = quotes[q++ % quotes.length];
        return pick === "'" || pick === '"' ? pick : naturalQuote(value);
      },
      date: (value: Date) => {
        const offset = dates[d++ % dates.length] ?? 0;
        const formats = [writeDate(value), value.toISOString(), shortestDate(value), offsetDate(value, offset)];
        return formats[Math.abs(offset) % formats.length] ?? writeDate(value);
      },
    };
  });
