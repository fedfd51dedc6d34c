"use client";
/** A field's filter in the toolbar: a button saying what it filters by, opening the field's control in a popover. */
import { ListFilter, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import type { FieldDescriptor } from "@/server/core/meta";
import { formatDate } from "./cells";
import { FilterControl } from "./filters";
import { useRelationTitle } from "./relation-filter";
import type { FieldFilter } from "./url-state";

const numberFormat = new Intl.NumberFormat();

function range(from: string | undefined, to: string | undefined): string {
  if (from && to) return `${from} – ${to}`;
  return from ? `from ${from}` : `to ${to}`;
}

/** What the chip says the filter is, e.g. "draft, published" or "from Jan 1, 2026". */
export function filterSummary(field: FieldDescriptor, filter: FieldFilter, title?: string): string {
  if (filter.contains) return `“${filter.contains}”`;
  if (filter.in) return filter.in.length > 2 ? `${filter.in.length} selected` : filter.in.join(", ");
  if (filter.eq !== undefined) {
    if (field.type === "boolean") return filter.eq === "true" ? "Yes" : "No";
    return title ?? `${filter.eq.slice(0, 8)}…`;
  }
  if (field.type === "date") {
    // The filter holds calendar days: format them as such, whatever the column's kind.
    const day = (d: string | undefined) => (d ? formatDate(`${d}T00:00:00Z`, true) : undefined);
    return range(day(filter.gte), day(filter.lte));
  }
  const num = (n: string | undefined) => (n === undefined ? undefined : numberFormat.format(Number(n)));
  return range(num(filter.gte), num(filter.lte));
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
  const summary = filter ? filterSummary(field, filter, relationTitle) : undefined;
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
        <FilterControl key={generation} field={field} value={filter ?? {}} onChange={onChange} />
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
