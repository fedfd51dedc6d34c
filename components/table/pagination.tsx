"use client";
/** Below the table: page size, "Page X of Y, N items", and first/previous/next/last. */
import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";

const PAGE_SIZES = [10, 20, 50, 100];

/** The offered page sizes: the usual ones up to the resource's maximum, plus the current one if it is unusual. */
export function pageSizes(maxPerPage: number, current: number): number[] {
  const sizes = PAGE_SIZES.filter((n) => n <= maxPerPage);
  if (!sizes.includes(maxPerPage) && maxPerPage < 100) sizes.push(maxPerPage);
  if (!sizes.includes(current)) sizes.push(current);
  return sizes.sort((a, b) => a - b);
}

export interface PaginationProps {
  page: number;
  perPage: number;
  maxPerPage: number;
  /** Unknown (-1) while the first page loads. */
  totalItems: number;
  totalPages: number;
  noun: { one: string; many: string };
  /** The navigation landmark's name, e.g. "Posts pagination" (several tables may share a page). */
  label: string;
  onPage: (page: number) => void;
  onPerPage: (perPage: number) => void;
}

export function Pagination({
  page,
  perPage,
  maxPerPage,
  totalItems,
  totalPages,
  noun,
  label,
  onPage,
  onPerPage,
}: PaginationProps) {
  const id = useId();
  const known = totalItems >= 0;
  const last = Math.max(totalPages, 1);
  const items = `${totalItems.toLocaleString()} ${totalItems === 1 ? noun.one.toLowerCase() : noun.many.toLowerCase()}`;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3 text-sm">
      <div className="flex items-center gap-2">
        <Label htmlFor={id} className="whitespace-nowrap font-normal">
          Rows per page
        </Label>
        <NativeSelect
          id={id}
          className="h-8 w-20 text-xs"
          value={perPage}
          onChange={(e) => onPerPage(Number(e.target.value))}
        >
          {pageSizes(maxPerPage, perPage).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p className="tabular-nums text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {known ? `Page ${Math.min(page, last)} of ${last}, ${items}` : "Loading…"}
        </p>
        <div className="flex items-center gap-1">
          <Button
            variant="outline"
            size="icon"
            className="size-8"
            aria-label="First page"
            disabled={page <= 1}
            onClick={() => onPage(1)}
          >
            <ChevronsLeft aria-hidden="true" />
          </Button>
          <Button
            variant="outline"
            size="icon"
            className="size-8"
            aria-label="Previous page"
            disabled={page <= 1}
            onClick={() => onPage(page - 1)}
          >
            <ChevronLeft aria-hidden="true" />
          </Button>
          <Button
            variant="outline"
            size="icon"
            className="size-8"
            aria-label="Next page"
            disabled={!known || page >= last}
            onClick={() => onPage(page + 1)}
          >
            <ChevronRight aria-hidden="true" />
          </Button>
          <Button
            variant="outline"
            size="icon"
            className="size-8"
            aria-label="Last page"
            disabled={!known || page >= last}
            onClick={() => onPage(last)}
          >
            <ChevronsRight aria-hidden="true" />
          </Button>
        </div>
      </div>
    </nav>
  );
}
