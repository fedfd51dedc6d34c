"use client";
/** A field's filter in the toolbar: a button saying what it filters by, opening the field's control in a popover. */
import { ListFilter, X } from "lucide-react";
import { useState } from "react";
import type { FieldDescriptor } from "@/components/form/field-kinds";
import { optionLabel } from "@/components/form/widgets/option-label";
import { type Formatters, formattersFor, SERVER_LOCALE, SERVER_TIME_ZONE } from "@/components/format/formatters";
import { useFormatters } from "@/components/format/use-formatters";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { formatDate, formatNumber } from "./cells";
import { FilterControl } from "./filters";
import { useRelationTitle } from "./relation-filter";
import type { FieldFilter } from "./url-state";

function range(from: string | undefined, to: string | undefined): string {
  if (from && to) return `${from} – ${to}`;
  return from ? `from ${from}` : `to ${to}`;
}

/**
 * One filter value as the table shows values: a decimal exactly (with the column's scale unless it has more places,
 * which formatting would round away), a bigint in full, a time of day in the reader's clock.
 */
function valueText(
  field: FieldDescriptor,
  kind: FieldDescriptor["type"] | undefined,
  text: string,
  format: Formatters,
) {
  if (kind === "time") return format.timeOfDay(text);
  if (kind === "enum") return optionLabel(text);
  if (kind === "decimal") {
    const places = text.split(".")[1]?.length ?? 0;
    return format.decimal(text, field.scale !== undefined && places <= field.scale ? field.scale : undefined);
  }
  if (kind === "integer" || kind === "number") return format.number(Number(text));
  return formatNumber(kind, text, format) ?? text;
}

/**
 * A date filter's range: days as calendar days, whatever the column's kind, and minutes of a timestamp as the reader
 * typed them ("Nov 29, 2026, 2:05 PM – 2:20 PM", the day said once when both ends share it).
 */
function dateRange(filter: FieldFilter, format: Formatters): string {
  // A minute is a wall-clock time in the reader's zone, not an instant: formatted as UTC in UTC, it shows as typed.
  const wall = formattersFor(format.locale, "UTC");
  const end = (t: string | undefined) => {
    if (!t) return undefined;
    return t.includes("T") ? wall.dateTime(`${t}:00Z`) : formatDate(`${t}T00:00:00Z`, true, format);
  };
  const [fromDay, fromTime] = filter.gte?.split("T") ?? [];
  const [toDay, toTime] = filter.lte?.split("T") ?? [];
  if (fromTime && toTime && fromDay === toDay) return range(end(filter.gte), format.timeOfDay(toTime));
  return range(end(filter.gte), end(filter.lte));
}

/** What the chip says the filter is, e.g. "draft, published", "from Jan 1, 2026" or "1,234.50 – 2,000.00". */
export function filterSummary(
  field: FieldDescriptor,
  filter: FieldFilter,
  title?: string,
  format: Formatters = formattersFor(SERVER_LOCALE, SERVER_TIME_ZONE),
): string {
  if (filter.contains) return `“${filter.contains}”`;
  if (filter.in) {
    const kind = field.type === "array" ? field.items : field.type;
    const shown = filter.in.map((v) => valueText(field, kind, v, format));
    return filter.in.length > 2 ? `${filter.in.length} selected` : shown.join(", ");
  }
  if (filter.has !== undefined) return `has ${valueText(field, field.items, filter.has, format)}`;
  if (filter.eq !== undefined) {
    if (field.type === "boolean") return filter.eq === "true" ? "Yes" : "No";
    return title ?? `${filter.eq.slice(0, 8)}…`;
  }
  if (field.type === "date") return dateRange(filter, format);
  const text = (t: string | undefined) => (t === undefined ? undefined : valueText(field, field.type, t, format));
  return range(text(filter.gte), text(filter.lte));
}

/** Whether two filters select the same rows: the same operators with the same values (key order aside). */
export function sameFilter(a: FieldFilter | undefined, b: FieldFilter | undefined): boolean {
  const canonical = (f: FieldFilter | undefined) =>
    JSON.stringify(Object.entries(f ?? {}).sort(([x], [y]) => (x < y ? -1 : 1)));
  return canonical(a) === canonical(b);
}

export function FilterChip({
  field,
  filter,
  onChange,
}: {
  field: FieldDescriptor;
  filter: FieldFilter | undefined;
  onChange: (next: FieldFilter | undefined) => void;
}) {
  const relationTitle = useRelationTitle(field, filter?.eq);
  // Controls keep what is being typed; clearing starts them afresh.
  const [generation, setGeneration] = useState(0);
  const active = filter !== undefined;
  const format = useFormatters();
  const summary = filter ? filterSummary(field, filter, relationTitle, format) : undefined;
  // A control reports what it parsed as the user types; text that parses to the filter already set (an invalid
  // "x" in an empty box) changes nothing, so it must not update the URL and re-render the table under the popover.
  const change = (next: FieldFilter | undefined) => {
    if (sameFilter(next, filter)) return;
    onChange(next);
  };
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          className={cn(
            "max-w-72 border-dashed",
            active && "border-solid border-indigo-300 bg-indigo-50 dark:border-indigo-800 dark:bg-indigo-950/40",
          )}
        >
          <ListFilter aria-hidden="true" />
          <span className="truncate">
            {/* Named apart from the column's sort button, which shows the same label. */}
            <span className="sr-only">Filter by </span>
            {field.label}
            {summary ? <span className="font-normal">: {summary}</span> : null}
          </span>
        </Button>
      </PopoverTrigger>
      <PopoverContent aria-label={`Filter by ${field.label}`} className="grid w-80 gap-3">
        <FilterControl key={generation} field={field} value={filter ?? {}} onChange={change} />
        {active ? (
          <Button
            variant="ghost"
            size="sm"
            className="justify-self-start"
            onClick={() => {
              onChange(undefined);
              setGeneration((n) => n + 1);
            }}
          >
            <X aria-hidden="true" />
            Clear {field.label.toLowerCase()} filter
          </Button>
        ) : null}
      </PopoverContent>
    </Popover>
  );
}
