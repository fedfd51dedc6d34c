"use client";
/** The order of the rows as one select, for layouts without column headers to click (the cards on a phone). */
import type { Table } from "@tanstack/react-table";
import { useId } from "react";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import type { ResourceTableSpec } from "./spec";
import type { Row } from "./types";

/** How each direction reads for a kind of value: "Created, newest first" says more than "Created, descending". */
function directionWords(type: string): [asc: string, desc: string] {
  switch (type) {
    case "date":
      return ["oldest first", "newest first"];
    case "integer":
    case "number":
      return ["lowest first", "highest first"];
    case "boolean":
      return ["no first", "yes first"];
    default:
      return ["A to Z", "Z to A"];
  }
}

export function SortSelect({ table, spec }: { table: Table<Row>; spec: ResourceTableSpec }) {
  const id = useId();
  const sortable = spec.columns.filter((f) => f.sortable);
  if (sortable.length === 0) return null;
  const [primary] = table.getState().sorting;
  const value = primary ? `${primary.desc ? "-" : ""}${primary.id}` : "";
  return (
    <div className="flex min-w-0 items-center gap-2">
      <Label htmlFor={id} className="whitespace-nowrap font-normal">
        Sort by
      </Label>
      <NativeSelect
        id={id}
        className="h-8 w-auto min-w-0 text-xs"
        value={value}
        onChange={(e) => {
          const next = e.target.value;
          const desc = next.startsWith("-");
          table.setSorting([{ id: desc ? next.slice(1) : next, desc }]);
        }}
      >
        {value === "" ? <option value="">Default</option> : null}
        {sortable.flatMap((field) => {
          const [asc, desc] = directionWords(field.type);
          return [
            <option key={field.name} value={field.name}>
              {`${field.label}, ${asc}`}
            </option>,
            <option key={`-${field.name}`} value={`-${field.name}`}>
              {`${field.label}, ${desc}`}
            </option>,
          ];
        })}
      </NativeSelect>
    </div>
  );
}
