"use client";
/**
 * Hooks that keep a `list` page or a `get` record live: they subscribe to `<resource>.onChange` over SSE and patch
 * the React Query cache entry the component reads (the same query key), refetching where a patch cannot be exact
 * (see ./patch.ts). After a reconnect the server replays what was missed; when it cannot (first connection, or away
 * longer than the retention window) it says `ready` with `resumed: false` and the query refetches.
 */
import { type QueryKey, useQueryClient } from "@tanstack/react-query";
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
import { type LiveState, reportLiveState } from "./status";

/** Refetches of one query, coalesced: a burst of events costs one fetch, started after the last of them. */
function useRefetcher(queryKey: QueryKey) {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const key = useRef(queryKey);
  key.current = queryKey;
  useEffect(() => () => clearTimeout(timer.current), []);

  const run = () => {
    timer.current = undefined;
    const filters = { queryKey: key.current, exact: true };
    // A fetch in flight may have read the database before the change: wait for it, then fetch once more.
    if (queryClient.isFetching(filters) > 0) {
      timer.current = setTimeout(run, 100);
      return;
    }
    void queryClient.invalidateQueries(filters);
  };
  return {
    schedule() {
      timer.current ??= setTimeout(run, 30);
    },
    /** True when the cached data may be overwritten by a response older than the change just applied. */
    fetching: () => queryClient.isFetching({ queryKey: key.current, exact: true }) > 0,
  };
}

/** Reports this subscription's connection state to the page indicator (./status.ts) and returns it. */
function useReportedState(
  status: "idle" | "connecting" | "pending" | "error",
  enabled: boolean,
): LiveState | undefined {
  const key = useId();
  const wasLive = useRef(false);
  let state: LiveState | undefined;
  if (!enabled || status === "idle") state = undefined;
  else if (status === "pending") state = "live";
  else if (status === "error") state = "failed";
  else state = wasLive.current ? "reconnecting" : "connecting";
  useEffect(() => {
    if (state === "live") wasLive.current = true;
    reportLiveState(key, state);
  }, [key, state]);
  useEffect(() => () => reportLiveState(key, undefined), [key]);
  return state;
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
  const refetcher = useRefetcher(queryKey);
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
  return useReportedState(subscription.status, enabled);
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

/** Keeps `<resource>.get(input)` live: changes patch the cached record, a removal is reported. */
export function useLiveRecord(
  resource: string,
  input: ResourceGetInput | undefined,
  options: LiveRecordOptions = {},
): LiveRecordState {
  const enabled = (options.enabled ?? true) && input !== undefined;
  const api = useResourceApi(resource);
  const queryClient = useQueryClient();
  const getInput: ResourceGetInput = input ?? { id: "" };
  const queryKey = api.get.queryKey(getInput);
  const refetcher = useRefetcher(queryKey);
  const [removed, setRemoved] = useState(false);

  const onData = ({ data: message }: TrackedLiveMessage) => {
    if (message.action === "ready") {
      if (!message.resumed) refetcher.schedule();
      return;
    }
    const wasFetching = refetcher.fetching();
    let refetch = false;
    queryClient.setQueryData<ResourceRecord>(queryKey, (data) => {
      if (!data) return data;
      const patched = patchRecord(data, message);
      refetch = patched.refetch;
      return patched.data;
    });
    setRemoved(message.action === "delete");
    // With deleted rows readable, a removal may be a soft delete the record now shows (deletedAt): refetch it.
    if (refetch || wasFetching || (message.action === "delete" && getInput.withDeleted)) refetcher.schedule();
    // A history panel open beside the record gains an entry with every change.
    void queryClient.invalidateQueries(api.history.pathFilter());
    options.onChange?.();
  };

  const subscription = useSubscription(api.onChange.subscriptionOptions({ id: getInput.id }, { enabled, onData }));
  return { state: useReportedState(subscription.status, enabled), removed };
}
