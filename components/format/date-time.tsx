"use client";
import { useFormatters } from "./use-formatters";

/**
 * A moment as the admin shows every moment: "29 Nov 2026, 14:05" in the reader's locale and zone, one line, with the
 * exact ISO time on hover and in `dateTime` for machines.
 */
export function DateTime({ value, className }: { value: Date | string; className?: string }) {
  const format = useFormatters();
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return <span className={className}>{String(value)}</span>;
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()} className={`whitespace-nowrap ${className ?? ""}`}>
      {format.dateTime(date)}
    </time>
  );
}
