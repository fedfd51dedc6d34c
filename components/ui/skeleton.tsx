import type * as React from "react";
import { cn } from "./cn";

/** A pulsing placeholder. Hidden from screen readers: mark the loading region with aria-busy and a text status instead. */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-zinc-200 motion-reduce:animate-none dark:bg-zinc-800", className)}
      {...props}
    />
  );
}
