/**
 * `npm run worker`: a process that only runs background jobs and schedules (docs/jobs.md), for deployments that
 * keep them apart from the web servers (then set JOBS_WORKER=off on those). Any number can run: each job runs once.
 * SIGTERM or SIGINT stops it gracefully: no new jobs, running ones finish within JOBS_SHUTDOWN_GRACE_SECONDS, and
 * any still running then are handed back to be retried.
 *
 * Run through scripts/launch.ts (`worker`), which resolves DATABASE_URL (yours, or the running embedded server).
 */
import { jobs, schedules } from "../server/jobs";
import { startAppJobs, stopAppJobs } from "../server/jobs/start";

const runtime = await startAppJobs(true);
console.log(`[jobs] worker running: ${jobs.length} job(s), ${schedules.length} schedule(s)`);
let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.log(`[jobs] ${signal}: stopping (${runtime.running()} running)`);
  await stopAppJobs();
  process.exit(0);
};
process.on("SIGTERM", (signal) => void stop(signal));
process.on("SIGINT", (signal) => void stop(signal));
