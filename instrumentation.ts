import type { Instrumentation } from "next";

/**
 * Runs once when a Next server boots (not during `next build`). The literal NEXT_RUNTIME check lets Next drop the
 * Node-only boot code from the edge bundle, which is why process.env is read here and not through env.ts.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertDefinitionsOrExit, assertEnvironmentOrExit } = await import("./server/boot");
    assertEnvironmentOrExit();
    await assertDefinitionsOrExit(process.env.NODE_ENV === "production");
    // Unused uploads and replaced files are deleted after their grace, by whichever instance gets there first.
    const { startFileSweeper } = await import("./server/core/files/sweep");
    const { getDb } = await import("./db/client");
    startFileSweeper(getDb());
    // Metrics (docs/operations-metrics.md): counted from the first request on, sampled for the dashboard each minute.
    const { startMetrics } = await import("./server/ops/metrics/start");
    startMetrics();
    // Background jobs (docs/jobs.md): every instance makes the queues; with JOBS_WORKER=on it also runs them. Next
    // waits for register() before serving, so the queues exist before the first request can enqueue; but a database
    // that is not up yet holds the start for 10 s at most (the jobs keep trying on their own).
    const { startAppJobs, stopJobsBeforeExit } = await import("./server/jobs/start");
    await Promise.race([
      startAppJobs(process.env.JOBS_WORKER !== "off"),
      new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
    ]);
    stopJobsBeforeExit();
    // The request log (docs/operations-logs.md): finished requests, written in batches after their answers. API
    // routes report themselves (with-request-log.ts); pages, server actions and navigations are seen on Node's HTTP
    // server (page-requests.ts).
    const { startRequestLog, flushRequestLogBeforeExit } = await import("./server/ops/logging/request-log");
    startRequestLog();
    flushRequestLogBeforeExit();
    const { startPageRequestLog } = await import("./server/ops/logging/page-requests");
    startPageRequestLog();
  }
}

/** Pages, server actions and the proxy failing: one error line each, with the stack (server/ops/logging/page-errors.ts). */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logPageError } = await import("./server/ops/logging/page-errors");
  logPageError(error, request, context);
};
