/**
 * The hand-written yardstick for `npm run bench:list`: the SQL the resource engine runs for
 * `posts.list({ perPage, filter: published, sort: ["-publishedAt"], expand: ["author"] })`, written directly with
 * Drizzle. It has no output validation and no engine layers, so the bench shows what the engine itself costs.
 * Served only by app/api/bench, which answers 404 unless ATRIUM_BENCH=1.
 */
import "server-only";
import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { posts, users } from "@/db/schema";
import { publicProcedure, router } from "../trpc";

const publishedAndLive = and(eq(posts.status, "published"), isNull(posts.deletedAt));

export const baselineRouter = router({
  postsList: publicProcedure
    .input(
      z.object({
        page: z.number().int().min(1).default(1),
        perPage: z.number().int().min(1).max(100).default(20),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { page, perPage } = input;
      const [rows, [total]] = await Promise.all([
        ctx.db
          .select()
          .from(posts)
          .where(publishedAndLive)
          // As server/core/sort.ts emits it: NULLS LAST (which also matches posts_published_idx, so PostgreSQL reads
          // 20 index entries instead of sorting every published row) and the primary key as tie-breaker.
          .orderBy(sql`${posts.publishedAt} desc nulls last`, asc(posts.id))
          .limit(perPage)
          .offset((page - 1) * perPage),
        ctx.db.select({ n: count() }).from(posts).where(publishedAndLive),
      ]);
      const authorIds = [...new Set(rows.map((row) => row.authorId))];
      const authors = authorIds.length > 0 ? await ctx.db.select().from(users).where(inArray(users.id, authorIds)) : [];
      const authorById = new Map(authors.map((author) => [author.id, author]));
      const totalItems = total?.n ?? 0;
      return {
        items: rows.map((row) => ({ ...row, expand: { author: authorById.get(row.authorId) ?? null } })),
        page,
        perPage,
        totalItems,
        totalPages: Math.ceil(totalItems / perPage),
      };
    }),
});

export type BaselineRouter = typeof baselineRouter;
