"use client";
import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ComboboxOption } from "@/components/ui/command";
import type { FormFieldSpec } from "../form-fields";
import { type Choice, choiceOf } from "../form-values";
import { useResourceApi } from "../resource-api";
import { useDebouncedValue } from "../use-debounced-value";
import { useResourceMeta } from "../use-resource-meta";

const PER_PAGE = 20;

type Target = NonNullable<FormFieldSpec["target"]>;

/** A picker's target; a picker widget forced onto a field without one is a programming error. */
export function targetOf(spec: FormFieldSpec): Target {
  if (!spec.target) throw new Error(`${spec.name}: the ${spec.widget} widget needs a relation target`);
  return spec.target;
}

/**
 * The records a picker offers: `list` of the target, 20 at a time, searched on the server (debounced) and paged with
 * "load more". A target without searchable fields ignores `search`, so there the typed text filters the pages
 * loaded so far instead, and more pages load on demand. Nothing is fetched until the picker opens.
 */
export function useRecordOptions(target: Target, open: boolean) {
  const api = useResourceApi(target.resource);
  const meta = useResourceMeta(target.resource);
  const [text, setText] = useState("");
  const typed = useDebouncedValue(text.trim(), 250);
  const searchable = meta.data?.fields.some((f) => f.searchable) ?? false;
  const search = searchable ? typed : "";

  // A new search starts again from page 1.
  const [pages, setPages] = useState({ search, count: 1 });
  const count = pages.search === search ? pages.count : 1;
  if (pages.search !== search) setPages({ search, count: 1 });

  const results = useQueries({
    queries: Array.from({ length: count }, (_, index) => ({
      ...api.list.queryOptions({ search: search || undefined, perPage: PER_PAGE, page: index + 1 }),
      enabled: open && meta.isSuccess,
      // Keep showing the previous results while the next search runs, instead of flashing an empty list.
      placeholderData: index === 0 ? keepPreviousData : undefined,
    })),
  });

  // Pages can overlap when rows were added between two fetches: one option per record.
  const seen = new Map<string, Choice>();
  for (const result of results) {
    for (const item of result.data?.items ?? []) {
      const choice = choiceOf(item, target.titleField);
      if (!seen.has(choice.id)) seen.set(choice.id, choice);
    }
  }
  const needle = typed.toLowerCase();
  const choices = [...seen.values()].filter((c) => searchable || !needle || c.label.toLowerCase().includes(needle));

  const last = results[results.length - 1]?.data;
  const hasMore = last !== undefined && last.page < last.totalPages;
  const loading = meta.isPending || results.some((r) => r.isFetching);
  const failed = meta.error ?? results.find((r) => r.error)?.error ?? null;

  return {
    text,
    setText,
    options: choices.map((c): ComboboxOption => ({ value: c.id, label: c.label || c.id })),
    choice: (id: string): Choice => choices.find((c) => c.id === id) ?? { id, label: "" },
    loading: open && loading,
    hasMore,
    loadMore: () => {
      if (hasMore && !loading) setPages({ search, count: count + 1 });
    },
    error: failed ? failed.message : null,
    /** The target's name for people ("Users"), for the search box's label. */
    label: meta.data?.label.many ?? target.resource,
  };
}

/** The title of a picked record whose title the form does not know yet (e.g. an id passed in `defaults`). */
export function useChoiceTitle(target: Target | undefined, choice: Choice | null): string {
  const api = useResourceApi(target?.resource ?? "");
  const unknown = target !== undefined && choice !== null && choice.label === "";
  const { data } = useQuery({
    ...api.get.queryOptions({ id: choice?.id ?? "" }),
    enabled: unknown,
  });
  if (!choice) return "";
  if (choice.label) return choice.label;
  return data && target ? choiceOf(data, target.titleField).label : choice.id;
}
