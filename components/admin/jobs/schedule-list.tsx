"use client";
/**
 * The app's schedules: which job, its cron and time zone, the input each run gets, and when it runs next (pg-boss
 * sends it within half a minute of that tick, while some worker runs).
 */
import { DateTime } from "@/components/format/date-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RelativeTime } from "./relative-time";
import type { ScheduleInfo } from "./types";

const cardRow =
  "max-md:grid max-md:grid-cols-1 max-md:gap-1.5 max-md:rounded-md max-md:border! max-md:border-zinc-200 max-md:p-3 max-md:dark:border-zinc-800";

export function ScheduleList({ schedules }: { schedules: ScheduleInfo[] | undefined }) {
  return (
    <Table aria-label="Schedules" className="max-md:block">
      <TableHeader className="max-md:sr-only">
        <TableRow>
          <TableHead>Job</TableHead>
          <TableHead>Cron</TableHead>
          <TableHead>Input</TableHead>
          <TableHead>Next run</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody className="max-md:block max-md:space-y-3">
        {schedules === undefined ? (
          <TableRow>
            <TableCell colSpan={4}>
              <Skeleton className="h-5 w-full" />
            </TableCell>
          </TableRow>
        ) : null}
        {schedules?.length === 0 ? (
          <TableRow className="hover:bg-transparent max-md:block dark:hover:bg-transparent">
            <TableCell colSpan={4} className="py-6 text-center text-zinc-500 max-md:block">
              No schedules.
            </TableCell>
          </TableRow>
        ) : null}
        {schedules?.map((s) => (
          <TableRow key={s.queue} className={cardRow} data-testid="schedule-row" data-queue={s.queue}>
            <TableCell className="font-mono text-xs font-medium max-md:p-0">{s.queue}</TableCell>
            <TableCell className="whitespace-nowrap max-md:p-0">
              <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">{s.cron}</code>{" "}
              <span className="text-xs text-zinc-500 dark:text-zinc-400">{s.timeZone}</span>
            </TableCell>
            <TableCell className="max-w-64 max-md:max-w-none max-md:p-0">
              <code className="line-clamp-2 font-mono text-xs break-all text-zinc-700 dark:text-zinc-300">
                {s.input}
              </code>
            </TableCell>
            <TableCell className="whitespace-nowrap max-md:p-0" data-testid="schedule-next-run">
              {s.nextRunAt ? (
                <>
                  <DateTime value={s.nextRunAt} />
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                    <RelativeTime value={s.nextRunAt} />
                  </span>
                </>
              ) : (
                <span className="text-red-700 dark:text-red-300">cron does not parse</span>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
