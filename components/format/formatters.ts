/**
 * The one way the app shows dates, times and numbers: medium date, short time, grouped numbers, in the reader's
 * locale and time zone. Pure, so server code, tests and the browser format alike; components get an instance from
 * `useFormatters()`, which picks the browser's locale after hydration.
 */

export interface Formatters {
  /** A moment (timestamp): "29 Nov 2026, 14:05" in the reader's time zone. */
  dateTime(value: unknown): string;
  /** A calendar day (a `date` column, stored at UTC midnight): the same day wherever the reader is. */
  calendarDay(value: unknown): string;
  /** A time of day as PostgreSQL's `time` gives it ("14:05:00"): "14:05" or "2:05 PM". */
  timeOfDay(value: unknown): string;
  /** A JavaScript number or bigint, grouped: 12,345.6. */
  number(value: number | bigint): string;
  /**
   * An exact decimal as text ("1234567.10"): grouped without passing through a float, so cents never drift; `scale`
   * fixes the digits after the point (a numeric(12,2) shows "1,234,567.10").
   */
  decimal(value: string, scale?: number): string;
  locale: string;
  timeZone: string;
}

function asDate(value: unknown): Date | undefined {
  const date =
    value instanceof Date
      ? value
      : typeof value === "string" || typeof value === "number"
        ? new Date(value)
        : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

const cache = new Map<string, Formatters>();

export function formattersFor(locale: string, timeZone: string): Formatters {
  const key = `${locale}|${timeZone}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  const calendarDay = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const timeOfDay = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: "UTC" });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
  const decimals = new Map<number, Intl.NumberFormat>();
  const decimalFormat = (scale: number) => {
    let format = decimals.get(scale);
    if (!format) {
      format = new Intl.NumberFormat(locale, { minimumFractionDigits: scale, maximumFractionDigits: scale });
      decimals.set(scale, format);
    }
    return format;
  };
  const formatters: Formatters = {
    locale,
    timeZone,
    dateTime: (value) => {
      const date = asDate(value);
      return date ? dateTime.format(date) : String(value ?? "");
    },
    calendarDay: (value) => {
      const date = asDate(value);
      return date ? calendarDay.format(date) : String(value ?? "");
    },
    timeOfDay: (value) => {
      const match = typeof value === "string" ? /^(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value) : null;
      if (!match) return String(value ?? "");
      const [h, m, s] = [match[1], match[2], match[3] ?? "0"].map(Number) as [number, number, number];
      return timeOfDay.format(new Date(Date.UTC(1970, 0, 1, h, m, s)));
    },
    number: (value) => number.format(value),
    // Intl formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3"); a string that is no number stays as is.
    // Without a scale, the digits the value has (20 at most, what every engine's Intl takes).
    decimal: (value, scale) => {
      const match = /^-?\d+(?:\.(\d+))?$/.exec(value);
      if (!match) return value;
      const digits = Math.min(scale ?? match[1]?.length ?? 0, 20);
      // ECMA-402's `format` takes a decimal string and formats it exactly; its TypeScript signature lags behind.
      return decimalFormat(digits).format(value as unknown as number);
    },
  };
  cache.set(key, formatters);
  return formatters;
}

/** What the server renders with, and the browser's first (hydrating) render: the same text on both sides. */
export const SERVER_LOCALE = "en-US";
export const SERVER_TIME_ZONE = "UTC";
