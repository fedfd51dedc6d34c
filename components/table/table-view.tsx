"use client";
/** The grid itself: sortable headers, rows, and the loading and empty states that take the rows' place. */
import { flexRender, type Table as TanTable } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TITLE_MIN_WIDTH } from "./column-fit";
import { ariaSortOf, SELECT_COLUMN, SortButton } from "./columns";
import { titleIfTruncated } from "./truncation";
import type { Row } from "./types";

/**
 * Rows with opaque colours (the primitive's hover and selection tints are translucent in dark mode): the sticky
 * cells inherit them, and a translucent one would let the scrolled columns show through.
 */
const SOLID_ROW =
  "bg-white hover:bg-zinc-50 data-[state=selected]:bg-indigo-50 dark:bg-zinc-900 dark:hover:bg-zinc-800 dark:data-[state=selected]:bg-indigo-950";

export interface TableViewProps {
  table: TanTable<Row>;
  label: string;
  /** The title column's id: it takes the width the others leave, and stays in view when the table scrolls. */
  titleId: string;
  /** Each other column's width in px (see column-fit.ts). */
  widths: Readonly<Record<string, number>>;
  /** The width of the space the table has (null before it is measured). */
  width: number | null;
  /** No rows yet (the first load): skeleton rows stand in. */
  loading: boolean;
  /** A newer page is on its way while the previous one stays visible. */
  busy: boolean;
  skeletonRows: number;
  isDeleted: (row: Row) => boolean;
  empty: ReactNode;
}

export function SkeletonRows({ rows, columns }: { rows: number; columns: number }) {
  return Array.from({ length: rows }, (_, r) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have nothing else to be keyed by.
    <TableRow key={r} className="hover:bg-transparent">
      {Array.from({ length: columns }, (_, c) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: as above.
        <TableCell key={c}>
          <Skeleton className={cn("h-4", c === 0 ? "w-4" : c === 1 ? "w-48" : "w-20")} />
        </TableCell>
      ))}
    </TableRow>
  ));
}

/** What stands in the body when no row matches: a message and, when filters narrowed it, a way out. */
export function EmptyState({ message, onClear }: { message: string; onClear?: (() => void) | undefined }) {
  return (
    <div className="flex flex-col items-center gap-3 py-10 text-center">
      <p className="text-zinc-600 dark:text-zinc-400">{message}</p>
      {onClear ? (
        <Button variant="outline" size="sm" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}

/** Sticky-column classes: the checkbox and the title stay in place while the other columns scroll under them. */
function stickyClass(id: string, titleId: string, selectable: boolean, scrolls: boolean, header: boolean) {
  if (id !== SELECT_COLUMN && id !== titleId) return undefined;
  return cn(
    "sticky z-[1]",
    // Header cells sit on the header's white; body cells take their row's (solid) colour, hover and selection included.
    header ? "bg-white dark:bg-zinc-900" : "bg-inherit",
    id === SELECT_COLUMN ? "left-0" : selectable ? "left-11" : "left-0",
    // A hairline shows where the scrolling columns slide under the title.
    id === titleId && scrolls && "shadow-[inset_-1px_0_0] shadow-zinc-200 dark:shadow-zinc-800",
  );
}

export function TableView({
  table,
  label,
  titleId,
  widths,
  width,
  loading,
  busy,
  skeletonRows,
  isDeleted,
  empty,
}: TableViewProps) {
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns();
  const selectable = columns.some((c) => c.id === SELECT_COLUMN);
  // Fixed layout: each column gets the width it asked for and the title the rest, so content never widens the
  // table. When chosen columns need more than the box, the box scrolls sideways, never the page.
  const minWidth = columns.reduce((sum, c) => sum + (c.id === titleId ? TITLE_MIN_WIDTH : (widths[c.id] ?? 0)), 0);
  // The box's border takes 2 px of the width measured around it.
  const scrolls = width !== null && minWidth > width - 2;
  return (
    <div className="rounded-md border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <Table
        aria-label={label}
        aria-busy={loading || busy}
        containerClassName="max-h-[70vh]"
        className={cn("table-fixed transition-opacity", busy && !loading && "opacity-60")}
        style={{ minWidth }}
      >
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} style={c.id === titleId ? undefined : { width: widths[c.id] }} />
          ))}
        </colgroup>
        <TableHeader sticky>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id} className="hover:bg-transparent dark:hover:bg-transparent">
              {group.headers.map((header) => {
                const id = header.column.id;
                const sortable = header.column.getCanSort();
                return (
                  <TableHead
                    key={header.id}
                    aria-sort={ariaSortOf(header)}
                    className={cn(sortable && "p-0", stickyClass(id, titleId, selectable, scrolls, true))}
                  >
                    {header.isPlaceholder ? null : sortable ? (
                      <SortButton header={header} label={String(header.column.columnDef.header)} />
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </TableHead>
                );
              })}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {loading ? (
            <SkeletonRows rows={skeletonRows} columns={columns.length} />
          ) : rows.length === 0 ? (
            <TableRow className="hover:bg-transparent dark:hover:bg-transparent">
              <TableCell colSpan={columns.length}>{empty}</TableCell>
            </TableRow>
          ) : (
            rows.map((row) => (
              <TableRow
                key={row.id}
                data-state={row.getIsSelected() ? "selected" : undefined}
                className={cn(SOLID_ROW, isDeleted(row.original) && "text-zinc-500 dark:text-zinc-400")}
              >
                {row.getVisibleCells().map((cell) => {
                  const id = cell.column.id;
                  return (
                    <TableCell key={cell.id} className={stickyClass(id, titleId, selectable, scrolls, false)}>
                      {id === SELECT_COLUMN ? (
                        flexRender(cell.column.columnDef.cell, cell.getContext())
                      ) : (
                        <div
                          className="truncate"
                          onPointerEnter={(e) => titleIfTruncated(e.currentTarget)}
                          onFocusCapture={(e) => titleIfTruncated(e.currentTarget)}
                        >
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </div>
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </div>
  );
}
