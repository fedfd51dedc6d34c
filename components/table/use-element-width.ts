"use client";
import { type RefObject, useLayoutEffect, useState } from "react";

/**
 * The content width of an element, kept current as it resizes (the window, a sidebar opening). Null until the
 * first measurement, which happens before the browser paints, so nothing is drawn at a guessed width.
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Whole pixels: sub-pixel jitter while a window is dragged would refit the columns for nothing.
    const measure = (w: number) => setWidth(Math.floor(w));
    measure(element.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) measure(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
