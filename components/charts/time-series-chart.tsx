"use client";
/**
 * One labelled chart of figures over time (recharts), readable in light and dark and at phone width. The drawing is
 * for the eye only (hidden from assistive technology, no focus stops); what it shows is also said in words under it
 * (the latest and the peak of each line) and, for screen readers, as a table of every measured point.
 */
import { useId } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFormatters } from "@/components/format/use-formatters";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatTick, formatValue, summarize, timeFormatter, type ValueUnit } from "./format";

/** Up to four lines a chart; colours chosen for contrast on white and on zinc-900. */
const COLORS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)"] as const;
const PALETTE =
  "[--chart-1:#2563eb] [--chart-2:#dc2626] [--chart-3:#b45309] [--chart-4:#047857] [--chart-grid:#d4d4d8] " +
  "[--chart-bg:#ffffff] [--chart-fg:#18181b] dark:[--chart-bg:#18181b] dark:[--chart-fg:#f4f4f5] " +
  "dark:[--chart-1:#60a5fa] dark:[--chart-2:#f87171] dark:[--chart-3:#fbbf24] dark:[--chart-4:#34d399] dark:[--chart-grid:#3f3f46]";

export interface ChartSeries {
  label: string;
}

export interface ChartPoint {
  /** Epoch milliseconds: the start of the bucket. */
  at: number;
  /** One value per series, in order; null where nothing was measured. */
  values: (number | null)[];
}

export interface TimeSeriesChartProps {
  title: string;
  description: string;
  series: ChartSeries[];
  points: ChartPoint[];
  unit: ValueUnit;
  /** The range shown, for the time axis's format. */
  spanMs: number;
  testId?: string;
}

export function TimeSeriesChart({ title, description, series, points, unit, spanMs, testId }: TimeSeriesChartProps) {
  const id = useId();
  const { locale, timeZone } = useFormatters();
  const time = timeFormatter(locale, timeZone, spanMs);
  const value = (v: number | null | undefined) => formatValue(v, unit, locale);
  const rows = points.map((p) => Object.fromEntries([["at", p.at], ...p.values.map((v, i) => [`s${i}`, v])]));
  const measured = points.filter((p) => p.values.some((v) => v !== null));
  // Lines need two neighbours: where most points are gaps, each measured one is drawn as a dot too.
  const sparse = measured.length < points.length / 2;
  const summary = series.map((s, i) => {
    const { latest, peak, peakAt } = summarize(points, i);
    if (latest === null) return `${s.label}: nothing measured.`;
    return `${s.label}: latest ${value(latest)}, peak ${value(peak)} at ${time(peakAt as number)}.`;
  });

  return (
    <Card className={`min-w-0 ${PALETTE}`} data-testid={testId}>
      <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} className="m-0">
        <CardHeader>
          <CardTitle asChild className="text-base">
            <h3 id={`${id}-title`}>{title}</h3>
          </CardTitle>
          <CardDescription>{description}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-3 pt-3">
          <div aria-hidden="true" className="h-48 w-full text-xs text-zinc-600 dark:text-zinc-400">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={rows} accessibilityLayer={false} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
                <XAxis
                  dataKey="at"
                  type="number"
                  scale="time"
                  domain={["dataMin", "dataMax"]}
                  tickFormatter={time}
                  tick={{ fill: "currentColor" }}
                  stroke="var(--chart-grid)"
                  minTickGap={24}
                />
                <YAxis
                  tickFormatter={(v: number) => formatTick(v, unit, locale)}
                  tick={{ fill: "currentColor" }}
                  stroke="var(--chart-grid)"
                  width={unit === "bytes" ? 76 : 40}
                  allowDecimals={unit !== "count"}
                />
                <Tooltip
                  labelFormatter={(at) => time(Number(at))}
                  formatter={(v) => value(typeof v === "number" ? v : null)}
                  contentStyle={{
                    background: "var(--chart-bg)",
                    borderColor: "var(--chart-grid)",
                    borderRadius: 6,
                    color: "var(--chart-fg)",
                    fontSize: 12,
                  }}
                  labelStyle={{ color: "var(--chart-fg)" }}
                />
                {series.map((s, i) => (
                  <Line
                    key={s.label}
                    dataKey={`s${i}`}
                    name={s.label}
                    stroke={COLORS[i % COLORS.length]}
                    strokeWidth={2}
                    dot={sparse ? { r: 2 } : false}
                    isAnimationActive={false}
                    connectNulls={false}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300" aria-hidden="true">
            {series.map((s, i) => (
              <li key={s.label} className="flex items-center gap-1.5">
                <span className="inline-block h-0.5 w-4 rounded" style={{ background: COLORS[i % COLORS.length] }} />
                {s.label}
              </li>
            ))}
          </ul>
          <p id={`${id}-summary`} className="text-xs text-zinc-600 dark:text-zinc-400">
            {summary.join(" ")}
          </p>
          <table className="sr-only">
            <caption>{title}, by time</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                {series.map((s) => (
                  <th key={s.label} scope="col">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {measured.map((p) => (
                <tr key={p.at}>
                  <th scope="row">{time(p.at)}</th>
                  {p.values.map((v, i) => (
                    <td key={series[i]?.label ?? i}>{value(v)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </CardContent>
      </figure>
    </Card>
  );
}
