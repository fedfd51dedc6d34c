"use client";
/**
 * Above the request log (the admin's Logs page): requests and errors over time and latency percentiles for the chosen
 * range, computed by the server from the request log itself (docs/operations-metrics.md, "The Logs page").
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { RangeSwitch } from "./range-switch";
import { TimeSeriesChart } from "./time-series-chart";

type Range = "hour" | "day" | "week";
const RANGES = [
  { key: "hour", label: "Last hour" },
  { key: "day", label: "24 hours" },
  { key: "week", label: "7 days" },
] as const;
const SPAN_MS: Record<Range, number> = { hour: 60 * 60_000, day: 24 * 60 * 60_000, week: 7 * 24 * 60 * 60_000 };
/** The range moves on with the clock, a minute at a time (one query key a minute, not one a render). */
const minuteNow = () => Math.ceil(Date.now() / 60_000) * 60_000;

export function RequestLogCharts() {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range>("hour");
  const [now, setNow] = useState(minuteNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(minuteNow()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const spanMs = SPAN_MS[range];
  const query = useQuery(trpc.metrics.requestLog.queryOptions({ from: new Date(now - spanMs), to: new Date(now) }));
  const data = query.data;
  const points = data?.points ?? [];
  const per = data ? (data.bucketMinutes === 1 ? "per minute" : `per ${bucketName(data.bucketMinutes)}`) : "";

  return (
    <section aria-labelledby="request-charts-heading" className="space-y-4" data-testid="request-log-charts">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="request-charts-heading" className="text-xl font-semibold">
          Traffic
        </h2>
        <RangeSwitch label="Time range" options={RANGES} value={range} onChange={setRange} />
      </div>
      {query.isError ? (
        <Alert variant="destructive">
          <AlertDescription>The charts could not be loaded: {query.error.message}</AlertDescription>
        </Alert>
      ) : !data ? (
        <div aria-busy="true" className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <p className="sr-only">Loading the charts…</p>
          <Skeleton className="h-72" />
          <Skeleton className="h-72" />
        </div>
      ) : data.totals.requests === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No requests were logged in this range.
        </p>
      ) : (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <TimeSeriesChart
            testId="chart-log-requests"
            title="Requests and errors"
            description={`Logged requests and server errors (5xx), ${per}: ${count(data.totals.requests, "request")} and ${count(data.totals.errors, "error")} in all.`}
            series={[{ label: "Requests" }, { label: "Errors" }]}
            points={points.map((p) => ({ at: p.at.getTime(), values: [p.requests, p.errors] }))}
            unit="count"
            spanMs={spanMs}
          />
          <TimeSeriesChart
            testId="chart-log-latency"
            title="Response time (ms)"
            description={`Percentiles of the time to answer the logged requests, ${per}.`}
            series={[{ label: "p50" }, { label: "p95" }, { label: "p99" }]}
            points={points.map((p) => ({ at: p.at.getTime(), values: [p.p50Ms, p.p95Ms, p.p99Ms] }))}
            unit="ms"
            spanMs={spanMs}
          />
        </div>
      )}
    </section>
  );
}

const count = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

function bucketName(minutes: number): string {
  if (minutes % (24 * 60) === 0) return minutes === 24 * 60 ? "day" : `${minutes / (24 * 60)} days`;
  if (minutes % 60 === 0) return minutes === 60 ? "hour" : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}
