/**
 * The hand-written yardsticks the benches set the engine beside, written directly with Drizzle, without the engine's
 * layers, so a bench shows what the engine itself costs:
 * - `postsList` (`npm run bench:list`): the SQL the resource engine runs for
 *   `posts.list({ perPage, filter: published, sort: ["-publishedAt"], expand: ["author"] })`, without output
 *   validation;
 * - `postsCreate` (`npm run bench:write`, in-process and over HTTP): posts.create the way a create-t3-app procedure
 *   would write it: the engine's input schema and input-error wording, a transaction with the demo's slug query and the
 *   insert, the created row as the answer; no rules, audit or live event.
 * Served only by app/api/bench, which answers 404 unless ATRIUM_BENCH=1.
 */
import "server-only";
import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { posts, users } from "@/db/schema";
import { fieldLabels, wordInputError } from "../core/input-errors";
import { buildInputs } from "../core/inputs";
import type { CreateInput } from "../core/resource";
import { resources } from "../resources";
import { uniquePostSlug } from "../resources/post-slug";
import { publicProcedure, router, userProcedure } from "../trpc";

const publishedAndLive = and(eq(posts.status, "published"), isNull(posts.deletedAt));
const postLabels = fieldLabels(resources.posts);
// Typed as the resource router types it (its schemas are built generically).
const postCreateInput = buildInputs(resources.posts, resources).create as unknown as z.ZodType<
  CreateInput<typeof resources.posts>
>;

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
  postsCreate: userProcedure
    .use(async ({ next }) => wordInputError(await next(), postLabels, false))
    .input(postCreateInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        // The created row goes back to the caller, as the engine's create answers with it.
        const [created] = await tx
          .insert(posts)
          .values({
            title: input.title,
            body: input.body,
            status: input.status,
            slug: await uniquePostSlug(tx, input.title ?? ""),
            authorId: ctx.actor.user.id,
            publishedAt: input.status === "published" ? new Date() : null,
          })
          .returning();
        return created;
      }),
    ),
});

export type BaselineRouter = typeof baselineRouter;
