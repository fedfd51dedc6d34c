"use client";
/** One row per column of the file: its header, a sample value, and the field it fills (or "Not imported"). */
import { NativeSelect } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ImportField, Mapping } from "./mapping";

export interface MappingTableProps {
  header: readonly string[];
  sample: readonly string[] | undefined;
  fields: readonly ImportField[];
  mapping: Mapping;
  disabled: boolean;
  onChange: (column: number, field: string | null) => void;
}

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

export function MappingTable({ header, sample, fields, mapping, disabled, onChange }: MappingTableProps) {
  return (
    <Table aria-label="Columns of the file">
      <TableHeader>
        <TableRow>
          <TableHead>Column</TableHead>
          <TableHead className="hidden sm:table-cell">First row</TableHead>
          <TableHead>Imported into</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {header.map((column, i) => {
          const id = `import-column-${i}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions in the file; headers may repeat.
            <TableRow key={i}>
              <TableCell className="font-medium">
                <label htmlFor={id}>{column || `Column ${i + 1}`}</label>
                {/* On a phone the sample sits under the column's name, leaving room for the field picker. */}
                <span className="block max-w-36 truncate font-normal text-zinc-600 sm:hidden dark:text-zinc-400">
                  {clip(sample?.[i] ?? "")}
                </span>
              </TableCell>
              <TableCell className="hidden max-w-64 truncate text-zinc-600 sm:table-cell dark:text-zinc-400">
                {clip(sample?.[i] ?? "")}
              </TableCell>
              <TableCell className="min-w-40">
                <NativeSelect
                  id={id}
                  value={mapping[i] ?? ""}
                  disabled={disabled}
                  onChange={(e) => onChange(i, e.target.value || null)}
                >
                  <option value="">Not imported</option>
                  {fields.map((field) => (
                    <option key={field.name} value={field.name}>
                      {field.label} ({field.name})
                    </option>
                  ))}
                </NativeSelect>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
