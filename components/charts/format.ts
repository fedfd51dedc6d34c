/**
 * How the charts write their values and times: pure, so the figures, their text summaries and their tables read
 * the same. Times are in the reader's time zone (from useFormatters).
 */

export type ValueUnit = "count" | "ms" | "bytes";

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"];

export function formatValue(value: number | null | undefined, unit: ValueUnit, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  if (unit === "bytes") {
    let n = value;
    let i = 0;
    while (Math.abs(n) >= 1024 && i < BYTE_UNITS.length - 1) {
      n /= 1024;
      i++;
    }
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n)} ${BYTE_UNITS[i]}`;
  }
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return unit === "ms" ? `${text} ms` : text;
}

/** An axis tick: short (12k, 1.5k, 172 MB); the unit of times is in the chart's title. */
export function formatTick(value: number, unit: ValueUnit, locale: string): string {
  if (unit === "bytes") return formatValue(value, "bytes", locale);
  return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

/** A tick or a table row's time: the time of day, with the date too when the range spans days. */
export function timeFormatter(locale: string, timeZone: string, spanMs: number): (at: number) => string {
  const withDate = spanMs > 24 * 60 * 60_000;
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    ...(withDate ? { month: "short", day: "numeric" } : {}),
  });
  return (at) => format.format(new Date(at));
}

export interface SeriesSummary {
  latest: number | null;
  peak: number | null;
  peakAt: number | null;
}

/** The latest and the highest value of one series (nulls are gaps: nothing measured). */
export function summarize(points: readonly { at: number; values: (number | null)[] }[], index: number): SeriesSummary {
  let latest: number | null = null;
  let peak: number | null = null;
  let peakAt: number | null = null;
  for (const point of points) {
    const value = point.values[index] ?? null;
    if (value === null) continue;
    latest = value;
    if (peak === null || value > peak) {
      peak = value;
      peakAt = point.at;
    }
  }
  return { latest, peak, peakAt };
}
