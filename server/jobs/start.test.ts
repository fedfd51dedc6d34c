/**
 * The app's jobs as a server or `npm run worker` starts them (startAppJobs), on a real PostgreSQL: the app's queues
 * exist, its workers run, and what a job writes through the engine reaches webhooks in that process too (the task's
 * state changes here), although the process never loaded the API router that installs them for requests.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { taskRuns, webhookEvents, webhooks } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";

const env = vi.hoisted(() => {
  process.env.JOBS_POLL_SECONDS = "0.5";
  return {};
});

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  // The app's pool and its job system read DATABASE_URL on first use.
  process.env.DATABASE_URL = t.url;
  void env;
});
afterAll(async () => {
  const { stopAppJobs } = await import("./start");
  await stopAppJobs();
  await t.drop();
});

describe("startAppJobs", () => {
  it("runs the app's jobs, and a job's engine writes reach webhooks", async () => {
    await t.db.insert(webhooks).values({
      name: "Task runs",
      url: "https://hooks.example.com/tasks",
      resources: ["taskRuns"],
      events: ["create", "update"],
      secret: "whsec_test_only",
    });
    const { startAppJobs } = await import("./start");
    await startAppJobs(true);
    const { taskRunner } = await import("@/server/tasks");
    const { recountPosts } = await import("@/server/tasks/recount-posts");
    const runId = await taskRunner.start(recountPosts, { reason: "manual" }, { db: t.db });
    let run: typeof taskRuns.$inferSelect | undefined;
    for (let i = 0; i < 200 && !run?.finishedAt; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      [run] = await t.db.select().from(taskRuns).where(eq(taskRuns.id, runId));
    }
    expect(run?.status).toBe("succeeded");
    const events = await t.db.select().from(webhookEvents).where(eq(webhookEvents.recordId, runId));
    // The start (create) and each of the four state changes made by the job's steps.
    expect(events.map((e) => e.event).sort()).toEqual(["create", "update", "update", "update", "update"]);
  }, 60_000);
});
