/**
 * The demo's task on a real PostgreSQL with the app's own task runner and workers: a run started as its schedule
 * starts it counts posts and ranks authors, step by step; its runs are admins' to read and nobody's to write.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comments, posts, taskRuns, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { User } from "@/server/core";
import { enqueue } from "@/server/core/jobs/enqueue";
import { type JobsRuntime, startJobs } from "@/server/core/jobs/runtime";
import { callers, rejection } from "@/server/testing";
import { taskRunner } from ".";
import { recountPosts } from "./recount-posts";

let t: TestDatabase;
let jobs: JobsRuntime;
const people = {} as Record<"ada" | "bob" | "admin", User>;

beforeAll(async () => {
  t = await createTestDatabase();
  for (const [key, role] of [
    ["ada", "member"],
    ["bob", "member"],
    ["admin", "admin"],
  ] as const) {
    const [row] = await t.db
      .insert(users)
      .values({ name: key, email: `${key}@recount.test`, role })
      .returning();
    people[key] = row as User;
  }
  const published = { status: "published" as const, body: "Text." };
  const inserted = await t.db
    .insert(posts)
    .values([
      { ...published, title: "A1", slug: "a1", authorId: people.ada.id },
      { ...published, title: "A2", slug: "a2", authorId: people.ada.id },
      { ...published, title: "B1", slug: "b1", authorId: people.bob.id },
      { title: "Draft", slug: "draft", body: "Soon.", authorId: people.bob.id },
    ])
    .returning({ id: posts.id });
  await t.db.insert(comments).values({ postId: inserted[0]?.id as string, authorId: people.bob.id, body: "Nice" });
  jobs = await startJobs({
    url: t.url,
    db: t.db,
    jobs: taskRunner.jobs,
    work: true,
    pollingIntervalSeconds: 0.5,
    log: () => {},
  });
}, 60_000);
afterAll(async () => {
  await jobs.stop(500);
  await t.drop();
});

async function onlyRun() {
  for (let i = 0; i < 200; i++) {
    const [run] = await t.db.select().from(taskRuns).where(eq(taskRuns.task, "posts.recount"));
    if (run?.finishedAt) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the run did not finish");
}

describe("posts.recount", () => {
  it("runs as its schedule starts it: counts, then ranks, then is done", async () => {
    await enqueue(taskRunner.startJob(recountPosts), { reason: "nightly" }, { tx: t.db });
    const run = await onlyRun();
    expect(run).toMatchObject({
      state: "done",
      status: "succeeded",
      input: { reason: "nightly" },
      lockKey: "posts.recount",
      data: {
        published: 3,
        drafts: 1,
        comments: 1,
        topAuthors: [
          { name: "ada", posts: 2 },
          { name: "bob", posts: 1 },
        ],
      },
    });
  });

  it("its runs are for admins to read and for nobody to write", async () => {
    const api = callers(t.db);
    const listed = await api.as(people.admin).taskRuns.list({});
    expect(listed.items.map((r) => r.task)).toEqual(["posts.recount"]);
    expect((await rejection(api.as(people.ada).taskRuns.list({}))).code).toBe("FORBIDDEN");
    const forged = await rejection(
      api.as(people.admin).taskRuns.create({ task: "posts.recount", state: "done", input: {} }),
    );
    expect(forged.code).toBe("FORBIDDEN");
    expect(forged.message).toContain("the task engine only");
  });
});
