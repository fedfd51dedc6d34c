"use client";
/**
 * The admin's Jobs page (docs/jobs-admin.md): queues with counts by state, failed jobs to retry, the schedules with
 * their next run, and recent jobs filtered by queue and state, all refetched every few seconds while the page is
 * visible (use-polled-live.ts). Filters and pages live in the URL (nuqs), so a view can be shared.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { parseAsInteger, parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import type { ReactNode } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { JOB_STATES, type JobState } from "@/server/core/jobs/states";
import { STATE_LABELS } from "./job-state-badge";
import { JobPager, JobTable } from "./job-table";
import { QueueCounts } from "./queue-counts";
import { ScheduleList } from "./schedule-list";
import { polled, usePolledLive } from "./use-polled-live";

const FAILED_PER_PAGE = 10;
const RECENT_PER_PAGE = 20;
/** The deepest page the server serves (server/routers/jobs.ts). */
const MAX_PAGE = 1_000;
const pageOf = (n: number) => Math.min(MAX_PAGE, Math.max(1, n));

const filterParsers = {
  queue: parseAsString.withDefault(""),
  state: parseAsStringLiteral(JOB_STATES),
  page: parseAsInteger.withDefault(1),
  failedPage: parseAsInteger.withDefault(1),
};

function Panel({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} id={id} className="scroll-mt-4">
      <Card>
        <CardHeader>
          <CardTitle id={`${id}-heading`}>{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4 p-3 md:p-5">{children}</CardContent>
      </Card>
    </section>
  );
}

export function JobsOverview() {
  const trpc = useTRPC();
  const [filters, setFilters] = useQueryStates(filterParsers, { history: "replace", scroll: false });
  const page = pageOf(filters.page);
  const failedPage = pageOf(filters.failedPage);

  const queues = useQuery({ ...trpc.jobs.queues.queryOptions(), ...polled });
  const schedules = useQuery({ ...trpc.jobs.schedules.queryOptions(), ...polled });
  const failed = useQuery({
    ...trpc.jobs.list.queryOptions({ state: "failed", page: failedPage, perPage: FAILED_PER_PAGE }),
    ...polled,
    placeholderData: keepPreviousData,
  });
  // A queue from the URL is sent only once it is known to be one of the app's (anything else is a 400).
  const names = queues.data?.map((q) => q.name);
  const queue = names?.includes(filters.queue) ? filters.queue : undefined;
  const recent = useQuery({
    ...trpc.jobs.list.queryOptions({
      page,
      perPage: RECENT_PER_PAGE,
      ...(queue ? { queue } : {}),
      ...(filters.state ? { state: filters.state } : {}),
    }),
    ...polled,
    placeholderData: keepPreviousData,
    enabled: filters.queue === "" || names !== undefined,
  });
  usePolledLive([queues, schedules, failed, recent]);

  const pick = (q: string, state: JobState) => {
    void setFilters({ queue: q, state, page: null });
    document.getElementById("recent-jobs")?.scrollIntoView({ behavior: "smooth", block: "start" });
  };
  const error = [queues, schedules, failed, recent].find((q) => q.isError && !q.data)?.error;

  return (
    <div className="space-y-6">
      {error ? <Alert variant="destructive">Could not load the jobs: {error.message}</Alert> : null}
      <Panel
        id="queues"
        title="Queues"
        description="Jobs by state. Finished jobs are counted until pg-boss archives them, 12 hours after they end."
      >
        <QueueCounts queues={queues.data} onPick={pick} />
      </Panel>

      <Panel
        id="failed-jobs"
        title="Failed jobs"
        description="Jobs that used up their attempts. Fix the cause, then Retry gives one more attempt."
      >
        <JobTable label="Failed jobs" items={failed.data?.items} empty="No failed jobs." busy={failed.isFetching} />
        {failed.data ? (
          <JobPager
            label="Failed jobs pages"
            page={failed.data.page}
            totalPages={failed.data.totalPages}
            totalItems={failed.data.totalItems}
            onPage={(p) => void setFilters({ failedPage: p })}
          />
        ) : null}
      </Panel>

      <Panel
        id="schedules"
        title="Schedules"
        description="Jobs that run on a cron, once per tick across all instances, while a worker runs."
      >
        <ScheduleList schedules={schedules.data} />
      </Panel>

      <Panel id="recent-jobs" title="Recent jobs" description="Newest first: waiting, running and recently finished.">
        <form
          className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:max-w-xl"
          aria-label="Job filters"
          onSubmit={(e) => e.preventDefault()}
        >
          <div className="space-y-1">
            <Label htmlFor="jobs-queue">Queue</Label>
            <NativeSelect
              id="jobs-queue"
              value={queue ?? ""}
              onChange={(e) => void setFilters({ queue: e.target.value || null, page: null })}
            >
              <option value="">All</option>
              {names?.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="space-y-1">
            <Label htmlFor="jobs-state">State</Label>
            <NativeSelect
              id="jobs-state"
              value={filters.state ?? ""}
              onChange={(e) =>
                void setFilters({ state: JOB_STATES.find((s) => s === e.target.value) ?? null, page: null })
              }
            >
              <option value="">All</option>
              {JOB_STATES.map((s) => (
                <option key={s} value={s}>
                  {STATE_LABELS[s]}
                </option>
              ))}
            </NativeSelect>
          </div>
        </form>
        <JobTable
          label="Recent jobs"
          items={recent.data?.items}
          empty="No jobs match these filters."
          busy={recent.isFetching}
        />
        {recent.data ? (
          <JobPager
            label="Recent jobs pages"
            page={recent.data.page}
            totalPages={recent.data.totalPages}
            totalItems={recent.data.totalItems}
            onPage={(p) => void setFilters({ page: p })}
          />
        ) : null}
      </Panel>
    </div>
  );
}
