"use client";
/**
 * A page of jobs: which job, its state, attempts, input and last error, when, and retry or cancel. Below `md` each
 * row stacks as a card (as the audit log does), so nothing scrolls sideways on a phone.
 */
import Link from "next/link";
import { DateTime } from "@/components/format/date-time";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { JobActions } from "./job-actions";
import { JobStateBadge } from "./job-state-badge";
import { RelativeTime } from "./relative-time";
import type { JobSummary } from "./types";

const muted = "text-zinc-500 dark:text-zinc-400";
const cardRow =
  "align-top max-md:grid max-md:grid-cols-[minmax(0,1fr)_auto] max-md:gap-x-3 max-md:gap-y-1.5 max-md:rounded-md max-md:border! max-md:border-zinc-200 max-md:p-3 max-md:dark:border-zinc-800";

/** When it is due, for a job that waits for a later time (a delay, or a retry's backoff). */
function Due({ job }: { job: JobSummary }) {
  if ((job.state !== "created" && job.state !== "retry") || job.startAfter.getTime() <= Date.now()) return null;
  return (
    <span className={`block text-xs ${muted}`}>
      runs <RelativeTime value={job.startAfter} />
    </span>
  );
}

function JobRow({ job }: { job: JobSummary }) {
  return (
    <TableRow className={cardRow} data-testid="job-row" data-job-id={job.id}>
      <TableCell className="px-2 max-md:p-0">
        <Link href={`/admin/jobs/${job.id}`} className="group block min-w-0" title={`${job.queue} ${job.id}`}>
          <span className="block truncate font-mono text-xs font-medium group-hover:underline">{job.queue}</span>
          <span className={`block font-mono text-xs ${muted}`}>#{job.id.slice(0, 8)}</span>
        </Link>
      </TableCell>
      <TableCell className="whitespace-nowrap px-2 max-md:p-0 max-md:text-right">
        <JobStateBadge state={job.state} />
        <Due job={job} />
      </TableCell>
      <TableCell className="whitespace-nowrap px-2 tabular-nums max-md:col-span-2 max-md:p-0 max-md:text-xs">
        <span className="md:hidden">Attempts </span>
        <span data-testid="job-attempts">
          {job.attempts} of {job.maxAttempts}
        </span>
      </TableCell>
      <TableCell className="max-w-48 min-w-28 px-2 max-md:col-span-2 max-md:max-w-none max-md:min-w-0 max-md:p-0">
        <code
          className="line-clamp-2 font-mono text-xs break-all text-zinc-700 dark:text-zinc-300"
          title={job.input}
          data-testid="job-input"
        >
          {job.input}
        </code>
      </TableCell>
      <TableCell className="max-w-72 min-w-40 px-2 max-md:col-span-2 max-md:max-w-none max-md:min-w-0 max-md:p-0">
        {job.error ? (
          <p className="line-clamp-3 text-xs break-words text-red-700 dark:text-red-300" data-testid="job-error">
            {job.error}
          </p>
        ) : (
          <span className={`text-xs ${muted}`}>—</span>
        )}
      </TableCell>
      <TableCell className={`whitespace-nowrap px-2 text-xs max-md:p-0 ${muted}`}>
        <DateTime value={job.createdAt} />
        {job.finishedAt ? (
          <span className="block">
            ended <DateTime value={job.finishedAt} />
          </span>
        ) : null}
      </TableCell>
      <TableCell className="px-2 max-md:self-end max-md:p-0">
        <JobActions job={job} />
      </TableCell>
    </TableRow>
  );
}

interface JobTableProps {
  label: string;
  items: JobSummary[] | undefined;
  empty: string;
  busy: boolean;
}

export function JobTable({ label, items, empty, busy }: JobTableProps) {
  return (
    <Table aria-label={label} aria-busy={busy} className="max-md:block">
      <TableHeader className="max-md:sr-only">
        <TableRow>
          <TableHead className="px-2">Job</TableHead>
          <TableHead className="px-2">State</TableHead>
          <TableHead className="px-2">Attempts</TableHead>
          <TableHead className="px-2">Input</TableHead>
          <TableHead className="px-2">Last error</TableHead>
          <TableHead className="px-2">When</TableHead>
          <TableHead className="px-2">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody className="max-md:block max-md:space-y-3">
        {items === undefined
          ? Array.from({ length: 3 }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity.
              <TableRow key={i}>
                <TableCell colSpan={7}>
                  <Skeleton className="h-5 w-full" />
                </TableCell>
              </TableRow>
            ))
          : items.map((job) => <JobRow key={job.id} job={job} />)}
        {items?.length === 0 ? (
          <TableRow className="hover:bg-transparent max-md:block dark:hover:bg-transparent">
            <TableCell colSpan={7} className={`py-6 text-center max-md:block ${muted}`}>
              {empty}
            </TableCell>
          </TableRow>
        ) : null}
      </TableBody>
    </Table>
  );
}

export function JobPager({
  label,
  page,
  totalPages,
  totalItems,
  onPage,
}: {
  label: string;
  page: number;
  totalPages: number;
  totalItems: number;
  onPage: (page: number) => void;
}) {
  if (totalPages <= 1) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <span className="tabular-nums text-zinc-600 dark:text-zinc-400">
        Page {page} of {totalPages} · {totalItems.toLocaleString()} jobs
      </span>
      <div className="flex gap-2">
        <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </Button>
        <Button variant="outline" size="sm" disabled={page >= totalPages} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
