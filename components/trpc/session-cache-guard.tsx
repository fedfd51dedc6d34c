"use client";
/**
 * Drops cached query results when the signed-in user changes (sign-in, sign-out, another account): what one user
 * may read must not be shown to the next from this tab's cache, and `meta` (what the caller may do) changes with them.
 * Live streams, opened as the previous user, are reopened too.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { bumpLiveSession } from "@/components/live/status";

export function SessionCacheGuard({ userId }: { userId: string | null }) {
  const queryClient = useQueryClient();
  const previous = useRef(userId);
  useEffect(() => {
    if (previous.current === userId) return;
    previous.current = userId;
    // Active queries refetch at once as the new user; inactive ones are dropped; live streams reopen as them.
    void queryClient.resetQueries();
    bumpLiveSession();
  }, [userId, queryClient]);
  return null;
}
