/**
 * `metrics.*`: what the admin's charts read (docs/operations-metrics.md). Admins only on every procedure: request
 * figures say who uses the app and how. `dashboard` charts the per-minute samples, `requestLog` the request log over
 * a chosen range, and `requestAudit` lists the audit entries one request caused (the Logs page's request details).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { auditActorKind, auditLog, auditOperation } from "@/db/schema";
import { auditPage } from "@/server/core/audit";
import { titledEntries } from "@/server/core/history-audit";
import { resources } from "@/server/resources";
import { adminProcedure, router } from "@/server/trpc";
import { DASHBOARD_RANGES, type DashboardRange, dashboardSeries, MAX_RANGE_MS, requestLogSeries } from "./charts";

/** Audit entries one request's details list; a request that wrote more links to the audit log for the rest. */
export const REQUEST_AUDIT_LIMIT = 100;

const nullableNumber = z.number().nullable();

const dashboardPoint = z.object({
  at: z.date(),
  requests: nullableNumber,
  errors: nullableNumber,
  p50Ms: nullableNumber,
  p95Ms: nullableNumber,
  p99Ms: nullableNumber,
  dbQueries: nullableNumber,
  dbP95Ms: nullableNumber,
  liveSubscribers: nullableNumber,
  liveEvents: nullableNumber,
  jobQueueDepth: nullableNumber,
  rssBytes: nullableNumber,
  heapUsedBytes: nullableNumber,
  eventLoopLagP99Ms: nullableNumber,
});

const totals = z.object({ requests: z.number(), errors: z.number() });

const dashboardOutput = z.object({
  from: z.date(),
  to: z.date(),
  bucketMinutes: z.number(),
  samples: z.number().int(),
  totals,
  points: z.array(dashboardPoint),
});

const requestLogOutput = z.object({
  from: z.date(),
  to: z.date(),
  bucketMinutes: z.number(),
  totals,
  points: z.array(
    z.object({
      at: z.date(),
      requests: z.number().int(),
      errors: z.number().int(),
      p50Ms: nullableNumber,
      p95Ms: nullableNumber,
      p99Ms: nullableNumber,
    }),
  ),
});

const auditEntryOutput = z.object({
  id: z.number().int(),
  at: z.date(),
  operation: z.enum(auditOperation.enumValues),
  resource: z.string(),
  resourceLabel: z.string(),
  recordId: z.string(),
  title: z.object({ title: z.string(), deleted: z.boolean() }).nullable(),
  actorKind: z.enum(auditActorKind.enumValues),
  actorLabel: z.string(),
});

/**
 * A moment; superjson sends Dates as such, and an unreadable one arrives as an invalid Date, which z.date() refuses.
 * Bounded to years PostgreSQL and the charts can both hold (JavaScript's reach far beyond timestamptz's).
 */
const moment = () =>
  z
    .date({ error: "A date and time." })
    .min(new Date("2000-01-01T00:00:00Z"), "From the year 2000 on.")
    .max(new Date("2999-12-31T23:59:59Z"), "Before the year 3000.");

const requestLogInput = z
  .object({ from: moment(), to: moment() })
  .strict()
  .superRefine(({ from, to }, ctx) => {
    if (to.getTime() <= from.getTime()) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "Must be after the start of the range." });
    } else if (to.getTime() - from.getTime() > MAX_RANGE_MS) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "The range may span 31 days at most." });
    }
  });

export const metricsRouter = router({
  /** The dashboard's figures for the last hour (per minute) or day (per 10 minutes), all instances together. */
  dashboard: adminProcedure
    .input(z.object({ range: z.enum(Object.keys(DASHBOARD_RANGES) as [DashboardRange, ...DashboardRange[]]) }).strict())
    .output(dashboardOutput)
    .query(({ ctx, input }) => dashboardSeries(ctx.db, input.range)),

  /** Requests, errors and latency percentiles of the request log over [from, to), at most 31 days. */
  requestLog: adminProcedure
    .input(requestLogInput)
    .output(requestLogOutput)
    .query(({ ctx, input }) => requestLogSeries(ctx.db, input.from, input.to)),

  /** The audit entries written while answering one request (its X-Request-Id), oldest first. */
  requestAudit: adminProcedure
    .input(z.object({ requestId: z.string().min(1).max(200) }).strict())
    .output(z.object({ items: z.array(auditEntryOutput), totalItems: z.number().int() }))
    .query(async ({ ctx, input }) => {
      const { rows, totalItems } = await auditPage(
        ctx.db,
        eq(auditLog.requestId, input.requestId),
        1,
        REQUEST_AUDIT_LIMIT,
      );
      const entries = await titledEntries(ctx.db, resources, ctx.actor, rows.reverse());
      return {
        items: entries.map((e) => ({
          id: e.id,
          at: e.at,
          operation: e.operation,
          resource: e.resource,
          resourceLabel: e.resourceLabel,
          recordId: e.recordId,
          title: e.title,
          actorKind: e.actorKind,
          actorLabel: e.actorLabel,
        })),
        totalItems,
      };
    }),
});
