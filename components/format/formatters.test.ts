import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formattersFor } from "./formatters";

const en = formattersFor("en-US", "UTC");

describe("formatters", () => {
  it("formats decimals exactly, with the column's scale", () => {
    expect(en.decimal("1234567.1", 2)).toBe("1,234,567.10");
    expect(en.decimal("0.10", 2)).toBe("0.10");
    expect(en.decimal("-5", 2)).toBe("-5.00");
    // Beyond a double's 15-17 digits: nothing is rounded away.
    expect(en.decimal("12345678901234567890.12")).toBe("12,345,678,901,234,567,890.12");
    expect(formattersFor("de-DE", "UTC").decimal("1234.5", 2)).toBe("1.234,50");
  });

  it("keeps every decimal's digits (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 6 }), (n, scale) => {
        const text =
          scale === 0
            ? String(n)
            : `${n < 0n ? "-" : ""}${(n < 0n ? -n : n) / 10n ** BigInt(scale)}.${String((n < 0n ? -n : n) % 10n ** BigInt(scale)).padStart(scale, "0")}`;
        expect(en.decimal(text, scale).replaceAll(",", "")).toBe(text === "-0" ? "-0" : text);
      }),
    );
  });

  it("shows a calendar day as that day in every zone, a moment in the reader's zone", () => {
    const day = new Date("2026-03-01T00:00:00.000Z");
    expect(formattersFor("en-US", "America/Los_Angeles").calendarDay(day)).toBe("Mar 1, 2026");
    expect(formattersFor("en-US", "America/Los_Angeles").dateTime(day)).toBe("Feb 28, 2026, 4:00 PM");
  });

  it("formats a time of day and leaves text that is none alone", () => {
    expect(en.timeOfDay("14:05:00")).toBe("2:05 PM");
    expect(formattersFor("en-GB", "UTC").timeOfDay("14:05")).toBe("14:05");
    expect(en.timeOfDay("soon")).toBe("soon");
    expect(en.decimal("12abc")).toBe("12abc");
  });
});
