/**
 * Exact decimals as people type them. A `numeric` column's value travels as a string ("1234.50") and never passes
 * through a float, which would lose cents (and every digit past the 15th). Checking and comparing decimals is the
 * engine's (server/core/decimal.ts, pure, shared with the browser); this file reads what was typed or pasted in the
 * reader's locale and writes the canonical text a column of a given scale holds.
 */
import { DECIMAL_PATTERN } from "@/server/core/decimal";

/** Text a person may be in the middle of typing: a sign, digits, at most one point. */
const PARTIAL = /^[+-]?\d*(?:\.\d*)?$/;

export function isPartialDecimal(text: string): boolean {
  return PARTIAL.test(text);
}

/**
 * Typed or pasted text made plain: spaces and apostrophes (grouping in many locales) go, a Unicode minus is a minus,
 * and the locale's separators are read as such. Where the decimal separator is a comma ("1.234,50"), a comma is the
 * point and dots group, though a lone dot without any comma is still the point ("12.5"). Elsewhere commas group
 * ("1,234.50").
 */
export function normalizeDecimalInput(text: string, decimalSeparator: "." | "," = "."): string {
  const plain = text.replace(/[\s\u00a0\u202f\u2009'’_]/g, "").replace(/\u2212/g, "-");
  if (decimalSeparator === ",") {
    if (plain.includes(",")) return plain.replace(/\./g, "").replace(/,/g, ".");
    return (plain.match(/\./g)?.length ?? 0) > 1 ? plain.replace(/\./g, "") : plain;
  }
  return plain.replace(/,/g, "");
}

/** The decimal separator of a locale ("." for en-US, "," for de-DE). */
export function decimalSeparatorOf(locale: string): "." | "," {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal");
  return part?.value === "," ? "," : ".";
}

/**
 * The text a column of this scale stores for a decimal, or undefined when the text is no decimal: no "+", no leading
 * zeros, "0.5" for ".5", "-0" as "0", the fraction padded to the scale ("1234.5" -> "1234.50") and zeros past it
 * dropped. Digits past the scale that are not zeros are kept as typed, for validation to refuse: never rounded.
 */
export function canonicalDecimal(text: string, scale?: number): string | undefined {
  const trimmed = text.trim();
  if (!DECIMAL_PATTERN.test(trimmed)) return undefined;
  const negative = trimmed.startsWith("-");
  const [whole = "", part = ""] = trimmed.replace(/^[+-]/, "").split(".");
  const integer = whole.replace(/^0+(?=\d)/, "") || "0";
  let fraction = part;
  if (scale !== undefined) {
    if (!/[1-9]/.test(fraction.slice(scale))) fraction = fraction.slice(0, scale);
    fraction = fraction.padEnd(scale, "0");
  }
  const body = fraction ? `${integer}.${fraction}` : integer;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}
