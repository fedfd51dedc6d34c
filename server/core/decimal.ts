/**
 * Exact decimals as text, the way `numeric` columns travel ("1234.50"): parsing, digit counts and comparison without
 * ever going through a float, so a bound like `min: 0` or a scale of 2 is decided on the digits the user typed.
 * Pure (no imports), so the browser's generated forms use exactly these checks.
 */

/** Plain decimal notation: an optional sign, digits, at most one point. No exponent, no NaN or Infinity. */
export const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export interface ParsedDecimal {
  negative: boolean;
  /** Integer digits without leading zeros ("" for zero). */
  integer: string;
  /** Fraction digits without trailing zeros ("" for none). */
  fraction: string;
}

export function parseDecimal(text: string): ParsedDecimal | undefined {
  if (!DECIMAL_PATTERN.test(text)) return undefined;
  const unsigned = text.replace(/^[+-]/, "");
  const [whole = "", part = ""] = unsigned.split(".");
  const integer = whole.replace(/^0+/, "");
  const fraction = part.replace(/0+$/, "");
  // -0 and -0.00 are zero: no sign, so they compare equal to 0.
  const negative = text.startsWith("-") && (integer !== "" || fraction !== "");
  return { negative, integer, fraction };
}

/** Digits that matter before and after the point: "001.50" has 1 and 1. */
export function decimalDigits(text: string): { integer: number; fraction: number } | undefined {
  const parsed = parseDecimal(text);
  return parsed ? { integer: parsed.integer.length, fraction: parsed.fraction.length } : undefined;
}

function compareMagnitude(a: ParsedDecimal, b: ParsedDecimal): number {
  if (a.integer.length !== b.integer.length) return a.integer.length < b.integer.length ? -1 : 1;
  if (a.integer !== b.integer) return a.integer < b.integer ? -1 : 1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, "0");
  const fb = b.fraction.padEnd(width, "0");
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** -1, 0 or 1 as a < b, a = b, a > b. Both must be plain decimals (DECIMAL_PATTERN); throws otherwise. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const pa = parseDecimal(a);
  const pb = parseDecimal(b);
  if (!pa || !pb) throw new Error(`not a decimal: ${pa ? b : a}`);
  if (pa.negative !== pb.negative) return pa.negative ? -1 : 1;
  const magnitude = compareMagnitude(pa, pb);
  const signed = pa.negative ? -magnitude : magnitude;
  return signed < 0 ? -1 : signed > 0 ? 1 : 0;
}

/**
 * A JavaScript number as plain decimal text, for bounds written as numbers (`rules: { min: 0.01 }`): the shortest
 * text that reads back as the same number, without the exponent `String(1e21)` would use.
 */
export function numberToDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa = "", exponentText = "0"] = text.toLowerCase().split("e");
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith("-");
  const [whole = "", part = ""] = mantissa.replace(/^-/, "").split(".");
  const digits = whole + part;
  const point = whole.length + exponent;
  const body =
    point <= 0
      ? `0.${"0".repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + "0".repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}
