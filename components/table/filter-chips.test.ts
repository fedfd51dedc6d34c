/**
 * The table's filter chips against the real list API, over HTTP on a real PostgreSQL, for every ordinary column type
 * (the engine's samples table, server/core/field-types.fixture.ts): whatever a person types or picks in a field's
 * filter control, the filter the chip builds survives the URL and the list answers 200 (never a 400 the UI caused,
 * never a 500). Decimal and bigint ranges select exactly, past a float's digits.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FieldDescriptor } from "@/components/form/field-kinds";
import { formattersFor } from "@/components/format/formatters";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { validValue } from "@/server/core/field-types.arbitraries";
import { createSamplesTable, samplesClient } from "@/server/core/field-types.fixture";
import { operatorsFor } from "@/server/core/filter-operators";
import type { ResourceDescriptor } from "@/server/core/meta";
import { filterSummary, sameFilter } from "./filter-chip";
import { minuteOf, minuteParts, minuteText } from "./filter-dates.arbitraries";
import { controlOps, instantFilterText, isCalendarDate, parseFilterInput, scalarFilterText } from "./filter-values";
import { toListInput } from "./list-input";
import { buildSpec } from "./spec";
import { decodeTableState, encodeTableState, type FieldFilter, type TableState } from "./url-state";

let t: TestDatabase;
let call: ReturnType<typeof samplesClient>;
let meta: ResourceDescriptor;

const RUNS = Number(process.env.FILTER_CHIP_RUNS) || 20;

beforeAll(async () => {
  t = await createTestDatabase();
  await createSamplesTable(t);
  call = samplesClient(t);
  meta = (await call("query", "samples.meta", undefined)).data as ResourceDescriptor;
  // Arrived (`at`, a timestamp) on either side of the minutes 14:05 and 14:20 of a day, on this process's clock.
  for (const [title, amount, big, labels, numbers, at] of [
    ["cheap", "1234.49", 9_007_199_254_740_993n, ["red", "blue"], [1, 2], new Date(2026, 10, 29, 14, 4, 59, 999)],
    ["exact", "1234.50", 9_007_199_254_740_992n, ["blue"], [2, 3], new Date(2026, 10, 29, 14, 5)],
    ["dear", "999999.99", -5n, [], null, new Date(2026, 10, 29, 14, 20, 59, 999)],
    ["late", "1", 0n, [], null, new Date(2026, 10, 29, 14, 21)],
  ] as const) {
    const answer = await call("mutation", "samples.create", { title, amount, big, labels, numbers, at });
    expect(answer.status, JSON.stringify(answer.error)).toBe(200);
  }
}, 120_000);
afterAll(() => t.drop());

/** Text a person might type into a field's filter: a value of its kind written out, or anything at all. */
function typed(field: FieldDescriptor): fc.Arbitrary<string> {
  const kind = field.type === "array" ? (field.items ?? "text") : field.type;
  const valid = validValue({ ...field, type: kind, rules: undefined }).map((v) =>
    v instanceof Date ? v.toISOString().slice(0, 10) : String(v),
  );
  return fc.oneof(valid, fc.string({ maxLength: 24 }), fc.constantFrom("1e3", "0x10", "1,234.5", " 7 ", "-", "."));
}

/** The filter a field's control builds from what was typed or picked (as filters.tsx does). */
function chipFilter(field: FieldDescriptor): fc.Arbitrary<FieldFilter> {
  const end = (text: string) => {
    const read = parseFilterInput(field, text);
    return read.ok && read.text !== "" ? read.text : undefined;
  };
  switch (field.type) {
    case "text":
      return fc.string({ minLength: 1, maxLength: 200 }).map((s) => ({ contains: s.trim() || "x" }));
    case "enum":
      return fc.subarray(field.options ?? [], { minLength: 1 }).map((picked) => ({ in: picked }));
    case "boolean":
      return fc.constantFrom("true", "false").map((eq) => ({ eq }));
    case "uuid":
      return fc.uuid().map((eq) => ({ eq }));
    case "date": {
      const day = fc
        .date({ min: new Date("0001-01-01"), max: new Date("9999-12-31"), noInvalidDate: true })
        .map((d) => scalarFilterText("date", d.toISOString().slice(0, 10)) ?? undefined);
      if (isCalendarDate(field)) return day.map((gte) => ({ gte }));
      // A timestamp's inputs give minutes; older links, whole days.
      const end = fc.oneof(
        day,
        minuteText.map((t) => instantFilterText(t) ?? undefined),
      );
      return fc.record({ gte: end, lte: end });
    }
    case "array":
      return typed(field).map((text) => ({ has: end(text) }));
    default:
      return fc.tuple(typed(field), typed(field)).map(([a, b]) => ({ gte: end(a), lte: end(b) }));
  }
}

const defined = (filter: FieldFilter) =>
  Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as FieldFilter;

describe("filter chips", () => {
  it("offer only operators the engine takes for each kind", () => {
    for (const field of meta.fields) {
      for (const op of controlOps(field.type)) expect(operatorsFor(field.type)).toContain(op);
    }
    expect(controlOps("decimal")).not.toContain("contains");
    expect(controlOps("array")).not.toContain("eq");
  });

  it("build, for anything typed, a filter the URL keeps and the list answers", async () => {
    const spec = buildSpec(meta);
    const base = decodeTableState("", spec);
    const fields = meta.fields.filter((f) => f.filterable && controlOps(f.type).length > 0);
    expect(fields.map((f) => f.type)).toEqual(
      expect.arrayContaining(["decimal", "bigint", "integer", "number", "time", "date", "array", "enum", "uuid"]),
    );
    for (const field of fields) {
      await fc.assert(
        fc.asyncProperty(chipFilter(field), async (raw) => {
          const filter = defined(raw);
          if (Object.keys(filter).length === 0) return;
          const state: TableState = { ...base, filters: { [field.name]: filter } };
          const kept = decodeTableState(encodeTableState(state, spec), spec);
          expect(kept.filters, field.name).toEqual(state.filters);
          const answer = await call("query", "samples.list", toListInput(kept, spec, { dayFields: spec.dayFields }));
          expect(answer.status, `${field.name} ${JSON.stringify(filter)}: ${answer.error?.message}`).toBe(200);
        }),
        { numRuns: RUNS },
      );
    }
  }, 120_000);

  it("select decimals and bigints exactly, and arrays by an item", async () => {
    const spec = buildSpec(meta);
    const base = decodeTableState("", spec);
    const titles = async (filters: Record<string, FieldFilter>) => {
      const answer = await call("query", "samples.list", toListInput({ ...base, filters }, spec));
      expect(answer.status, answer.error?.message).toBe(200);
      return (answer.data as { items: { title: string }[] }).items.map((r) => r.title).sort();
    };
    const amount = meta.fields.find((f) => f.name === "amount") as FieldDescriptor;
    const read = parseFilterInput(amount, "1234.5");
    expect(read).toEqual({ ok: true, text: "1234.5" });
    expect(await titles({ amount: { gte: "1234.5" } })).toEqual(["dear", "exact"]);
    expect(await titles({ amount: { gte: "1234.49", lte: "1234.49" } })).toEqual(["cheap"]);
    expect(await titles({ big: { gte: "9007199254740993" } })).toEqual(["cheap"]);
    expect(await titles({ labels: { has: "blue" } })).toEqual(["cheap", "exact"]);
    expect(await titles({ numbers: { has: "3" } })).toEqual(["exact"]);
  });

  it("select timestamps to the minute where the user is: from its first millisecond to the last one's end", async () => {
    const spec = buildSpec(meta);
    const titles = async (query: string) => {
      const answer = await call("query", "samples.list", toListInput(decodeTableState(query, spec), spec));
      expect(answer.status, answer.error?.message).toBe(200);
      return (answer.data as { items: { title: string }[] }).items.map((r) => r.title).sort();
    };
    expect(spec.dayFields.has("at")).toBe(false);
    expect(await titles("f.at.gte=2026-11-29T14:05&f.at.lte=2026-11-29T14:20")).toEqual(["dear", "exact"]);
    expect(await titles("f.at.gte=2026-11-29T14:04&f.at.lte=2026-11-29T14:04")).toEqual(["cheap"]);
    expect(await titles("f.at.gte=2026-11-29T14:21")).toEqual(["late"]);
    // A day is still the whole day; an impossible minute filters nothing.
    expect(await titles("f.at.gte=2026-11-29&f.at.lte=2026-11-29")).toEqual(["cheap", "dear", "exact", "late"]);
    expect(await titles("f.at.gte=2026-11-30")).toEqual([]);
    expect(await titles("f.at.lte=2026-11-29T24:00")).toEqual(["cheap", "dear", "exact", "late"]);
  });

  it("say why typed text is no value of the field, in its label's words", () => {
    const field = (name: string) => meta.fields.find((f) => f.name === name) as FieldDescriptor;
    expect(parseFilterInput(field("count"), "2.5")).toEqual({ ok: false, error: "Count must be a whole number" });
    expect(parseFilterInput(field("small"), "40000")).toEqual({ ok: false, error: "Small must be at most 32767" });
    expect(parseFilterInput(field("amount"), "12abc")).toMatchObject({ ok: false, error: /^Budget must be a number/ });
    expect(parseFilterInput(field("amount"), "-1")).toEqual({ ok: false, error: "Budget must be at least 0" });
    expect(parseFilterInput(field("big"), "99999999999999999999")).toMatchObject({ ok: false });
    expect(parseFilterInput(field("numbers"), "x")).toEqual({
      ok: false,
      error: "Each item of Numbers must be a whole number",
    });
  });
});

describe("chip summaries", () => {
  it("name enum values as the form does, never the stored value", () => {
    const mood = meta.fields.find((f) => f.name === "mood") as FieldDescriptor;
    const moods = meta.fields.find((f) => f.name === "moods") as FieldDescriptor;
    expect(filterSummary(mood, { in: ["sad", "happy"] })).toBe("Sad, Happy");
    expect(filterSummary(mood, { in: ["sad", "ok", "happy"] })).toBe("3 selected");
    expect(filterSummary(moods, { has: "happy" })).toBe("has Happy");
  });

  it("say a timestamp's minutes as typed, the day once when both ends share it, and days as days", () => {
    const at = meta.fields.find((f) => f.name === "at") as FieldDescriptor;
    expect(filterSummary(at, { gte: "2026-11-29T14:05", lte: "2026-11-29T14:20" })).toBe(
      "Nov 29, 2026, 2:05 PM – 2:20 PM",
    );
    expect(filterSummary(at, { gte: "2026-11-29T23:30", lte: "2026-11-30T00:30" })).toBe(
      "Nov 29, 2026, 11:30 PM – Nov 30, 2026, 12:30 AM",
    );
    expect(filterSummary(at, { lte: "2026-11-29T14:20" })).toBe("to Nov 29, 2026, 2:20 PM");
    expect(filterSummary(at, { gte: "2026-11-29", lte: "2026-11-29T14:20" })).toBe(
      "Nov 29, 2026 – Nov 29, 2026, 2:20 PM",
    );
    expect(filterSummary(at, { gte: "2026-11-29" })).toBe("from Nov 29, 2026");
    const gb = formattersFor("en-GB", "Europe/London");
    expect(filterSummary(at, { gte: "2026-11-29T14:05", lte: "2026-11-29T14:20" }, undefined, gb)).toBe(
      "29 Nov 2026, 14:05 – 14:20",
    );
  });

  it("show the minute that was typed in whatever zone the reader is in", () => {
    const at = meta.fields.find((f) => f.name === "at") as FieldDescriptor;
    const zones = fc.constantFrom("UTC", "Pacific/Kiritimati", "America/St_Johns", "Asia/Kathmandu", "Pacific/Niue");
    fc.assert(
      fc.property(minuteParts, zones, (p, zone) => {
        const text = minuteOf(p);
        const summary = filterSummary(at, { gte: text }, undefined, formattersFor("en-GB", zone));
        expect(summary).toBe(filterSummary(at, { gte: text }, undefined, formattersFor("en-GB", "UTC")));
        expect(summary).toContain(text.slice(11));
      }),
    );
  });
});

describe("sameFilter", () => {
  it("is true for the same operators and values in any key order, false for any difference", () => {
    expect(sameFilter(undefined, undefined)).toBe(true);
    expect(sameFilter({}, undefined)).toBe(true);
    expect(sameFilter({ gte: "1", lte: "2" }, { lte: "2", gte: "1" })).toBe(true);
    expect(sameFilter({ has: "42" }, undefined)).toBe(false);
    expect(sameFilter({ in: ["a", "b"] }, { in: ["b", "a"] })).toBe(false);
    expect(sameFilter({ gte: "1" }, { gte: "1", lte: "2" })).toBe(false);
  });
});
