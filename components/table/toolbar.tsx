"use client";
/** Above the table: search, one filter per filterable field, deleted rows, visible columns, the page's own actions. */
import type { Table } from "@tanstack/react-table";
import { Columns3, Search, X } from "lucide-react";
import { type ReactNode, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { FilterChip } from "./filter-chip";
import type { ResourceTableSpec } from "./spec";
import type { DeletedMode, Row } from "./types";
import { type FieldFilter, hasUserFilters, type TableState } from "./url-state";
import { useDebouncedCallback } from "./use-debounced";

export interface ToolbarProps {
  spec: ResourceTableSpec;
  /** The plural label, e.g. "posts". */
  noun: string;
  /** The table's name, e.g. "Posts". */
  label: string;
  state: TableState;
  table: Table<Row>;
  onSearch: (text: string) => void;
  onFilter: (field: string, next: FieldFilter | undefined) => void;
  onDeleted: (mode: DeletedMode) => void;
  onClear: () => void;
  actions?: ReactNode;
}

function SearchBox({ noun, value, onSearch }: { noun: string; value: string; onSearch: (text: string) => void }) {
  const id = useId();
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // Follow the URL when it changes under us (back button, "Clear filters").
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  const apply = useDebouncedCallback(onSearch, 300);
  return (
    <div className="relative w-full sm:w-64">
      <Label htmlFor={id} className="sr-only">
        Search {noun}
      </Label>
      <Search
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400"
      />
      <Input
        id={id}
        type="search"
        placeholder={`Search ${noun}…`}
        className="pl-8"
        maxLength={200}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          apply(e.target.value);
        }}
      />
    </div>
  );
}

function ColumnsMenu({ table }: { table: Table<Row> }) {
  const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide());
  if (hideable.length === 0) return null;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm">
          <Columns3 aria-hidden="true" />
          Columns
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuLabel>Show columns</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {hideable.map((column) => (
          <DropdownMenuCheckboxItem
            key={column.id}
            checked={column.getIsVisible()}
            onCheckedChange={(checked) => column.toggleVisibility(checked === true)}
            // Keep the menu open: several columns are usually toggled in a row.
            onSelect={(e) => e.preventDefault()}
          >
            {typeof column.columnDef.header === "string" ? column.columnDef.header : column.id}
          </DropdownMenuCheckboxItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

const DELETED_MODES: readonly DeletedMode[] = ["exclude", "include", "only"];

function DeletedSelect({ value, onChange }: { value: DeletedMode; onChange: (mode: DeletedMode) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <Label htmlFor={id} className="whitespace-nowrap">
        Deleted
      </Label>
      <NativeSelect
        id={id}
        className="h-8 w-auto text-xs"
        value={value}
        onChange={(e) => {
          const mode = DELETED_MODES.find((m) => m === e.target.value);
          if (mode) onChange(mode);
        }}
      >
        <option value="exclude">Hide</option>
        <option value="include">Include</option>
        <option value="only">Only deleted</option>
      </NativeSelect>
    </div>
  );
}

export function Toolbar({
  spec,
  noun,
  label,
  state,
  table,
  onSearch,
  onFilter,
  onDeleted,
  onClear,
  actions,
}: ToolbarProps) {
  // Filtering by the delete mark only means something while deleted rows are shown (or when a link brought one).
  const filterable = spec.columns.filter(
    (f) =>
      f.filterable &&
      f.type !== "json" &&
      (f.name !== spec.softDeleteField || state.deleted !== "exclude" || state.filters[f.name] !== undefined),
  );
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        {spec.searchable ? <SearchBox noun={noun} value={state.search} onSearch={onSearch} /> : null}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {spec.canReadDeleted ? <DeletedSelect value={state.deleted} onChange={onDeleted} /> : null}
          <ColumnsMenu table={table} />
          {actions}
        </div>
      </div>
      {filterable.length > 0 || hasUserFilters(state) ? (
        // biome-ignore lint/a11y/useSemanticElements: a group of filter buttons, not a form to submit.
        <div role="group" aria-label={`${label} filters`} className="flex flex-wrap items-center gap-2">
          {filterable.map((field) => (
            <FilterChip
              key={field.name}
              field={field}
              filter={state.filters[field.name]}
              onChange={(next) => onFilter(field.name, next)}
            />
          ))}
          {hasUserFilters(state) ? (
            <Button variant="ghost" size="sm" onClick={onClear}>
              <X aria-hidden="true" />
              Clear filters
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
