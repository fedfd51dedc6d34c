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
    // Background jobs (docs/jobs.md): every instance makes the queues; with JOBS_WORKER=on it also runs them. Next
    // waits for register() before serving, so the queues exist before the first request can enqueue; but a database
    // that is not up yet holds the start for 10 s at most (the jobs keep trying on their own).
    const { startAppJobs, stopJobsBeforeExit } = await import("./server/jobs/start");
    await Promise.race([
      startAppJobs(process.env.JOBS_WORKER !== "off"),
      new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
    ]);
    stopJobsBeforeExit();
  }
}
