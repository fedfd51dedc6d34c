"use client";
/**
 * The dashboard's load at a glance (docs/operations-metrics.md): the per-minute samples of every instance over the
 * last hour or day, as charts. Admins only (the server refuses everyone else). Refreshes each minute, as samples land.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { RangeSwitch } from "./range-switch";
import { type ChartPoint, TimeSeriesChart } from "./time-series-chart";

type Range = "hour" | "day";
const RANGES = [
  { key: "hour", label: "Last hour" },
  { key: "day", label: "Last day" },
] as const;
const SPAN_MS: Record<Range, number> = { hour: 60 * 60_000, day: 24 * 60 * 60_000 };

export function MetricsDashboard() {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range>("hour");
  const query = useQuery({ ...trpc.metrics.dashboard.queryOptions({ range }), refetchInterval: 60_000 });
  const data = query.data;
  const spanMs = SPAN_MS[range];
  const per = data && data.bucketMinutes > 1 ? `per minute, averaged over ${data.bucketMinutes} minutes` : "per minute";
  const series = (pick: (p: NonNullable<typeof data>["points"][number]) => (number | null)[]): ChartPoint[] =>
    (data?.points ?? []).map((p) => ({ at: p.at.getTime(), values: pick(p) }));

  return (
    <section aria-labelledby="load-heading" className="space-y-4" data-testid="metrics-dashboard">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="load-heading" className="text-xl font-semibold">
            Load
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Every app instance writes its figures once a minute; these charts add them up.
          </p>
        </div>
        <RangeSwitch label="Time range" options={RANGES} value={range} onChange={setRange} />
      </div>
      {query.isError ? (
        <Alert variant="destructive">
          <AlertDescription>The figures could not be loaded: {query.error.message}</AlertDescription>
        </Alert>
      ) : !data ? (
        <div aria-busy="true" className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <p className="sr-only">Loading the figures…</p>
          <Skeleton className="h-72" />
          <Skeleton className="h-72" />
        </div>
      ) : data.samples === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No samples in this range yet. Each instance writes one a minute once it has started; come back in a minute.
        </p>
      ) : (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <TimeSeriesChart
            testId="chart-requests"
            title="Requests and errors"
            description={`Requests answered and server errors (5xx), ${per}, all instances.`}
            series={[{ label: "Requests" }, { label: "Errors" }]}
            points={series((p) => [p.requests, p.errors])}
            unit="count"
            spanMs={spanMs}
          />
          <TimeSeriesChart
            testId="chart-latency"
            title="Response time (ms)"
            description="Percentiles of the time to answer, the slowest instance of each minute."
            series={[{ label: "p50" }, { label: "p95" }, { label: "p99" }]}
            points={series((p) => [p.p50Ms, p.p95Ms, p.p99Ms])}
            unit="ms"
            spanMs={spanMs}
          />
          <TimeSeriesChart
            title="Database queries"
            description={`Queries sent, ${per}, all instances.`}
            series={[{ label: "Queries" }]}
            points={series((p) => [p.dbQueries])}
            unit="count"
            spanMs={spanMs}
          />
          <TimeSeriesChart
            title="Database query time (ms)"
            description="95th percentile, waiting for a connection included; the slowest instance."
            series={[{ label: "p95" }]}
            points={series((p) => [p.dbP95Ms])}
            unit="ms"
            spanMs={spanMs}
          />
          <TimeSeriesChart
            title="Live subscribers"
            description="Live streams open, all instances."
            series={[{ label: "Subscribers" }]}
            points={series((p) => [p.liveSubscribers])}
            unit="count"
            spanMs={spanMs}
          />
          <TimeSeriesChart
            title="Live events"
            description={`Changes delivered to live pages, ${per}, all instances.`}
            series={[{ label: "Events" }]}
            points={series((p) => [p.liveEvents])}
            unit="count"
            spanMs={spanMs}
          />
          <TimeSeriesChart
            title="Memory"
            description="Resident memory and JavaScript heap of the largest instance."
            series={[{ label: "Resident" }, { label: "Heap used" }]}
            points={series((p) => [p.rssBytes, p.heapUsedBytes])}
            unit="bytes"
            spanMs={spanMs}
          />
          <TimeSeriesChart
            title="Event loop lag (ms)"
            description="99th percentile of the delay before queued work runs, the worst instance."
            series={[{ label: "p99" }]}
            points={series((p) => [p.eventLoopLagP99Ms])}
            unit="ms"
            spanMs={spanMs}
          />
          <TimeSeriesChart
            title="Jobs waiting"
            description="Background jobs queued or waiting for a retry."
            series={[{ label: "Waiting" }]}
            points={series((p) => [p.jobQueueDepth])}
            unit="count"
            spanMs={spanMs}
          />
        </div>
      )}
    </section>
  );
}
