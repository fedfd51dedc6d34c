"use client";
import { useCallback, useEffect, useState } from "react";
import type { ComboboxOption } from "@/components/ui/command";

const first = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Radia", "Tim", "Frances"];
const last = ["Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Perlman"];

/** 99 made-up people, the same on the server and the client. */
const people: ComboboxOption[] = first.flatMap((f, i) =>
  last.map((l, j) => ({
    value: `user-${i}-${j}`,
    label: `${f} ${l}`,
    description: `${f}.${l}@example.com`.toLowerCase(),
  })),
);

const PAGE = 8;

/** Stands in for a paged relation search: filters locally, answers after a short delay like a server would. */
export function useFakePeople() {
  const [search, setSearch] = useState("");
  const [pages, setPages] = useState(1);
  const [loading, setLoading] = useState(false);
  const matches = people.filter((p) => p.label.toLowerCase().includes(search.trim().toLowerCase()));

  const onSearch = useCallback((text: string) => {
    setSearch(text);
    setPages(1);
  }, []);
  const loadMore = useCallback(() => setLoading(true), []);
  useEffect(() => {
    if (!loading) return;
    const timer = setTimeout(() => {
      setPages((n) => n + 1);
      setLoading(false);
    }, 400);
    return () => clearTimeout(timer);
  }, [loading]);

  return {
    search,
    onSearch,
    options: matches.slice(0, pages * PAGE),
    hasMore: matches.length > pages * PAGE,
    loading,
    loadMore,
    labelOf: (value: string) => people.find((p) => p.value === value)?.label ?? value,
  };
}
