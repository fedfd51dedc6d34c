"use client";
/** The grid itself: sortable headers, rows, and the loading and empty states that take the rows' place. */
import { flexRender, type Table as TanTable } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ariaSortOf, SELECT_COLUMN, SortButton } from "./columns";
import type { Row } from "./types";

export interface TableViewProps {
  table: TanTable<Row>;
  label: string;
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

export function TableView({ table, label, loading, busy, skeletonRows, isDeleted, empty }: TableViewProps) {
  const rows = table.getRowModel().rows;
  const columnCount = table.getVisibleLeafColumns().length;
  return (
    <div className="rounded-md border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <Table
        aria-label={label}
        aria-busy={loading || busy}
        containerClassName="max-h-[70vh]"
        className={cn("transition-opacity", busy && !loading && "opacity-60")}
      >
        <TableHeader sticky>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id} className="hover:bg-transparent">
              {group.headers.map((header) => (
                <TableHead
                  key={header.id}
                  aria-sort={ariaSortOf(header)}
                  className={cn(header.column.id === SELECT_COLUMN && "w-10")}
                >
                  {header.isPlaceholder ? null : header.column.getCanSort() ? (
                    <SortButton header={header} label={String(header.column.columnDef.header)} />
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </TableHead>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {loading ? (
            <SkeletonRows rows={skeletonRows} columns={columnCount} />
          ) : rows.length === 0 ? (
            <TableRow className="hover:bg-transparent">
              <TableCell colSpan={columnCount}>{empty}</TableCell>
            </TableRow>
          ) : (
            rows.map((row) => (
              <TableRow
                key={row.id}
                data-state={row.getIsSelected() ? "selected" : undefined}
                className={cn(isDeleted(row.original) && "text-zinc-500 dark:text-zinc-400")}
              >
                {row.getVisibleCells().map((cell) => (
                  <TableCell key={cell.id} className={cn(cell.column.id === SELECT_COLUMN && "w-10")}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </TableCell>
                ))}
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </div>
  );
}
