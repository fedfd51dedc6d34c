/**
 * The foundation's hand-written slice of the blog API. The resource engine (server/core) replaces it with a
 * generated router; until then it shows the contract: explicit columns, explicit output, typed errors.
 */
import { TRPCError } from "@trpc/server";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { posts, users } from "@/db/schema";
import { slugify } from "@/db/slug";
import { withFieldErrors } from "../core/db-errors";
import { listOutput, publicProcedure, router, systemProcedure } from "../trpc";

const postSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  slug: z.string(),
  status: z.enum(["draft", "published"]),
  publishedAt: z.date().nullable(),
  author: z.object({ id: z.uuid(), name: z.string() }),
});

const MAX_PER_PAGE = 100;

export const postInput = z.object({
  title: z
    .string()
    .trim()
    .min(5, "Title must be at least 5 characters")
    .max(200, "Title must be at most 200 characters"),
  body: z.string().min(10, "Body must be at least 10 characters"),
  status: z.enum(["draft", "published"]).default("draft"),
  authorId: z.uuid(),
});

const publishedAndLive = and(eq(posts.status, "published"), isNull(posts.deletedAt));

export const postsRouter = router({
  /** Published posts, newest first. */
  list: publicProcedure
    .input(
      z
        .object({
          page: z.number().int().min(1).default(1),
          perPage: z.number().int().min(1).max(MAX_PER_PAGE).default(20),
        })
        .default({ page: 1, perPage: 20 }),
    )
    .output(listOutput(postSummary))
    .query(async ({ ctx, input }) => {
      const { page, perPage } = input;
      const [items, [total]] = await Promise.all([
        ctx.db
          .select({
            id: posts.id,
            title: posts.title,
            slug: posts.slug,
            status: posts.status,
            publishedAt: posts.publishedAt,
            author: { id: users.id, name: users.name },
          })
          .from(posts)
          .innerJoin(users, eq(users.id, posts.authorId))
          .where(publishedAndLive)
          .orderBy(desc(posts.publishedAt), desc(posts.id))
          .limit(perPage)
          .offset((page - 1) * perPage),
        ctx.db.select({ n: count() }).from(posts).where(publishedAndLive),
      ]);
      const totalItems = total?.n ?? 0;
      return { items, page, perPage, totalItems, totalPages: Math.ceil(totalItems / perPage) };
    }),

  /** Server-side only until sign-in exists (see systemProcedure). */
  create: systemProcedure
    .input(postInput)
    .output(postSummary.pick({ id: true, slug: true, status: true }))
    .mutation(async ({ ctx, input }) => {
      const slug = slugify(input.title);
      const [row] = await withFieldErrors(posts, () =>
        ctx.db
          .insert(posts)
          .values({ ...input, slug, publishedAt: input.status === "published" ? new Date() : null })
          .returning({ id: posts.id, slug: posts.slug, status: posts.status }),
      );
      if (!row) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "insert returned no row" });
      return row;
    }),
});
