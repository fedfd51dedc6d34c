"use client";
/**
 * The task runs that failed and raised an alarm nobody has acknowledged yet (docs/tasks.md), with why: on the admin
 * dashboard and above the task runs. Live: a run failing elsewhere shows here without a reload, and goes once it is
 * acknowledged on its page.
 */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DateTime } from "@/components/format/date-time";
import { useLiveList } from "@/components/live/use-live";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

export function TaskAlarmsNotice() {
  const trpc = useTRPC();
  const input = {
    filter: { alarmAt: { isNull: false }, alarmAcknowledgedAt: { isNull: true } },
    sort: ["-alarmAt" as const],
    perPage: 5,
  };
  const open = useQuery(trpc.taskRuns.list.queryOptions(input));
  useLiveList("taskRuns", input);
  const items = open.data?.items ?? [];
  if (items.length === 0) return null;
  const total = open.data?.totalItems ?? items.length;
  return (
    <Alert variant="warning" data-testid="task-alarms">
      <AlertTitle>{total === 1 ? "A task failed" : `${total} tasks failed`} and needs a look</AlertTitle>
      <AlertDescription>
        <ul className="list-disc space-y-1 pl-4">
          {items.map((run) => (
            <li key={run.id} className="break-words">
              <Link href={`/admin/taskRuns/${run.id}`} className="font-medium underline">
                {run.task}
              </Link>{" "}
              {run.alarmAt ? (
                <span className="text-xs">
                  (<DateTime value={run.alarmAt} />)
                </span>
              ) : null}
              : {run.error}
            </li>
          ))}
        </ul>
      </AlertDescription>
    </Alert>
  );
}
