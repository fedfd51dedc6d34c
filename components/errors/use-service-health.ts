"use client";
/**
 * Whether the server can reach its database, from /api/health, polled while the answer is "no". A page that failed
 * uses it to tell an outage (wait, it comes back by itself) from a bug (try again, or report it).
 */
import { useEffect, useState } from "react";

export type ServiceHealth = "checking" | "up" | "down";

/** Polls this often while the database is down: the server's own probe runs four times a second. */
const POLL_MS = 2_000;

export function useServiceHealth(): ServiceHealth {
  const [health, setHealth] = useState<ServiceHealth>("checking");
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      let next: ServiceHealth;
      try {
        const res = await fetch("/api/health", { cache: "no-store" });
        next = res.ok ? "up" : "down";
      } catch {
        next = "down"; // the server itself is unreachable: an outage all the same
      }
      if (stopped) return;
      setHealth(next);
      if (next === "down") timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return health;
}
