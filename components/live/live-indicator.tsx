"use client";
/** One dot and a word for the page's live updates: whether what is on screen is kept up to date right now. */
import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import { type PageLiveState, usePageLiveState } from "./status";

const LOOK: Record<PageLiveState, { label: string; dot: string; title: string }> = {
  off: { label: "", dot: "", title: "" },
  connecting: { label: "Connecting…", dot: "bg-zinc-400", title: "Connecting to live updates." },
  live: { label: "Live", dot: "bg-emerald-500", title: "Changes others make appear here as they happen." },
  reconnecting: {
    label: "Reconnecting…",
    dot: "bg-amber-500 animate-pulse",
    title: "The connection dropped; retrying. Missed changes are caught up on reconnect.",
  },
  failed: {
    label: "Not live",
    dot: "bg-red-500",
    title: "Live updates stopped (signed out or refused). Reload the page to try again.",
  },
};

/**
 * Streams end every few minutes by design and reconnect within a second, replaying what they missed: a reconnect
 * is only worth showing once it has lasted this long.
 */
const RECONNECT_NOTICE_AFTER_MS = 1_500;

function useShownState(): PageLiveState {
  const state = usePageLiveState();
  const [shown, setShown] = useState(state);
  useEffect(() => {
    if (state !== "reconnecting" || shown !== "live") return setShown(state);
    const timer = setTimeout(() => setShown(state), RECONNECT_NOTICE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [state, shown]);
  return shown;
}

export function LiveIndicator({ className }: { className?: string }) {
  const state = useShownState();
  if (state === "off") return null;
  const look = LOOK[state];
  return (
    <span
      role="status"
      data-testid="live-state"
      data-state={state}
      title={look.title}
      className={cn("inline-flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400", className)}
    >
      <span aria-hidden className={cn("size-2 rounded-full", look.dot)} />
      <span>{look.label}</span>
      <span className="sr-only">{look.title}</span>
    </span>
  );
}
