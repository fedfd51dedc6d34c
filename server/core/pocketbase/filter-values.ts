/**
 * Values in PocketBase filters, both ways: datetimes (PocketBase writes "2024-01-01 10:00:00.000Z"; ISO 8601 is read
 * too, and a time without a zone is UTC, as PocketBase stores it), numbers in fexpr's notation (no exponent),
 * quoted text, the `~` operand (a LIKE pattern in PocketBase), and the date macros (`@now`, `@todayStart`, ...).
 */
import { isStorableDate } from "../field-schema";
import { isoString } from "../iso-date";

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const field = (text: string, from: number, to: number) => Number(text.slice(from, to));

/**
 * Whether `text` is exactly what toISOString writes for a storable date: every date the API answers with. Such text
 * is read and rewritten without the general reader's arithmetic (a page of records has dozens), which is the point.
 */
export function isCanonicalInstant(text: string): boolean {
  if (!CANONICAL.test(text)) return false;
  const [year, month, day] = [field(text, 0, 4), field(text, 5, 7), field(text, 8, 10)];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return (
    year >= 100 &&
    day >= 1 &&
    day <= days &&
    field(text, 11, 13) <= 23 &&
    field(text, 14, 16) <= 59 &&
    field(text, 17, 19) <= 59
  );
}

/** A datetime as PocketBase and ISO 8601 write it; undefined for anything else, or a day no calendar has. */
export function readDate(text: string): Date | undefined {
  return isCanonicalInstant(text) ? new Date(Date.parse(text)) : readAnyDate(text);
}

/** readDate's general reader: every notation, each field checked. */
export function readAnyDate(text: string): Date | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((g) => Number(g ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (day < 1 || day > new Date(Date.UTC(2000, month, 0)).getUTCDate()) return undefined;
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return undefined; // February 29th of a common year
  date.setUTCHours(hour, minute, second, millis);
  const zone = m[8];
  if (zone && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
    date.setTime(date.getTime() - sign * offset * 60_000);
  }
  return isStorableDate(date) ? date : undefined;
}

/** PocketBase's own datetime text: "2024-01-01 10:00:00.000Z". */
export function writeDate(date: Date): string {
  return pocketBaseNotation(isoString(date));
}

/** toISOString's text in PocketBase's notation: the same, with a space for the "T". */
export function pocketBaseNotation(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11)}`;
}

/**
 * A number in fexpr's notation: plain digits, never an exponent (`1e21` is not a number there), and `-0` kept.
 * Undefined for NaN and the infinities, which no filter can write.
 */
export function writeNumber(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  if (Object.is(n, -0)) return "-0";
  const text = String(n);
  const e = text.indexOf("e");
  if (e === -1) return text;
  const negative = text.startsWith("-");
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const [whole = "", fraction = ""] = mantissa.split(".");
  const digits = whole + fraction;
  const point = whole.length + exponent;
  let plain: string;
  if (point <= 0) plain = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + "0".repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}

/**
 * Quoted text that fexpr reads back as `value`: only the opening quote is escaped there, and a text cannot end
 * with a backslash (the closing quote would count as escaped), so such a value has no writing: undefined.
 */
export function writeText(value: string, quote: "'" | '"'): string | undefined {
  if (value.endsWith("\\")) return undefined;
  return `${quote}${value.replaceAll(quote, `\\${quote}`)}${quote}`;
}

/** The quote that needs no escapes, if one does. */
export function naturalQuote(value: string): "'" | '"' {
  return value.includes("'") && !value.includes('"') ? '"' : "'";
}

export type LikeMatch = { op: "contains" | "startsWith"; text: string };

/**
 * The `~` operand as PocketBase reads it. Without an unescaped `%` it is a text to find anywhere (PocketBase wraps
 * it in `%…%`), `_` included literally; `\%`, `\_` and `\\` stand for `%`, `_` and `\`. With `%` it is a LIKE pattern:
 * Atrium runs the two that are "contains" (`%text%`) and "starts with" (`text%`); any other pattern (ends with,
 * `%` inside, `_` as a wildcard) is a string describing why not.
 */
export function readLike(operand: string): LikeMatch | string {
  const parts: string[] = [""];
  let wildcardUnderscore = false;
  for (let i = 0; i < operand.length; i++) {
    const c = operand.charAt(i);
    const next = operand.charAt(i + 1);
    if (c === "\\" && (next === "%" || next === "_" || next === "\\")) {
      parts[parts.length - 1] += next;
      i++;
    } else if (c === "%") parts.push("");
    else {
      if (c === "_") wildcardUnderscore = true;
      parts[parts.length - 1] += c;
    }
  }
  if (parts.length === 1) return { op: "contains", text: parts[0] ?? "" };
  if (wildcardUnderscore) return "'_' matches any one character in a pattern with '%', which is not supported";
  const [first, second, third] = parts;
  if (parts.length === 2 && first !== "" && second === "") return { op: "startsWith", text: first ?? "" };
  if (parts.length === 3 && first === "" && second !== "" && third === "")
    return { op: "contains", text: second ?? "" };
  return "only the patterns 'text' (contains), '%text%' (contains) and 'text%' (starts with) are supported";
}

/** The `~` operand for a match: special characters escaped; `_` only where a `%` makes it a wildcard. */
export function writeLike(match: LikeMatch): string {
  if (match.op === "contains") return match.text.replace(/[\\%]/g, (c) => `\\${c}`);
  return `${match.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Maps, not object literals: a name such as `constructor` must not find Object.prototype's.
const DATE_MACROS = new Map<string, (now: Date) => Date>([
  ["@now", (now) => new Date(now)],
  ["@yesterday", (now) => shiftDays(now, -1)],
  ["@tomorrow", (now) => shiftDays(now, 1)],
  ["@todayStart", (now) => utc(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())],
  ["@todayEnd", (now) => utc(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), true)],
  ["@monthStart", (now) => utc(now.getUTCFullYear(), now.getUTCMonth(), 1)],
  ["@monthEnd", (now) => utc(now.getUTCFullYear(), now.getUTCMonth() + 1, 0, true)],
  ["@yearStart", (now) => utc(now.getUTCFullYear(), 0, 1)],
  ["@yearEnd", (now) => utc(now.getUTCFullYear(), 11, 31, true)],
]);

const NUMBER_MACROS = new Map<string, (now: Date) => number>([
  ["@second", (now) => now.getUTCSeconds()],
  ["@minute", (now) => now.getUTCMinutes()],
  ["@hour", (now) => now.getUTCHours()],
  ["@day", (now) => now.getUTCDate()],
  ["@month", (now) => now.getUTCMonth() + 1],
  ["@weekday", (now) => now.getUTCDay()],
  ["@year", (now) => now.getUTCFullYear()],
]);

function shiftDays(now: Date, days: number): Date {
  const d = new Date(now);
  d.setUTCDate(d.getUTCDate() + days);
  return d;
}

/** A day's first millisecond, or its last (PocketBase's "end" macros are at 23:59:59.999999999). */
function utc(year: number, month: number, day: number, end = false): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  if (end) d.setUTCHours(23, 59, 59, 999);
  return d;
}

export type MacroValue = { type: "date"; value: Date } | { type: "integer"; value: number };

/** PocketBase's datetime macros, all in UTC as there; undefined for any other name. */
export function macroValue(name: string, now: Date): MacroValue | undefined {
  const date = DATE_MACROS.get(name);
  if (date) return { type: "date", value: date(now) };
  const number = NUMBER_MACROS.get(name);
  if (number) return { type: "integer", value: number(now) };
  return undefined;
}
