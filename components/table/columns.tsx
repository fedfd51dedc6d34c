"use client";
/** TanStack column definitions from `meta`: a selection column, the title column, then one per readable field. */
import type { ColumnDef, Header, Table } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/control-styles";
import { CellValue, recordTitle, TitleCell } from "./cells";
import type { ResourceTableSpec } from "./spec";
import type { Row } from "./types";

export const SELECT_COLUMN = "__select";

export interface ColumnOptions {
  selectable: boolean;
  /** Links the title cell (e.g. to the record's admin page). */
  rowHref?: ((row: Row) => string) | undefined;
}

export function SelectAllBox({ table }: { table: Table<Row> }) {
  const all = table.getIsAllPageRowsSelected();
  const some = table.getIsSomePageRowsSelected();
  return (
    <Checkbox
      aria-label="Select all on this page"
      className="align-middle"
      checked={all ? true : some ? "indeterminate" : false}
      disabled={table.getRowModel().rows.length === 0}
      onCheckedChange={(checked) => table.toggleAllPageRowsSelected(checked === true)}
    />
  );
}

export function buildColumns(spec: ResourceTableSpec, options: ColumnOptions): ColumnDef<Row>[] {
  const isDeleted = (row: Row) => (spec.softDeleteField ? row[spec.softDeleteField] != null : false);
  const columns: ColumnDef<Row>[] = [];
  if (options.selectable) {
    columns.push({
      id: SELECT_COLUMN,
      enableSorting: false,
      enableHiding: false,
      header: ({ table }) => <SelectAllBox table={table} />,
      cell: ({ row }) => (
        <Checkbox
          aria-label={`Select row ${recordTitle(row.original, spec.titleField)}`}
          className="align-middle"
          checked={row.getIsSelected()}
          onCheckedChange={(checked) => row.toggleSelected(checked === true)}
        />
      ),
    });
  }
  for (const field of spec.columns) {
    const isTitle = field.name === spec.titleField;
    columns.push({
      id: field.name,
      accessorFn: (row) => row[field.name],
      header: field.label,
      enableSorting: field.sortable,
      // The title names the row (and its checkbox); hiding it would leave rows nobody can tell apart.
      enableHiding: !isTitle,
      cell: ({ row }) =>
        isTitle ? (
          <TitleCell
            title={recordTitle(row.original, spec.titleField)}
            href={options.rowHref?.(row.original)}
            deleted={isDeleted(row.original)}
          />
        ) : (
          <CellValue
            row={row.original}
            field={field}
            calendar={spec.dayFields.has(field.name)}
            owner={{ resource: spec.resource, idField: spec.idField }}
          />
        ),
    });
  }
  return columns;
}

type AriaSort = "ascending" | "descending" | "none" | undefined;

/**
 * ARIA allows aria-sort on one header at a time: the primary sort column gets it; further sort keys say their rank
 * in the button's text instead.
 */
export function ariaSortOf(header: Header<Row, unknown>): AriaSort {
  const column = header.column;
  if (!column.getCanSort()) return undefined;
  const direction = column.getIsSorted();
  if (!direction) return "none";
  if (column.getSortIndex() > 0) return undefined;
  return direction === "asc" ? "ascending" : "descending";
}

/**
 * A header that sorts on click (Shift+click adds it as a further sort key). It fills its header cell, so the whole
 * cell is the target; the cell itself carries aria-sort (see ariaSortOf).
 */
export function SortButton({ header, label }: { header: Header<Row, unknown>; label: string }) {
  const column = header.column;
  const direction = column.getIsSorted();
  const index = column.getSortIndex();
  const multi = header.getContext().table.getState().sorting.length > 1;
  const Icon = direction === "asc" ? ArrowUp : direction === "desc" ? ArrowDown : ChevronsUpDown;
  return (
    <button
      type="button"
      onClick={column.getToggleSortingHandler()}
      className={cn(
        "flex h-10 w-full cursor-pointer items-center gap-1 px-3 text-left uppercase hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100",
        direction && "text-zinc-900 dark:text-zinc-100",
        focusRing,
        "focus-visible:-outline-offset-2",
      )}
    >
      <span className="min-w-0 truncate">{label}</span>
      <Icon aria-hidden="true" className={cn("size-3.5 shrink-0", !direction && "opacity-50")} />
      {direction && multi ? (
        <>
          <span aria-hidden="true" className="text-[10px] tabular-nums">
            {index + 1}
          </span>
          <span className="sr-only">{` (sort ${index + 1}, ${direction === "asc" ? "ascending" : "descending"})`}</span>
        </>
      ) : null}
    </button>
  );
}
