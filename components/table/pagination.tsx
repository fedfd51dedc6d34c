"use client";
/** Below the table: page size, "Page X of Y, N items" (pager-text.ts), and first/previous/next/last. */
import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { pagerText } from "./pager-text";

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
  /** The totals are the server's estimate (`totalEstimated`): "about 1.2M", and "Next" follows the rows instead. */
  estimated?: boolean;
  /** Whether this page came back full, so that (with an estimate) a next one may exist. */
  pageFull?: boolean;
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
  estimated = false,
  pageFull = false,
  noun,
  label,
  onPage,
  onPerPage,
}: PaginationProps) {
  const id = useId();
  const text = pagerText({ page, totalItems, totalPages, estimated }, noun);
  const known = text !== null;
  const last = Math.max(totalPages, 1);
  // An estimate may be short or long: past it a full page still offers "Next", and short of it the end is the end.
  const atEnd = estimated ? !pageFull : page >= last;
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
          {text ?? "Loading…"}
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
            disabled={!known || atEnd}
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
