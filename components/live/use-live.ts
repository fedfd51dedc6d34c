"use client";
/**
 * Hooks that keep a `list` page or a `get` record live: they subscribe to `<resource>.onChange` over SSE and patch
 * the React Query cache entry the component reads (the same query key), refetching where a patch cannot be exact
 * (see ./patch.ts). After a reconnect the server replays what was missed; when it cannot (first connection, or away
 * longer than the retention window) it says `ready` with `resumed: false` and the query refetches.
 */
import { type QueryFilters, type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useId, useRef, useState } from "react";
import {
  type ResourceGetInput,
  type ResourceListInput,
  type ResourceListResult,
  type ResourceLiveInput,
  type ResourceRecord,
  type TrackedLiveMessage,
  useResourceApi,
} from "@/components/form/resource-api";
import { type ListPatchOptions, patchList, patchRecord } from "./patch";
import { type LiveState, reportLiveState, useLiveSessionEpoch } from "./status";

/**
 * Refetches of the queries `filters` selects, coalesced: a burst of events costs one fetch, after the last of them.
 * Exported for streams that only say "something changed" (the audit log's `audit.onChange`).
 */
export function useCoalescedRefetch(filters: QueryFilters) {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const current = useRef(filters);
  current.current = filters;
  useEffect(() => () => clearTimeout(timer.current), []);

  const run = () => {
    timer.current = undefined;
    // A fetch in flight may have read the database before the change: wait for it, then fetch once more.
    if (queryClient.isFetching(current.current) > 0) {
      timer.current = setTimeout(run, 100);
      return;
    }
    void queryClient.invalidateQueries(current.current);
  };
  return {
    schedule() {
      timer.current ??= setTimeout(run, 30);
    },
    /** True when the cached data may be overwritten by a response older than the change just applied. */
    fetching: () => queryClient.isFetching(current.current) > 0,
  };
}

/** Reports a subscription's connection state to the page indicator (./status.ts) and returns it. */
export function useReportedLiveState(
  status: "idle" | "connecting" | "pending" | "error",
  enabled: boolean,
): LiveState | undefined {
  const key = useId();
  const wasLive = useRef(false);
  let state: LiveState | undefined;
  if (!enabled || status === "idle") state = undefined;
  else if (status === "pending") state = "live";
  // A failed stream is opened again (useReopenAfterFailure): it is reconnecting, not given up on.
  else state = wasLive.current || status === "error" ? "reconnecting" : "connecting";
  useEffect(() => {
    if (state === "live") wasLive.current = true;
    reportLiveState(key, state);
  }, [key, state]);
  useEffect(() => () => reportLiveState(key, undefined), [key]);
  return state;
}

/** Reopens a subscription when the signed-in user changes, so it streams as the new caller (see status.ts). */
export function useResubscribeOnSessionChange(reset: () => void) {
  const epoch = useLiveSessionEpoch();
  const seen = useRef(epoch);
  const restart = useRef(reset);
  restart.current = reset;
  useEffect(() => {
    if (seen.current === epoch) return;
    seen.current = epoch;
    restart.current();
  }, [epoch]);
}

/** The longest pause before a failed stream is opened again. */
const REOPEN_MAX_MS = 30_000;

/**
 * Opens a subscription again after it failed. tRPC's client gives a stream up for good when a reconnect is answered
 * with an error status (the database down: 503; too many streams: 429), where the server means "later": so try
 * again after a pause that doubles up to 30 s. The new stream has no last event id; its `ready` says
 * `resumed: false`, and the page refetches what it shows, so nothing missed meanwhile stays missing.
 */
export function useReopenAfterFailure(status: "idle" | "connecting" | "pending" | "error", reset: () => void) {
  const failures = useRef(0);
  const restart = useRef(reset);
  restart.current = reset;
  useEffect(() => {
    if (status === "pending") failures.current = 0;
    if (status !== "error") return;
    const delay = Math.min(REOPEN_MAX_MS, 1_000 * 2 ** failures.current++);
    const timer = setTimeout(() => restart.current(), delay);
    return () => clearTimeout(timer);
  }, [status]);
}

/** What every live subscription on a page does: follow the session, come back after failing, report its state. */
export function useKeptLive(
  subscription: { status: "idle" | "connecting" | "pending" | "error"; reset: () => void },
  enabled: boolean,
): LiveState | undefined {
  useResubscribeOnSessionChange(subscription.reset);
  useReopenAfterFailure(subscription.status, subscription.reset);
  return useReportedLiveState(subscription.status, enabled);
}

export interface LiveListOptions extends ListPatchOptions {
  /** Subscribe only when true (default true), e.g. once the query's input is known. */
  enabled?: boolean;
}

/**
 * Keeps `<resource>.list(input)` live for the component that reads it: updates patch rows in place, removals take
 * rows out, new rows and anything a patch cannot place exactly refetch the page. Returns the connection state.
 */
export function useLiveList(
  resource: string,
  input: ResourceListInput | undefined,
  options: LiveListOptions = {},
): LiveState | undefined {
  const enabled = options.enabled ?? true;
  const api = useResourceApi(resource);
  const queryClient = useQueryClient();
  const queryKey = api.list.queryKey(input);
  const refetcher = useCoalescedRefetch({ queryKey, exact: true });
  // The stream carries changes to live rows; a bin view ("only"/"include" deleted rows) refetches on each of them.
  const binView = input?.deleted === "only" || input?.deleted === "include";

  const onData = ({ data: message }: TrackedLiveMessage) => {
    if (message.action === "ready") {
      if (!message.resumed) refetcher.schedule();
      return;
    }
    if (binView) return refetcher.schedule();
    const wasFetching = refetcher.fetching();
    let refetch = true;
    queryClient.setQueryData<ResourceListResult>(queryKey, (data) => {
      if (!data) return data;
      const patched = patchList(data, message, input, options);
      refetch = patched.refetch;
      return patched.data;
    });
    if (refetch || wasFetching) refetcher.schedule();
  };

  const liveInput: ResourceLiveInput = input?.filter ? { filter: input.filter } : {};
  const subscription = useSubscription(api.onChange.subscriptionOptions(liveInput, { enabled, onData }));
  return useKeptLive(subscription, enabled);
}

export interface LiveRecordState {
  state: LiveState | undefined;
  /** The record was deleted, or changed so that this reader may no longer see it, after the page loaded. */
  removed: boolean;
}

export interface LiveRecordOptions {
  enabled?: boolean;
  /** Called with each change to the record after it is applied (e.g. to refresh a history panel). */
  onChange?: () => void;
}

/** The record id a cached `get` query was made for (tRPC keys are `[path, { input, type }]`). */
function idOfGetKey(queryKey: QueryKey): string | undefined {
  const meta = queryKey[1];
  if (typeof meta !== "object" || meta === null || !("input" in meta)) return undefined;
  const input = meta.input;
  return typeof input === "object" && input !== null && "id" in input ? String(input.id) : undefined;
}

/**
 * Keeps every cached `<resource>.get` of one record live (whatever it expands, so a page that reads the record
 * twice needs one stream): changes patch them, a removal is reported. `input` names the record and whether its
 * reader sees deleted rows.
 */
export function useLiveRecord(
  resource: string,
  input: Pick<ResourceGetInput, "id" | "withDeleted"> | undefined,
  options: LiveRecordOptions = {},
): LiveRecordState {
  const enabled = (options.enabled ?? true) && input !== undefined;
  const api = useResourceApi(resource);
  const queryClient = useQueryClient();
  const id = input === undefined ? "" : String(input.id);
  const withDeleted = input?.withDeleted === true;
  const thisRecord: QueryFilters = {
    queryKey: api.get.pathKey(),
    predicate: (query) => idOfGetKey(query.queryKey) === id,
  };
  const refetcher = useCoalescedRefetch(thisRecord);
  // Which record was removed, so moving on to another record starts afresh.
  const [removedId, setRemovedId] = useState<string | undefined>(undefined);

  const onData = ({ data: message }: TrackedLiveMessage) => {
    if (message.action === "ready") {
      if (!message.resumed) refetcher.schedule();
      return;
    }
    const wasFetching = refetcher.fetching();
    let refetch = false;
    for (const [queryKey, data] of queryClient.getQueriesData<ResourceRecord>(thisRecord)) {
      if (!data) continue;
      const patched = patchRecord(data, message);
      refetch ||= patched.refetch;
      if (patched.data !== data) queryClient.setQueryData(queryKey, patched.data);
    }
    // Readers of deleted rows (editors, admins) still see a soft-deleted record: the refetch below shows it in the
    // bin. For everyone else a removal means it is gone for them.
    setRemovedId(message.action === "delete" && !withDeleted ? id : undefined);
    if (refetch || wasFetching || (message.action === "delete" && withDeleted)) refetcher.schedule();
    // A history panel open beside the record gains an entry with every change.
    void queryClient.invalidateQueries(api.history.pathFilter());
    options.onChange?.();
  };

  const liveInput: ResourceLiveInput = { id };
  const subscription = useSubscription(api.onChange.subscriptionOptions(liveInput, { enabled, onData }));
  const state = useKeptLive(subscription, enabled);
  return { state, removed: enabled && removedId === id };
}
