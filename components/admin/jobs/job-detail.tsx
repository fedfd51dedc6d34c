"use client";
/**
 * One job on its own page (/admin/jobs/<id>, where the audit log's entries for jobs link): everything pg-boss
 * keeps about it, its whole input and result (up to a bound), retry or cancel, and who retried or cancelled it.
 * Refetched every few seconds like the overview, so a retry is seen running and ending.
 */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { HistoryActor } from "@/components/admin/history-actor";
import { DateTime } from "@/components/format/date-time";
import { useTRPC } from "@/components/trpc/provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { JobActions } from "./job-actions";
import { JobStateBadge } from "./job-state-badge";
import { JsonText } from "./json-text";
import { JOBS_POLL_MS, polled, usePolledLive } from "./use-polled-live";

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{term}</dt>
      <dd className="mt-0.5 text-sm break-words">{children}</dd>
    </div>
  );
}

const when = (value: Date | null) => (value ? <DateTime value={value} /> : "—");

/** Who retried or cancelled this job, newest first, from the audit trail. */
function Interventions({ id }: { id: string }) {
  const trpc = useTRPC();
  const entries = useQuery({
    ...trpc.audit.list.queryOptions({ resource: "jobs", recordId: id, perPage: 20 }),
    ...polled,
  });
  if (!entries.data || entries.data.items.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Admin actions</CardTitle>
        <CardDescription>Retries and cancellations of this job, from the audit log.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {entries.data.items.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2" data-testid="job-audit-entry">
              <Badge variant="outline" className="capitalize">
                {e.operation}
              </Badge>
              <HistoryActor kind={e.actorKind} name={e.actorLabel} className="font-medium" />
              <span className="text-zinc-600 dark:text-zinc-400">
                {String(e.before?.state ?? "?")} → {String(e.after?.state ?? "?")}
              </span>
              <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">
                <DateTime value={e.at} />
              </span>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

export function JobDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const job = useQuery({
    ...trpc.jobs.get.queryOptions({ id }),
    ...polled,
    // A job that is not there will not appear: stop asking.
    refetchInterval: (query) => (query.state.error?.data?.code === "NOT_FOUND" ? false : JOBS_POLL_MS),
  });
  usePolledLive([job]);

  if (job.isError && !job.data) {
    return (
      <Alert variant="destructive">
        {job.error.data?.code === "NOT_FOUND"
          ? "No such job: it may have been deleted from pg-boss's archive (7 days after it ended)."
          : `Could not load the job: ${job.error.message}`}
      </Alert>
    );
  }
  const j = job.data;
  if (!j) return <Skeleton className="h-64 w-full" />;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 space-y-1.5">
            <CardTitle className="font-mono text-base break-all">{j.queue}</CardTitle>
            <CardDescription className="font-mono text-xs break-all">{j.id}</CardDescription>
          </div>
          <div className="flex items-center gap-3">
            <JobStateBadge state={j.state} />
            <JobActions job={j} size="default" />
          </div>
        </CardHeader>
        <CardContent className="space-y-5">
          {j.archivedAt ? (
            <Alert variant="info">
              Archived by pg-boss on <DateTime value={j.archivedAt} />: it can no longer be retried or cancelled.
            </Alert>
          ) : null}
          {/* One column on a phone: a moment ("Nov 29, 2026, 12:05 PM") does not fit half of one. */}
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3 lg:grid-cols-4">
            <Fact term="Attempts">
              <span data-testid="job-attempts">
                {j.attempts} of {j.maxAttempts}
              </span>
            </Fact>
            <Fact term="Retry delay">
              {j.retryDelay} s{j.retryBackoff ? ", doubling" : ""}
            </Fact>
            <Fact term="Created">{when(j.createdAt)}</Fact>
            <Fact term="Not before">{when(j.startAfter)}</Fact>
            <Fact term="Last started">{when(j.startedAt)}</Fact>
            <Fact term="Ended">{when(j.finishedAt)}</Fact>
            <Fact term="Priority">{j.priority}</Fact>
            <Fact term="Singleton key">{j.singletonKey ?? "—"}</Fact>
          </dl>
          {j.error ? (
            <div className="space-y-1">
              <h2 className="text-sm font-semibold">{j.state === "failed" ? "Error" : "Last error"}</h2>
              <p
                className="rounded-md border border-red-200 bg-red-50 p-3 text-sm break-words text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
                data-testid="job-error"
              >
                {j.error}
              </p>
            </div>
          ) : null}
          <div className="space-y-1">
            <h2 className="text-sm font-semibold">Input</h2>
            <JsonText label="Input" text={j.input} truncated={j.inputTruncated} />
          </div>
          {j.output !== null ? (
            <div className="space-y-1">
              <h2 className="text-sm font-semibold">Result</h2>
              <JsonText label="Result" text={j.output} truncated={j.outputTruncated} />
            </div>
          ) : null}
        </CardContent>
      </Card>
      <Interventions id={id} />
      <p className="text-sm">
        <Link href="/admin/jobs" className="text-indigo-600 hover:underline dark:text-indigo-400">
          ← All jobs
        </Link>
      </p>
    </div>
  );
}
