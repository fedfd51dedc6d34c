"use client";
/**
 * Above the request log (the admin's Logs page): requests and errors over time and latency percentiles for the chosen
 * range, computed by the server from the request log itself (docs/operations-metrics.md, "The Logs page").
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { ChartsPanel } from "./charts-panel";
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

  return (
    <ChartsPanel
      headingId="request-charts-heading"
      testId="request-log-charts"
      title="Traffic"
      ranges={RANGES}
      range={range}
      onRangeChange={setRange}
      noun="the charts"
      data={query.data}
      error={query.error}
      isEmpty={(loaded) => loaded.totals.requests === 0}
      empty="No requests were logged in this range."
    >
      {(data) => {
        const per = data.bucketMinutes === 1 ? "per minute" : `per ${bucketName(data.bucketMinutes)}`;
        return (
          <>
            <TimeSeriesChart
              testId="chart-log-requests"
              title="Requests and errors"
              description={`Logged requests and server errors (5xx), ${per}: ${count(data.totals.requests, "request")} and ${count(data.totals.errors, "error")} in all.`}
              series={[{ label: "Requests" }, { label: "Errors" }]}
              points={data.points.map((p) => ({ at: p.at.getTime(), values: [p.requests, p.errors] }))}
              unit="count"
              spanMs={spanMs}
            />
            <TimeSeriesChart
              testId="chart-log-latency"
              title="Response time (ms)"
              description={`Percentiles of the time to answer the logged requests, ${per}.`}
              series={[{ label: "p50" }, { label: "p95" }, { label: "p99" }]}
              points={data.points.map((p) => ({ at: p.at.getTime(), values: [p.p50Ms, p.p95Ms, p.p99Ms] }))}
              unit="ms"
              spanMs={spanMs}
            />
          </>
        );
      }}
    </ChartsPanel>
  );
}

const count = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

function bucketName(minutes: number): string {
  if (minutes % (24 * 60) === 0) return minutes === 24 * 60 ? "day" : `${minutes / (24 * 60)} days`;
  if (minutes % 60 === 0) return minutes === 60 ? "hour" : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}
