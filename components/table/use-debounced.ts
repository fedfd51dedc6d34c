"use client";
import { useCallback, useEffect, useRef } from "react";

/**
 * Calls `fn` once typing pauses for `ms`. A call still waiting when the component unmounts (a filter popover closed
 * right after typing) runs then, so no keystroke is lost.
 */
export function useDebouncedCallback<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  const latest = useRef(fn);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const waiting = useRef<A | undefined>(undefined);
  useEffect(() => {
    latest.current = fn;
  });
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const args = waiting.current;
    waiting.current = undefined;
    if (args) latest.current(...args);
  }, []);
  useEffect(() => flush, [flush]);
  return useCallback(
    (...args: A) => {
      waiting.current = args;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, ms);
    },
    [flush, ms],
  );
}
