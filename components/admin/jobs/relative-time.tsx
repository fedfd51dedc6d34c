"use client";
/** "in 3 days", "in 5 minutes": how far a moment is from now, in the reader's locale, beside the exact DateTime. */
import { useFormatters } from "@/components/format/use-formatters";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];

export function relativeTime(to: Date, from: Date, locale: string): string {
  const diff = to.getTime() - from.getTime();
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === "second") return format.format(Math.round(diff / ms), unit);
  }
  return format.format(0, "second");
}

export function RelativeTime({ value, className }: { value: Date; className?: string }) {
  const { locale } = useFormatters();
  return <span className={className}>{relativeTime(value, new Date(), locale)}</span>;
}
