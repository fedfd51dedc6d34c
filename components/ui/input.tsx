import type * as React from "react";
import { cn } from "./cn";
import { controlBase } from "./control-styles";

/** A text-like <input>; pair it with a Label (htmlFor = id) or wrap it in FormField. */
export function Input({ className, type = "text", ...props }: React.ComponentProps<"input">) {
  return (
    <input
      data-slot="input"
      type={type}
      className={cn(
        controlBase,
        "h-9 px-3 py-1.5",
        "file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium file:text-zinc-700 dark:file:text-zinc-300",
        className,
      )}
      {...props}
    />
  );
}
