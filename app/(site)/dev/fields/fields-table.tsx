"use client";
/**
 * The sample records in table cells (CellValue, as generated tables render them) under a filter chip per filterable
 * field (FilterChip, as the toolbar shows them), with the list filter the chips build: what the table would send.
 */
import { useState } from "react";
import { CellValue, isNumericField } from "@/components/table/cells";
import { FilterChip } from "@/components/table/filter-chip";
import { toApiFilter } from "@/components/table/list-input";
import { buildSpec } from "@/components/table/spec";
import type { FieldFilter } from "@/components/table/url-state";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { repr } from "./fields-form";
import { SAMPLE_META, SAMPLE_ROWS } from "./sample-resource";

const spec = buildSpec(SAMPLE_META);
const columns = spec.columns.filter((f) => f.name !== SAMPLE_META.idField);

/** A filter as code, bigints and dates included. */
function filterText(node: unknown, depth = 0): string {
  if (node && typeof node === "object" && !Array.isArray(node) && !(node instanceof Date)) {
    const pad = "  ".repeat(depth + 1);
    const inner = Object.entries(node).map(([k, v]) => `${pad}${k}: ${filterText(v, depth + 1)}`);
    return `{\n${inner.join(",\n")}\n${"  ".repeat(depth)}}`;
  }
  return repr(node);
}

export function FieldsTable() {
  const [filters, setFilters] = useState<Record<string, FieldFilter>>({});
  const apiFilter = toApiFilter(filters, spec, spec.dayFields);
  return (
    // minmax(0, 1fr): the wide table scrolls in its own box instead of widening the card and the page.
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      {/* biome-ignore lint/a11y/useSemanticElements: a group of filter buttons, not a form to submit. */}
      <div role="group" aria-label="Samples filters" className="flex flex-wrap gap-2">
        {columns
          .filter((f) => f.filterable && f.type !== "json")
          .map((field) => (
            <FilterChip
              key={field.name}
              field={field}
              filter={filters[field.name]}
              onChange={(next) =>
                setFilters((all) => {
                  const { [field.name]: _old, ...rest } = all;
                  return next ? { ...rest, [field.name]: next } : rest;
                })
              }
            />
          ))}
      </div>
      <section aria-label="List filter sent" className="grid gap-1">
        <h3 className="text-sm font-semibold">The list filter these chips send</h3>
        <pre
          data-testid="api-filter"
          className="overflow-x-auto rounded-md border border-zinc-200 bg-white p-3 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900"
        >
          {apiFilter ? filterText(apiFilter) : "(none)"}
        </pre>
      </section>
      <div className="rounded-md border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <Table aria-label="Samples">
          <TableHeader>
            <TableRow>
              {columns.map((field) => (
                <TableHead key={field.name} className={cn("whitespace-nowrap", isNumericField(field) && "text-right")}>
                  {field.label}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {SAMPLE_ROWS.map((row) => (
              <TableRow key={String(row.id)}>
                {columns.map((field) => (
                  <TableCell key={field.name} data-column={field.name} className="max-w-64">
                    <CellValue row={row} field={field} calendar={spec.dayFields.has(field.name)} />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
