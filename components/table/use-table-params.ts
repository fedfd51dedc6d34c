"use client";
/**
 * Where a table keeps its query string: the page URL (shareable, survives reload) or private component state.
 * Both hand out URLSearchParams, so url-state.ts encodes the view the same way in either case.
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { toQueryString } from "./url-state";

export type ParamsSource = [params: URLSearchParams, setParams: (next: URLSearchParams) => void];

/** The page's query string. Needs a Suspense boundary above it (useSearchParams on a prerendered page). */
export function useUrlParams(): ParamsSource {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const current = toQueryString(new URLSearchParams(searchParams));
  // router.replace is a transition: useSearchParams changes only once it commits. Until the URL moves on from
  // where it was, show what was asked for, so a click on "next page" does not first render the old page again.
  const [pending, setPending] = useState<{ from: string; query: string } | null>(null);
  const query = pending && pending.from === current ? pending.query : current;
  const setParams = useCallback(
    (next: URLSearchParams) => {
      const nextQuery = toQueryString(next);
      if (nextQuery === query) return;
      setPending({ from: current, query: nextQuery });
      router.replace(nextQuery ? `${pathname}?${nextQuery}` : pathname, { scroll: false });
    },
    [current, query, pathname, router],
  );
  return [useMemo(() => new URLSearchParams(query), [query]), setParams];
}

/** A query string of the table's own, for `urlState={false}`. */
export function useLocalParams(): ParamsSource {
  const [query, setQuery] = useState("");
  const setParams = useCallback((next: URLSearchParams) => setQuery(toQueryString(next)), []);
  return [useMemo(() => new URLSearchParams(query), [query]), setParams];
}
