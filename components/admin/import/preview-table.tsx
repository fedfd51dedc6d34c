"use client";
/** The first rows of the file as they will be imported: the mapped fields only, with each row's check result. */
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RowOutcome } from "@/server/core/import/rows";
import type { ImportField, Mapping } from "./mapping";
import type { ParsedCsv } from "./parse";

const ROWS = 10;
const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

export interface PreviewTableProps {
  csv: ParsedCsv;
  mapping: Mapping;
  fields: readonly ImportField[];
  outcomes: readonly RowOutcome[];
}

export function PreviewTable({ csv, mapping, fields, outcomes }: PreviewTableProps) {
  const columns = mapping.flatMap((field, i) => (field === null ? [] : [{ index: i, field }]));
  if (columns.length === 0) return null;
  const label = (name: string) => fields.find((f) => f.name === name)?.label ?? name;
  const byRow = new Map(outcomes.map((o) => [o.row, o]));
  return (
    <div className="space-y-2">
      <h3 className="font-semibold">
        Preview{csv.rows.length > ROWS ? ` (the first ${ROWS} of ${csv.rows.length} rows)` : ""}
      </h3>
      <Table aria-label="Preview of the rows to import">
        <TableHeader>
          <TableRow>
            <TableHead>Row</TableHead>
            {columns.map((c) => (
              <TableHead key={c.index}>{label(c.field)}</TableHead>
            ))}
            <TableHead>Check</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {csv.rows.slice(0, ROWS).map((cells, i) => {
            const row = i + 2;
            const outcome = byRow.get(row);
            return (
              <TableRow key={row}>
                <TableCell>{row}</TableCell>
                {columns.map((c) => (
                  <TableCell key={c.index} className="max-w-64 truncate">
                    {clip(cells[c.index] ?? "")}
                  </TableCell>
                ))}
                <TableCell className={outcome && !outcome.ok ? "text-red-700 dark:text-red-300" : undefined}>
                  {outcome ? (outcome.ok ? "OK" : outcome.message) : "Not checked"}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
