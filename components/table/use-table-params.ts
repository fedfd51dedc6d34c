"use client";
/**
 * Where a table keeps its view: the page URL through nuqs (shareable, survives reload) or private component state.
 * The table calls the source it was given as a hook, once its spec is known; both read and write the same parsers
 * (url-state.ts), so a view behaves the same in either place.
 */
import { useQueryStates } from "nuqs";
import { useCallback, useMemo, useState } from "react";
import {
  changedValues,
  decodeTableState,
  encodeTableState,
  stateFromValues,
  type TableSpec,
  type TableState,
  tableParsers,
  tableUrlKeys,
} from "./url-state";

export type ParamsSource = (spec: TableSpec, prefix: string) => [TableState, (next: TableState) => void];

/**
 * The view in the page's query string. Needs nuqs's adapter (app/layout.tsx) and a Suspense boundary above it
 * (it reads useSearchParams on a prerendered page). Updates replace the history entry and stay in the browser
 * (shallow): the table fetches its rows itself, no server component reads these keys.
 */
export const useUrlParams: ParamsSource = (spec, prefix) => {
  const parsers = useMemo(() => tableParsers(spec), [spec]);
  const urlKeys = useMemo(() => tableUrlKeys(parsers, prefix), [parsers, prefix]);
  const [values, setValues] = useQueryStates(parsers, { urlKeys, history: "replace", scroll: false });
  const state = useMemo(() => stateFromValues(values, spec), [values, spec]);
  const setState = useCallback(
    (next: TableState) => {
      const changed = changedValues(state, next, spec);
      if (Object.keys(changed).length > 0) void setValues(changed);
    },
    [state, spec, setValues],
  );
  return [state, setState];
};

/**
 * The view in component state, for `urlState={false}`. Kept as a query string and read with the current spec, like
 * the URL. Not a second nuqs adapter: nuqs syncs hooks by key across the page, so it would mix this table's `page`
 * with the URL's.
 */
export const useLocalParams: ParamsSource = (spec, prefix) => {
  const [query, setQuery] = useState("");
  const state = useMemo(() => decodeTableState(query, spec, prefix), [query, spec, prefix]);
  const setState = useCallback(
    (next: TableState) => setQuery((current) => encodeTableState(next, spec, prefix, current)),
    [spec, prefix],
  );
  return [state, setState];
};
