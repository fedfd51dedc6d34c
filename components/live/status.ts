/**
 * The connection state of every live subscription on the page, in one small store, so an indicator (the admin's
 * header) can show one state for all of them without knowing which components subscribe.
 */
import { useSyncExternalStore } from "react";

/** `connecting`: first connection; `live`: streaming; `reconnecting`: lost, the client is retrying; `failed`: gave up. */
export type LiveState = "connecting" | "live" | "reconnecting" | "failed";
/** What the page as a whole is: `off` when nothing on it subscribes. */
export type PageLiveState = LiveState | "off";

const states = new Map<string, LiveState>();
const listeners = new Set<() => void>();
let snapshot: PageLiveState = "off";

// The worst state wins: one failed stream means the page is not fully live.
const RANK: Record<LiveState, number> = { live: 0, connecting: 1, reconnecting: 2, failed: 3 };

function recompute() {
  let worst: PageLiveState = "off";
  for (const state of states.values()) if (worst === "off" || RANK[state] > RANK[worst]) worst = state;
  if (worst === snapshot) return;
  snapshot = worst;
  for (const listener of listeners) listener();
}

export function reportLiveState(key: string, state: LiveState | undefined) {
  if (state === undefined) states.delete(key);
  else states.set(key, state);
  recompute();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The page's live state; `off` during server rendering. */
export function usePageLiveState(): PageLiveState {
  return useSyncExternalStore(
    subscribe,
    () => snapshot,
    () => "off",
  );
}

/**
 * Bumped when the signed-in user changes in this tab (SessionCacheGuard). A stream keeps the caller it was opened
 * with, so live hooks restart theirs: the next messages are computed for the new user, never the old one's.
 */
let sessionEpoch = 0;
const epochListeners = new Set<() => void>();

export function bumpLiveSession() {
  sessionEpoch += 1;
  for (const listener of epochListeners) listener();
}

export function useLiveSessionEpoch(): number {
  return useSyncExternalStore(
    (listener) => {
      epochListeners.add(listener);
      return () => epochListeners.delete(listener);
    },
    () => sessionEpoch,
    () => 0,
  );
}
