"use client";
/**
 * How the Jobs page stays live (decision 021): pg-boss changes job states with no event the app could stream, so
 * the page's queries refetch every few seconds while the tab is visible (React Query pauses the interval in a
 * background tab) and at once after the admin's own retry or cancel. The header's live indicator reports it like
 * a stream: live while polls answer, reconnecting while they fail.
 */
import { useEffect, useId } from "react";
import { type LiveState, reportLiveState } from "@/components/live/status";

/** How often the page asks again: a state change shows within this. */
export const JOBS_POLL_MS = 3_000;

/** The polling options every query of the page takes. */
export const polled = { refetchInterval: JOBS_POLL_MS, refetchIntervalInBackground: false } as const;

interface PolledQuery {
  isPending: boolean;
  isError: boolean;
  /** Failures of the latest fetch in a row (React Query resets it on success). */
  failureCount: number;
}

export function usePolledLive(queries: PolledQuery[]): void {
  const key = useId();
  let state: LiveState = "live";
  if (queries.some((q) => q.isError || q.failureCount > 0)) state = "reconnecting";
  else if (queries.some((q) => q.isPending)) state = "connecting";
  useEffect(() => reportLiveState(key, state), [key, state]);
  useEffect(() => () => reportLiveState(key, undefined), [key]);
}
