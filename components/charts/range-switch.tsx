"use client";
/** The time range a set of charts shows: toggle buttons in one labelled group (one pressed at a time). */
import { cn } from "@/components/ui/cn";

export interface RangeOption<K extends string> {
  key: K;
  label: string;
}

export function RangeSwitch<K extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly RangeOption<K>[];
  value: K;
  onChange: (next: K) => void;
}) {
  return (
    <fieldset className="inline-flex h-9 w-fit max-w-full items-center gap-1 rounded-md bg-zinc-100 p-1 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">
      <legend className="sr-only">{label}</legend>
      {options.map((option) => (
        <button
          key={option.key}
          type="button"
          aria-pressed={option.key === value}
          onClick={() => onChange(option.key)}
          className={cn(
            "inline-flex h-full cursor-pointer items-center whitespace-nowrap rounded px-3 text-sm font-medium transition-colors hover:text-zinc-900 dark:hover:text-zinc-100",
            "aria-pressed:bg-white aria-pressed:text-zinc-900 aria-pressed:shadow-sm dark:aria-pressed:bg-zinc-950 dark:aria-pressed:text-zinc-100",
            "outline-none focus-visible:outline-2 focus-visible:outline-solid focus-visible:outline-offset-1 focus-visible:outline-indigo-500",
          )}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}
