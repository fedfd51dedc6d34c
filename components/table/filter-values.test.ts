/** Filter values from the URL (anyone's to edit): read without throwing, and read the same once cleaned. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ValueKind } from "@/components/form/field-kinds";
import { operatorsFor } from "@/server/core/filter-operators";
import { dayText, halfTyped, impossibleMinute, minuteText } from "./filter-dates.arbitraries";
import {
  apiScalar,
  cleanFilterText,
  controlOps,
  type FilterField,
  instantFilterText,
  isCalendarDate,
  minuteInputText,
} from "./filter-values";

const KINDS: ValueKind[] = [
  "uuid",
  "enum",
  "text",
  "integer",
  "bigint",
  "number",
  "decimal",
  "boolean",
  "date",
  "time",
  "json",
  "array",
];

const fields: fc.Arbitrary<FilterField> = fc.record({
  type: fc.constantFrom(...KINDS),
  items: fc.constantFrom<ValueKind | undefined>(undefined, "text", "integer", "bigint", "decimal", "enum", "time"),
  options: fc.constant(["draft", "published"]),
  instant: fc.boolean(),
});

/** Text shaped like filter values, and not. */
const texts = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.bigInt().map(String),
  fc.double().map(String),
  fc.constantFrom("2026-02-30", "2026-02-28", "14:30", "24:00", "-0.50", "+7", "0x1f", "1e999", "draft,published"),
  minuteText,
  impossibleMinute,
  halfTyped,
);

describe("filter values", () => {
  it("each kind's control edits only operators the engine takes for it", () => {
    for (const kind of KINDS) {
      for (const op of controlOps(kind)) expect(operatorsFor(kind)).toContain(op);
    }
  });

  it("cleans any text without throwing, and a cleaned value cleans to itself", () => {
    fc.assert(
      fc.property(fields, texts, (field, raw) => {
        for (const op of controlOps(field.type)) {
          const clean = cleanFilterText(field, op, raw);
          if (clean === null) continue;
          const again = cleanFilterText(field, op, Array.isArray(clean) ? clean.join(",") : clean);
          expect(again).toEqual(clean);
        }
      }),
    );
  });

  it("turns cleaned numbers into exact API values: a decimal stays text, a bigint is a BigInt", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (n) => {
        const text = cleanFilterText({ type: "bigint" }, "gte", String(n));
        expect(apiScalar("bigint", text as string)).toBe(n);
      }),
    );
    expect(cleanFilterText({ type: "decimal" }, "gte", "0012345678901234567890.120")).toBe("12345678901234567890.120");
    expect(apiScalar("decimal", "12345678901234567890.12")).toBe("12345678901234567890.12");
    expect(cleanFilterText({ type: "integer" }, "gte", "1.5")).toBeNull();
    expect(cleanFilterText({ type: "array", items: "integer" }, "has", "07")).toBe("7");
  });
});

describe("timestamp filter ends", () => {
  const timestamp: FilterField = { type: "date", instant: true };
  const calendar: FilterField = { type: "date" };

  it("take a minute of a timestamp as it is written, never of a calendar date", () => {
    fc.assert(
      fc.property(minuteText, fc.constantFrom("gte", "lte") as fc.Arbitrary<"gte" | "lte">, (text, op) => {
        expect(cleanFilterText(timestamp, op, text)).toBe(text);
        expect(cleanFilterText(timestamp, op, ` ${text} `)).toBe(text);
        expect(cleanFilterText(calendar, op, text)).toBeNull();
      }),
    );
  });

  it("still take a whole day, for timestamps and calendar dates alike", () => {
    fc.assert(
      fc.property(dayText, (text) => {
        expect(instantFilterText(text)).toBe(text);
        expect(cleanFilterText(calendar, "gte", text)).toBe(text);
      }),
    );
  });

  it("take nothing from an impossible or half-typed minute", () => {
    fc.assert(
      fc.property(fc.oneof(impossibleMinute, halfTyped), (text) => {
        expect(instantFilterText(text)).toBeNull();
        expect(cleanFilterText(timestamp, "lte", text)).toBeNull();
      }),
    );
  });

  it("show a whole day in a date-and-time input as its first and last minute, a minute as itself", () => {
    fc.assert(
      fc.property(dayText, minuteText, (day, minute) => {
        expect(minuteInputText(day, false)).toBe(`${day}T00:00`);
        expect(minuteInputText(day, true)).toBe(`${day}T23:59`);
        expect(instantFilterText(minuteInputText(day, true))).not.toBeNull();
        expect(minuteInputText(minute, true)).toBe(minute);
      }),
    );
    expect(minuteInputText(undefined, false)).toBe("");
  });

  it("tell a calendar date from a timestamp by the widget meta gives it", () => {
    expect(isCalendarDate({ type: "date", widget: "date" })).toBe(true);
    expect(isCalendarDate({ type: "date", widget: "datetime" })).toBe(false);
    expect(isCalendarDate({ type: "text", widget: "date" })).toBe(false);
  });
});
