"use client";
/** How one value looks in a generated table, by the field's type. Formats follow the user's locale. */
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { FieldDescriptor } from "@/server/core/meta";
import type { Row } from "./types";

// undefined locale: the browser's. Tables render in the browser only (their data is fetched there).
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
// A calendar date is the same day everywhere: format it in UTC, where the server put it.
const calendarDay = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
const numberFormat = new Intl.NumberFormat();

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

export function formatDate(value: unknown, calendar: boolean): string | undefined {
  const date = asDate(value);
  return date ? (calendar ? calendarDay : dateTime).format(date) : undefined;
}

/** The display text of a record in `relation` columns and pickers: its title field, else its id. */
export function recordTitle(row: Row | null | undefined, titleField: string, idField = "id"): string {
  const title = row?.[titleField];
  if (typeof title === "string" && title) return title;
  return String(row?.[idField] ?? "");
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

/** One cell's content. */
export function CellValue({ row, field, calendar }: { row: Row; field: FieldDescriptor; calendar: boolean }) {
  const value = row[field.name];
  if (value === null || value === undefined || value === "") return <Empty />;
  switch (field.type) {
    case "boolean":
      return <Badge variant={value ? "success" : "secondary"}>{value ? "Yes" : "No"}</Badge>;
    case "enum":
      return <Badge variant="secondary">{String(value)}</Badge>;
    case "date": {
      const date = asDate(value);
      if (!date) return <Empty />;
      return (
        <time dateTime={date.toISOString()} className="whitespace-nowrap tabular-nums">
          {formatDate(date, calendar)}
        </time>
      );
    }
    case "integer":
    case "number":
      return (
        <span className="tabular-nums">{typeof value === "number" ? numberFormat.format(value) : String(value)}</span>
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
      return <code className="block max-w-64 truncate font-mono text-xs">{JSON.stringify(value)}</code>;
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
