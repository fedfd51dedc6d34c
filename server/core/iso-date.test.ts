import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoString } from "./iso-date";

describe("isoString: toISOString by arithmetic", () => {
  it("writes what toISOString writes for every valid date, the signed six-digit years included", () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        expect(isoString(date)).toBe(date.toISOString());
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (time) => {
        expect(isoString(new Date(time))).toBe(new Date(time).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it("at the edges: the first and last four-digit years, leap days, the epoch and a millisecond either side", () => {
    const times = [
      "0000-01-01T00:00:00.000Z",
      "9999-12-31T23:59:59.999Z",
      "1970-01-01T00:00:00.000Z",
      "1900-02-28T23:59:59.999Z",
      "1900-03-01T00:00:00.000Z",
      "2000-02-29T12:00:00.000Z",
      "2024-02-29T23:59:59.999Z",
      "1600-02-29T00:00:00.000Z",
    ].map(Date.parse);
    for (const time of times.flatMap((t) => [t - 1, t, t + 1])) {
      expect(isoString(new Date(time))).toBe(new Date(time).toISOString());
    }
    expect(() => isoString(new Date(Number.NaN))).toThrow(RangeError);
  });
});
