/**
 * The demo blog's task: recount post statistics (posts by status, comments, the most active authors), nightly and
 * on demand from the admin. Two steps, so an admin watching the run's page sees it move from counting to ranking;
 * one run at a time (its lock), so a nightly run and a manual one never count over each other.
 */
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { comments, posts, users } from "@/db/schema";
import { defineTask } from "@/server/core/tasks/define";

export const recountPosts = defineTask("posts.recount", {
  input: z.object({ reason: z.enum(["nightly", "manual"]).default("manual") }),
  states: ["queued", "counting", "ranking", "done", "failed"],
  initial: "queued",
  succeeded: "done",
  failed: "failed",
  transitions: { queued: ["counting"], counting: ["ranking"], ranking: ["done"] },
  timeouts: { counting: "2m", ranking: "2m" },
  lock: () => "posts.recount",
  steps: {
    queued: () => ({ next: "counting" }),
    counting: async ({ db }) => {
      const byStatus = await db
        .select({ status: posts.status, n: count() })
        .from(posts)
        .where(isNull(posts.deletedAt))
        .groupBy(posts.status);
      const [commentCount] = await db.select({ n: count() }).from(comments);
      const of = (status: string) => byStatus.find((row) => row.status === status)?.n ?? 0;
      return {
        next: "ranking",
        data: { published: of("published"), drafts: of("draft"), comments: commentCount?.n ?? 0 },
      };
    },
    ranking: async ({ db }) => {
      const top = await db
        .select({ name: users.name, posts: count(posts.id) })
        .from(posts)
        .innerJoin(users, eq(users.id, posts.authorId))
        .where(and(isNull(posts.deletedAt), eq(posts.status, "published")))
        .groupBy(users.id, users.name)
        .orderBy(desc(count(posts.id)), users.name)
        .limit(5);
      return { next: "done", data: { topAuthors: top, countedAt: new Date().toISOString() } };
    },
  },
});
