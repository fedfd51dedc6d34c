/**
 * A worker process for the kill -9 test (durability.test.ts): runs `test.crash` jobs, says on stdout when one has
 * started, and then never finishes it, so the test can kill the process mid-job.
 * Usage: node --import tsx server/core/jobs/testing/crash-worker.ts <database url>
 */
import { z } from "zod";
import { createDatabase } from "@/db/client";
import { defineJob } from "../define";
import { startJobs } from "../runtime";

export const crashJob = (run: (attempt: number) => Promise<unknown>) =>
  defineJob("test.crash", {
    input: z.object({ n: z.number() }),
    retry: { limit: 2, delay: 1, backoff: false },
    timeout: "2s",
    run: (_input, { attempt }) => run(attempt),
  });

const url = process.argv[2];
if (url) {
  const { db } = createDatabase(url, { max: 2 });
  const job = crashJob(async (attempt) => {
    console.log(`started ${attempt}`);
    await new Promise(() => {});
  });
  await startJobs({ url, db, jobs: [job], work: true, pollingIntervalSeconds: 0.5, log: () => {} });
  console.log("ready");
}
