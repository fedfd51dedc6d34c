"use client";
/**
 * Every queue of the app with its jobs counted by state. A count is a button: it shows those jobs in the list
 * below (queue and state filters). Finished jobs are counted until pg-boss archives them (after 12 hours).
 */
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { JobState } from "@/server/core/jobs/states";
import { STATE_LABELS } from "./job-state-badge";
import type { QueueInfo } from "./types";

const COLUMNS: JobState[] = ["created", "retry", "active", "completed", "failed", "cancelled"];
const ALERTING: Partial<Record<JobState, string>> = {
  failed: "text-red-700 dark:text-red-300 font-semibold",
  retry: "text-amber-800 dark:text-amber-300 font-semibold",
};

/** A timeout as people say it: "1 h", "5 min 30 s", "40 s". */
export function duration(total: number): string {
  if (total >= 3600 && total % 3600 === 0) return `${total / 3600} h`;
  const minutes = Math.floor(total / 60);
  const rest = Math.round(total % 60);
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

export function QueueCounts({
  queues,
  onPick,
}: {
  queues: QueueInfo[] | undefined;
  onPick: (queue: string, state: JobState) => void;
}) {
  return (
    <Table aria-label="Queues" className="max-md:block">
      <TableHeader className="max-md:sr-only">
        <TableRow>
          <TableHead>Queue</TableHead>
          {COLUMNS.map((state) => (
            <TableHead key={state} className="text-right">
              {STATE_LABELS[state]}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody className="max-md:block max-md:space-y-3">
        {queues === undefined ? (
          <TableRow>
            <TableCell colSpan={COLUMNS.length + 1}>
              <Skeleton className="h-5 w-full" />
            </TableCell>
          </TableRow>
        ) : null}
        {queues?.length === 0 ? (
          <TableRow className="hover:bg-transparent max-md:block dark:hover:bg-transparent">
            <TableCell colSpan={COLUMNS.length + 1} className="py-6 text-center text-zinc-500 max-md:block">
              No jobs are defined: add one to server/jobs/index.ts.
            </TableCell>
          </TableRow>
        ) : null}
        {queues?.map((q) => (
          <TableRow
            key={q.name}
            data-testid="queue-row"
            data-queue={q.name}
            // Not a link: no hover tint. Below `md` a card, its border kept on the last one too (the table body drops the last row's).
            className="hover:bg-transparent max-md:grid max-md:grid-cols-3 max-md:gap-2 max-md:rounded-md max-md:border! max-md:border-zinc-200 max-md:p-3 max-md:dark:border-zinc-800 dark:hover:bg-transparent"
          >
            <TableCell className="max-md:col-span-3 max-md:p-0">
              <span className="block font-mono text-xs font-medium">{q.name}</span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                {q.retryLimit === 0 ? "no retries" : `${q.retryLimit} ${q.retryLimit === 1 ? "retry" : "retries"}`}
                {" · "}timeout {duration(q.timeoutSeconds)} · {q.concurrency} at a time per worker
              </span>
            </TableCell>
            {COLUMNS.map((state) => {
              const n = q.counts[state] ?? 0;
              return (
                <TableCell key={state} className="text-right tabular-nums max-md:p-0 max-md:text-left">
                  <span className="block text-xs text-zinc-500 md:hidden dark:text-zinc-400">
                    {STATE_LABELS[state]}
                  </span>
                  {n === 0 ? (
                    <span className="text-zinc-400 dark:text-zinc-600" data-testid={`count-${state}`}>
                      0
                    </span>
                  ) : (
                    <button
                      type="button"
                      className={`cursor-pointer rounded hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 ${ALERTING[state] ?? ""}`}
                      onClick={() => onPick(q.name, state)}
                      aria-label={`Show ${n} ${STATE_LABELS[state].toLowerCase()} jobs of ${q.name}`}
                      data-testid={`count-${state}`}
                    >
                      {n.toLocaleString()}
                    </button>
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
