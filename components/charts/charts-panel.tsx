"use client";
/**
 * The frame every set of charts sits in (the dashboard's Load, the Logs page's Traffic): a titled section with its range
 * switch, then one of an error, a loading grid, an empty note or the charts, so each set reads and loads the same way.
 */
import type { ReactNode } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { type RangeOption, RangeSwitch } from "./range-switch";

export function ChartsPanel<K extends string, T>({
  headingId,
  testId,
  title,
  intro,
  ranges,
  range,
  onRangeChange,
  noun,
  data,
  error,
  isEmpty,
  empty,
  children,
}: {
  headingId: string;
  testId: string;
  title: string;
  /** A line under the title; without it the title stands alone beside the switch. */
  intro?: ReactNode;
  ranges: readonly RangeOption<K>[];
  range: K;
  onRangeChange: (next: K) => void;
  /** What is loading or failed to load, as in "Loading the figures…" ("the figures"). */
  noun: string;
  data: T | undefined;
  error: { message: string } | null;
  isEmpty: (data: T) => boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const heading = (
    <h2 id={headingId} className="text-xl font-semibold">
      {title}
    </h2>
  );
  return (
    <section aria-labelledby={headingId} className="space-y-4" data-testid={testId}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        {intro === undefined ? (
          heading
        ) : (
          <div>
            {heading}
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{intro}</p>
          </div>
        )}
        <RangeSwitch label="Time range" options={ranges} value={range} onChange={onRangeChange} />
      </div>
      {error ? (
        <Alert variant="destructive">
          <AlertDescription>
            {capitalize(noun)} could not be loaded: {error.message}
          </AlertDescription>
        </Alert>
      ) : data === undefined ? (
        <div aria-busy="true" className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <p className="sr-only">Loading {noun}…</p>
          <Skeleton className="h-72" />
          <Skeleton className="h-72" />
        </div>
      ) : isEmpty(data) ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          {empty}
        </p>
      ) : (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">{children(data)}</div>
      )}
    </section>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
