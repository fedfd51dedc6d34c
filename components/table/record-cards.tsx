"use client";
/**
 * The rows as cards, for boxes too narrow for a table (a phone): each record's title (the whole card opens it), a
 * few key fields and its checkbox; above them "select all" and the order, which a table's headers would give.
 */
import { flexRender, type Row as TanRow, type Table as TanTable } from "@tanstack/react-table";
import { ChevronRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { recordTitle } from "./cells";
import { SelectAllBox } from "./columns";
import { CardMedia } from "./file-cell";
import { SortSelect } from "./sort-select";
import type { ResourceTableSpec } from "./spec";
import { titleIfTruncated } from "./truncation";
import type { Row } from "./types";

export interface RecordCardsProps {
  table: TanTable<Row>;
  spec: ResourceTableSpec;
  /** The fields each card shows under the title, in order. */
  fields: readonly string[];
  /** An image field each card leads with (an avatar, a cover), beside the title. */
  media?: string;
  label: string;
  selectable: boolean;
  rowHref?: ((row: Row) => string) | undefined;
  loading: boolean;
  busy: boolean;
  skeletonRows: number;
  isDeleted: (row: Row) => boolean;
  empty: ReactNode;
}

function CardSkeletons({ count }: { count: number }) {
  return Array.from({ length: count }, (_, i) => (
    <li
      // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have nothing else to be keyed by.
      key={i}
      className="space-y-2 rounded-md border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <Skeleton className="h-4 w-3/4" />
      <Skeleton className="h-3 w-1/2" />
    </li>
  ));
}

function RecordCard({
  row,
  spec,
  fields,
  media,
  selectable,
  href,
  deleted,
}: {
  row: TanRow<Row>;
  spec: ResourceTableSpec;
  fields: readonly string[];
  media: string | undefined;
  selectable: boolean;
  href: string | undefined;
  deleted: boolean;
}) {
  const mediaField = media ? spec.columns.find((f) => f.name === media) : undefined;
  const title = recordTitle(row.original, spec.titleField);
  const cells = new Map(row.getAllCells().map((cell) => [cell.column.id, cell]));
  const labels = new Map(spec.columns.map((f) => [f.name, f.label]));
  return (
    <li
      data-state={row.getIsSelected() ? "selected" : undefined}
      className={cn(
        "relative flex items-start gap-3 rounded-md border border-zinc-200 bg-white p-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900",
        "has-[a:hover]:bg-zinc-50 data-[state=selected]:border-indigo-300 data-[state=selected]:bg-indigo-50 dark:has-[a:hover]:bg-zinc-800 dark:data-[state=selected]:border-indigo-800 dark:data-[state=selected]:bg-indigo-950",
        deleted && "text-zinc-500 dark:text-zinc-400",
      )}
    >
      {selectable ? (
        // Above the card's link, which covers the rest of the card.
        <Checkbox
          aria-label={`Select row ${title}`}
          className="relative z-[1] mt-0.5"
          checked={row.getIsSelected()}
          onCheckedChange={(checked) => row.toggleSelected(checked === true)}
        />
      ) : null}
      <div className="min-w-0 flex-1 space-y-1.5">
        <div className="flex items-center gap-2">
          {mediaField ? (
            <CardMedia
              resource={spec.resource}
              recordId={String(row.original[spec.idField])}
              field={mediaField}
              value={row.original[mediaField.name]}
              title={title}
            />
          ) : null}
          {href ? (
            <Link
              href={href}
              className="truncate font-medium text-zinc-900 after:absolute after:inset-0 after:rounded-md focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-indigo-500 dark:text-zinc-100"
            >
              {title}
            </Link>
          ) : (
            <span className="truncate font-medium">{title}</span>
          )}
          {deleted ? <Badge variant="destructive">Deleted</Badge> : null}
        </div>
        {fields.length > 0 ? (
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
            {fields.map((name) => {
              const cell = cells.get(name);
              return cell ? (
                <div key={name} className="contents">
                  <dt className="text-zinc-500 dark:text-zinc-400">{labels.get(name) ?? name}</dt>
                  <dd className="min-w-0 truncate" onPointerEnter={(e) => titleIfTruncated(e.currentTarget)}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </dd>
                </div>
              ) : null;
            })}
          </dl>
        ) : null}
      </div>
      {href ? <ChevronRight aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-zinc-400" /> : null}
    </li>
  );
}

export function RecordCards({
  table,
  spec,
  fields,
  media,
  label,
  selectable,
  rowHref,
  loading,
  busy,
  skeletonRows,
  isDeleted,
  empty,
}: RecordCardsProps) {
  const rows = table.getRowModel().rows;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        {selectable ? (
          <span className="flex items-center gap-2 text-sm">
            <SelectAllBox table={table} />
            <span aria-hidden="true">All on this page</span>
          </span>
        ) : (
          <span />
        )}
        <SortSelect table={table} spec={spec} />
      </div>
      {!loading && rows.length === 0 ? (
        <div className="rounded-md border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">{empty}</div>
      ) : (
        <ul
          aria-label={label}
          aria-busy={loading || busy}
          className={cn("flex flex-col gap-2 transition-opacity", busy && !loading && "opacity-60")}
        >
          {loading ? (
            <CardSkeletons count={Math.min(skeletonRows, 5)} />
          ) : (
            rows.map((row) => (
              <RecordCard
                key={row.id}
                row={row}
                spec={spec}
                fields={fields}
                media={media}
                selectable={selectable}
                href={rowHref?.(row.original)}
                deleted={isDeleted(row.original)}
              />
            ))
          )}
        </ul>
      )}
    </div>
  );
}
