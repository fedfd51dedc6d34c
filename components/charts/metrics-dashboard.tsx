"use client";
/**
 * The dashboard's load at a glance (docs/operations-metrics.md): the per-minute samples of every instance over the
 * last hour or day, as charts. Admins only (the server refuses everyone else). Refreshes each minute, as samples land.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { ChartsPanel } from "./charts-panel";
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
  const spanMs = SPAN_MS[range];

  return (
    <ChartsPanel
      headingId="load-heading"
      testId="metrics-dashboard"
      title="Load"
      intro="Every app instance writes its figures once a minute; these charts add them up."
      ranges={RANGES}
      range={range}
      onRangeChange={setRange}
      noun="the figures"
      data={query.data}
      error={query.error}
      isEmpty={(loaded) => loaded.samples === 0}
      empty="No samples in this range yet. Each instance writes one a minute once it has started; come back in a minute."
    >
      {(data) => {
        const per = data.bucketMinutes > 1 ? `per minute, averaged over ${data.bucketMinutes} minutes` : "per minute";
        const series = (pick: (p: (typeof data.points)[number]) => (number | null)[]): ChartPoint[] =>
          data.points.map((p) => ({ at: p.at.getTime(), values: pick(p) }));
        return (
          <>
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
          </>
        );
      }}
    </ChartsPanel>
  );
}
