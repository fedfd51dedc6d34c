import type * as React from "react";
import { cn } from "./cn";

/**
 * A <table> inside a horizontally scrolling wrapper, so wide tables scroll on a phone instead of widening the page.
 * With an aria-label the wrapper becomes a named, focusable region (keyboard users can scroll it with arrow keys);
 * give it a max height through containerClassName (e.g. "max-h-[70vh]") and a sticky TableHeader stays in view.
 */
export function Table({
  className,
  containerClassName,
  "aria-label": ariaLabel,
  ...props
}: React.ComponentProps<"table"> & { containerClassName?: string }) {
  const region = ariaLabel ? { role: "region", "aria-label": ariaLabel, tabIndex: 0 } : {};
  return (
    <div
      data-slot="table-container"
      {...region}
      className={cn(
        "relative w-full overflow-x-auto rounded-md focus-visible:outline-2 focus-visible:outline-indigo-500",
        containerClassName,
      )}
    >
      <table
        data-slot="table"
        aria-label={ariaLabel}
        className={cn("w-full caption-bottom border-collapse text-left text-sm", className)}
        {...props}
      />
    </div>
  );
}

/** Column headings; sticky keeps them at the top of a height-limited Table container while rows scroll. */
export function TableHeader({
  className,
  sticky = false,
  ...props
}: React.ComponentProps<"thead"> & { sticky?: boolean }) {
  return (
    <thead
      data-slot="table-header"
      className={cn(
        "text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400 [&_tr]:border-b [&_tr]:border-zinc-200 dark:[&_tr]:border-zinc-800",
        sticky && "sticky top-0 z-10 bg-white shadow-[0_1px_0_0] shadow-zinc-200 dark:bg-zinc-900 dark:shadow-zinc-800",
        className,
      )}
      {...props}
    />
  );
}

export function TableBody({ className, ...props }: React.ComponentProps<"tbody">) {
  return <tbody data-slot="table-body" className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

export function TableFooter({ className, ...props }: React.ComponentProps<"tfoot">) {
  return (
    <tfoot
      data-slot="table-footer"
      className={cn("border-t border-zinc-200 font-medium dark:border-zinc-800", className)}
      {...props}
    />
  );
}

/** A row; data-state="selected" (or aria-selected) tints it, for selectable data tables. */
export function TableRow({ className, ...props }: React.ComponentProps<"tr">) {
  return (
    <tr
      data-slot="table-row"
      className={cn(
        "border-b border-zinc-100 transition-colors hover:bg-zinc-50 data-[state=selected]:bg-indigo-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50 dark:data-[state=selected]:bg-indigo-950/40",
        className,
      )}
      {...props}
    />
  );
}

/** A column heading: scope="col" unless told otherwise; use aria-sort on it for sortable columns. */
export function TableHead({ className, scope = "col", ...props }: React.ComponentProps<"th">) {
  return (
    <th
      data-slot="table-head"
      scope={scope}
      className={cn("h-10 whitespace-nowrap px-3 py-2 align-middle font-medium", className)}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: React.ComponentProps<"td">) {
  return <td data-slot="table-cell" className={cn("px-3 py-2 align-middle", className)} {...props} />;
}

export function TableCaption({ className, ...props }: React.ComponentProps<"caption">) {
  return (
    <caption
      data-slot="table-caption"
      className={cn("mt-3 text-sm text-zinc-500 dark:text-zinc-400", className)}
      {...props}
    />
  );
}
