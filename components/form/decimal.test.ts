/** Typed and pasted decimals: what a locale shows reads back as the same exact text; tidying never changes a value. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formattersFor } from "@/components/format/formatters";
import { compareDecimal, DECIMAL_PATTERN } from "@/server/core/decimal";
import { canonicalDecimal, decimalSeparatorOf, isPartialDecimal, normalizeDecimalInput } from "./decimal";

/** Decimal text with `scale` places from its digits as one integer. */
function decimalText(digits: bigint, scale: number): string {
  const sign = digits < 0n ? "-" : "";
  const magnitude = (digits < 0n ? -digits : digits).toString().padStart(scale + 1, "0");
  return scale === 0 ? `${sign}${magnitude}` : `${sign}${magnitude.slice(0, -scale)}.${magnitude.slice(-scale)}`;
}

const decimals = fc
  .tuple(fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }), fc.integer({ min: 0, max: 6 }))
  .map(([n, scale]) => ({ text: decimalText(n, scale), scale }));

describe("decimal input", () => {
  it("reads a value pasted as a locale shows it (grouping, decimal comma) as its exact text", () => {
    expect(normalizeDecimalInput("1,234.50")).toBe("1234.50");
    expect(normalizeDecimalInput("1.234,50", ",")).toBe("1234.50");
    expect(normalizeDecimalInput("12.5", ",")).toBe("12.5");
    expect(normalizeDecimalInput("1 234,5", ",")).toBe("1234.5");
    expect(normalizeDecimalInput("−3")).toBe("-3");
    expect(decimalSeparatorOf("de-DE")).toBe(",");
    expect(decimalSeparatorOf("en-US")).toBe(".");
    for (const locale of ["en-US", "de-DE", "fr-FR", "de-CH", "en-IN"]) {
      const format = formattersFor(locale, "UTC");
      fc.assert(
        fc.property(decimals, ({ text, scale }) => {
          const shown = format.decimal(text, scale);
          const read = normalizeDecimalInput(shown, decimalSeparatorOf(locale));
          expect(canonicalDecimal(read, scale)).toBe(canonicalDecimal(text, scale));
        }),
      );
    }
  });

  it("tidies to the column's scale without changing the value, and only ever pads or drops zeros", () => {
    expect(canonicalDecimal("1234.5", 2)).toBe("1234.50");
    expect(canonicalDecimal(".5")).toBe("0.5");
    expect(canonicalDecimal("+0012.300", 2)).toBe("12.30");
    expect(canonicalDecimal("-0.00", 2)).toBe("0.00");
    expect(canonicalDecimal("1.239", 2)).toBe("1.239");
    expect(canonicalDecimal("1e3")).toBeUndefined();
    fc.assert(
      fc.property(decimals, fc.integer({ min: 0, max: 8 }), ({ text }, scale) => {
        const tidy = canonicalDecimal(text, scale);
        expect(tidy).toMatch(DECIMAL_PATTERN);
        expect(compareDecimal(tidy as string, text)).toBe(0);
        expect(canonicalDecimal(tidy as string, scale)).toBe(tidy);
      }),
    );
  });

  it("accepts as half-typed exactly the prefixes of decimals", () => {
    expect(["", "-", "1.", ".", "-.5", "+3"].every(isPartialDecimal)).toBe(true);
    expect(["1.2.3", "1e", "--1", "1,0", "a"].some(isPartialDecimal)).toBe(false);
    fc.assert(
      fc.property(decimals, fc.nat(), ({ text }, cut) => {
        expect(isPartialDecimal(text.slice(0, cut % (text.length + 1)))).toBe(true);
      }),
    );
  });
});
