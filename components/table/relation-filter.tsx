"use client";
/** The filter of an id field: pick a record of the target resource (searching its list), or paste an id. */
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { resourceApi } from "@/components/form/resource-api";
import { useTRPC } from "@/components/trpc/provider";
import { Combobox } from "@/components/ui/command";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { FieldDescriptor } from "@/server/core/meta";
import { recordTitle } from "./cells";
import type { FilterControlProps } from "./filters";
import { useDebouncedCallback } from "./use-debounced";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE = 20;

/** The picked record's title (for the filter's chip), or undefined while unknown. */
export function useRelationTitle(field: FieldDescriptor, id: string | undefined): string | undefined {
  const trpc = useTRPC();
  const rel = field.relation;
  const { data } = useQuery({
    ...resourceApi(trpc, rel?.target ?? "").get.queryOptions(rel && id ? { id } : skipToken),
    // A pasted id of a record this caller cannot see stays an id; asking again will not change that.
    retry: false,
  });
  return rel && data ? recordTitle(data, rel.titleField) : undefined;
}

function TargetPicker({ field, value, onChange }: FilterControlProps) {
  const trpc = useTRPC();
  const rel = field.relation;
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [limit, setLimit] = useState(PAGE);
  const debounced = useDebouncedCallback((text: string) => {
    setQuery(text.trim());
    setLimit(PAGE);
  }, 250);
  const { data, isFetching } = useQuery({
    ...resourceApi(trpc, rel?.target ?? "").list.queryOptions(
      rel ? { page: 1, perPage: Math.min(limit, 100), ...(query ? { search: query } : {}) } : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  const options = (data?.items ?? []).map((row) => ({
    value: String(row.id),
    label: recordTitle(row, rel?.titleField ?? "id"),
  }));
  return (
    <Combobox
      aria-label={`Search ${field.label.toLowerCase()}`}
      framed
      value={search}
      onSearch={(text) => {
        setSearch(text);
        debounced(text);
      }}
      options={options}
      loading={isFetching}
      hasMore={(data?.totalItems ?? 0) > options.length && limit < 100}
      onLoadMore={() => setLimit((n) => n + PAGE)}
      selected={value.eq ? [value.eq] : []}
      onSelect={(id) => onChange(id === value.eq ? undefined : { eq: id })}
    />
  );
}

export function RelationFilter(props: FilterControlProps) {
  const { field, value, onChange } = props;
  const id = useId();
  const [pasted, setPasted] = useState(value.eq ?? "");
  const [seen, setSeen] = useState(value.eq);
  // A pick in the list replaces what was pasted.
  if (seen !== value.eq) {
    setSeen(value.eq);
    setPasted(value.eq ?? "");
  }
  const invalid = pasted.trim() !== "" && !UUID.test(pasted.trim());
  return (
    <div className="grid gap-3">
      <p className="text-sm font-medium">{field.label}</p>
      {field.relation ? <TargetPicker {...props} /> : null}
      <div className="grid gap-1.5">
        <Label htmlFor={id}>{field.relation ? "Or paste an ID" : "ID"}</Label>
        <Input
          id={id}
          value={pasted}
          placeholder="00000000-0000-0000-0000-000000000000"
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
          className="font-mono text-xs"
          onChange={(e) => {
            const text = e.target.value;
            setPasted(text);
            if (text.trim() === "") onChange(undefined);
            else if (UUID.test(text.trim())) onChange({ eq: text.trim().toLowerCase() });
          }}
        />
        {invalid ? (
          <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
            An ID looks like 8-4-4-4-12 hexadecimal digits.
          </p>
        ) : null}
      </div>
    </div>
  );
}
