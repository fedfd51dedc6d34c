"use client";
/**
 * How one value looks in a generated table, by the field's type, through the admin's one set of formats
 * (components/format): the reader's locale and time zone, exact decimals with the column's scale, numbers right-aligned
 * in tabular figures, enum values in their colours, arrays as chips.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { type FieldDescriptor, toneOf, type ValueKind } from "@/components/form/field-kinds";
import { optionLabel } from "@/components/form/widgets/option-label";
import { type Formatters, formattersFor, SERVER_LOCALE, SERVER_TIME_ZONE } from "@/components/format/formatters";
import { useFormatters } from "@/components/format/use-formatters";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { FileCell } from "./file-cell";
import type { Row } from "./types";

export function Empty() {
  return (
    <span className="text-zinc-400 dark:text-zinc-500">
      <span aria-hidden="true">—</span>
      <span className="sr-only">none</span>
    </span>
  );
}

function asDate(value: unknown): Date | undefined {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** A date as the admin shows dates: a calendar day the same everywhere, a moment in the reader's zone. */
export function formatDate(
  value: unknown,
  calendar: boolean,
  format: Formatters = formattersFor(SERVER_LOCALE, SERVER_TIME_ZONE),
): string | undefined {
  const date = asDate(value);
  return date ? (calendar ? format.calendarDay(date) : format.dateTime(date)) : undefined;
}

/** The display text of a record in `relation` columns and pickers: its title field, else its id. */
export function recordTitle(row: Row | null | undefined, titleField: string, idField = "id"): string {
  const title = row?.[titleField];
  if (typeof title === "string" && title) return title;
  return String(row?.[idField] ?? "");
}

/** Kinds shown as numbers: right-aligned in a table column, in tabular figures, so digits line up. */
const NUMERIC: ReadonlySet<ValueKind> = new Set(["integer", "bigint", "number", "decimal"]);

export function isNumericField(field: Pick<FieldDescriptor, "type">): boolean {
  return NUMERIC.has(field.type);
}

/** A number as text: exact for decimals (the column's scale) and bigints; undefined when the value is no number. */
export function formatNumber(kind: ValueKind | undefined, value: unknown, format: Formatters, scale?: number) {
  if (kind === "decimal") return format.decimal(String(value), scale);
  if (typeof value === "bigint" || typeof value === "number") return format.number(value);
  // A bigint column read by a plain-JSON client arrives as text.
  if (typeof value === "string" && /^-?\d+$/.test(value)) return format.number(BigInt(value));
  return undefined;
}

/** JSON in one line, cut to a preview; the hover shows it whole (pretty, up to a length a tooltip can hold). */
function JsonPreview({ value }: { value: unknown }) {
  const line = JSON.stringify(value) ?? String(value);
  const pretty = JSON.stringify(value, null, 2) ?? line;
  const full = pretty.length > 2000 ? `${pretty.slice(0, 2000)}…` : pretty;
  return (
    <code title={full} className="block max-w-64 truncate font-mono text-xs">
      {line.length > 120 ? `${line.slice(0, 120)}…` : line}
    </code>
  );
}

const SHOWN_ITEMS = 3;

/** An array as chips: the first three, then "+n" for the rest (all of them on hover). */
function ArrayChips({ field, items, format }: { field: FieldDescriptor; items: unknown[]; format: Formatters }) {
  if (items.length === 0) return <Empty />;
  const text = (item: unknown) =>
    (NUMERIC.has(field.items ?? "text") ? formatNumber(field.items, item, format, field.scale) : undefined) ??
    (field.items === "time"
      ? format.timeOfDay(item)
      : field.items === "enum"
        ? optionLabel(String(item))
        : String(item));
  const rest = items.length - SHOWN_ITEMS;
  return (
    <span className="flex min-w-0 items-center gap-1 overflow-hidden" title={items.map(text).join(", ")}>
      {items.slice(0, SHOWN_ITEMS).map((item, i) => {
        const tone = field.items === "enum" ? toneOf(field, String(item)) : undefined;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: an array may repeat an item; its place is its identity.
          <Badge key={i} variant={tone ? undefined : "outline"} tone={tone} className="max-w-32 truncate font-normal">
            {text(item)}
          </Badge>
        );
      })}
      {rest > 0 ? (
        <span className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          +{rest}
          <span className="sr-only"> more</span>
        </span>
      ) : null}
    </span>
  );
}

function RelationValue({ row, field, value }: { row: Row; field: FieldDescriptor; value: unknown }) {
  const rel = field.relation;
  const expanded = rel ? (row.expand as Record<string, Row | null> | undefined)?.[rel.name] : undefined;
  const title = expanded ? recordTitle(expanded, rel?.titleField ?? "id") : undefined;
  if (title) return <span className="whitespace-nowrap">{title}</span>;
  // Not expanded (hidden from this reader, or deleted): the id at least says that there is one.
  return (
    <span className="font-mono text-xs text-zinc-500" title={String(value)}>
      {String(value).slice(0, 8)}…
    </span>
  );
}

/** One cell's content. `owner` names the row's record, for values addressed through it (files). */
export function CellValue({
  row,
  field,
  calendar,
  owner,
}: {
  row: Row;
  field: FieldDescriptor;
  calendar: boolean;
  owner?: { resource: string; idField: string };
}) {
  const format = useFormatters();
  const value = row[field.name];
  if (value === null || value === undefined || value === "") return <Empty />;
  switch (field.type) {
    case "file":
      if (Array.isArray(value) && value.length === 0) return <Empty />;
      return owner ? (
        <FileCell resource={owner.resource} recordId={String(row[owner.idField])} field={field} value={value} />
      ) : (
        <Empty />
      );
    case "boolean":
      return <Badge variant={value ? "success" : "secondary"}>{value ? "Yes" : "No"}</Badge>;
    case "enum":
      return <Badge tone={toneOf(field, String(value))}>{optionLabel(String(value))}</Badge>;
    case "date": {
      const date = asDate(value);
      if (!date) return <Empty />;
      return (
        <time dateTime={date.toISOString()} title={date.toISOString()} className="whitespace-nowrap tabular-nums">
          {formatDate(date, calendar, format)}
        </time>
      );
    }
    case "time":
      return (
        <time dateTime={String(value)} className="whitespace-nowrap tabular-nums">
          {format.timeOfDay(value)}
        </time>
      );
    case "integer":
    case "bigint":
    case "number":
    case "decimal":
      return (
        // Right-aligned in a table column; in a card (a definition list) it reads from the left like its label.
        <span className={cn("block whitespace-nowrap text-right tabular-nums", "in-[dd]:inline in-[dd]:text-left")}>
          {formatNumber(field.type, value, format, field.scale) ?? String(value)}
        </span>
      );
    case "uuid":
      return field.relation ? (
        <RelationValue row={row} field={field} value={value} />
      ) : (
        <span className="font-mono text-xs" title={String(value)}>
          {String(value).slice(0, 8)}…
        </span>
      );
    case "json":
      return <JsonPreview value={value} />;
    case "array":
      return Array.isArray(value) ? (
        <ArrayChips field={field} items={value} format={format} />
      ) : (
        <JsonPreview value={value} />
      );
    default:
      return (
        <span className="block max-w-80 truncate" title={String(value)}>
          {String(value)}
        </span>
      );
  }
}

/** The title column: the record's name, a link when the page gives one, and a mark on soft-deleted rows. */
export function TitleCell({ title, href, deleted }: { title: string; href?: string; deleted: boolean }) {
  const text: ReactNode = title || <Empty />;
  return (
    <span className="flex min-w-40 max-w-96 items-center gap-2">
      {href ? (
        <Link
          href={href}
          className="truncate font-medium text-zinc-900 underline-offset-2 hover:underline focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:text-zinc-100"
        >
          {text}
        </Link>
      ) : (
        <span className="truncate font-medium">{text}</span>
      )}
      {deleted ? <Badge variant="destructive">Deleted</Badge> : null}
    </span>
  );
}
