/**
 * Personal API tokens: a signed-in user (browser session, never a token) lists, creates and revokes their own;
 * admins list and revoke anyone's. The plaintext token appears once, in `create`'s answer.
 */
import { TRPCError } from "@trpc/server";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { forgetApiToken } from "@/server/auth/token-cache";
import { issueApiToken, tokenColumns } from "@/server/auth/tokens";
import { afterCommit } from "@/server/core/after-commit";
import { logger } from "@/server/core/logging/logger";
import { adminProcedure, listOutput, router, sessionProcedure } from "@/server/trpc";

/** Tokens a user may hold at once: enough for every script, few enough to review, and one page of the list. */
export const MAX_ACTIVE_TOKENS = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

const tokenRecord = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scope: z.enum(["read", "write"]),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
});

const createInput = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(100, "Keep the name under 100 characters."),
  scope: z.enum(["read", "write"]),
  expiresInDays: z.number().int().min(1, "At least 1 day.").max(3650, "At most 3650 days.").optional(),
});

const active = (userId: string) => and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt));

/** A user's unrevoked tokens (expired ones included, marked by expiresAt), newest first, in the list contract. */
async function listTokens(db: Database, userId: string) {
  const [items, [total]] = await Promise.all([
    db
      .select(tokenColumns)
      .from(apiTokens)
      .where(active(userId))
      .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
      .limit(MAX_ACTIVE_TOKENS),
    db.select({ n: count() }).from(apiTokens).where(active(userId)),
  ]);
  const totalItems = total?.n ?? 0;
  return {
    items,
    page: 1,
    perPage: MAX_ACTIVE_TOKENS,
    totalItems,
    totalPages: Math.ceil(totalItems / MAX_ACTIVE_TOKENS),
  };
}

async function revoke(db: Database, id: string, userId?: string) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt), userId ? eq(apiTokens.userId, userId) : undefined))
    .returning(tokenColumns);
  // Someone else's token answers exactly like a missing one: its existence is none of the caller's business.
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such token." });
  // Refused on this instance once the revoke commits (now, or with a keyed mutation's transaction), elsewhere within
  // the token cache's TTL (server/auth/token-cache.ts).
  await afterCommit(db, async () => forgetApiToken(row.id));
  return row;
}

export const tokensRouter = router({
  list: sessionProcedure.output(listOutput(tokenRecord)).query(({ ctx }) => listTokens(ctx.db, ctx.actor.user.id)),

  create: sessionProcedure
    .input(createInput)
    .output(z.object({ token: z.string(), record: tokenRecord }))
    .mutation(async ({ ctx, input }) => {
      const userId = ctx.actor.user.id;
      const [held] = await ctx.db.select({ n: count() }).from(apiTokens).where(active(userId));
      // A soft cap: two creates racing may end one over it, which is harmless.
      if ((held?.n ?? 0) >= MAX_ACTIVE_TOKENS) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `You have ${MAX_ACTIVE_TOKENS} tokens; revoke one first.`,
        });
      }
      const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null;
      return issueApiToken(ctx.db, { userId, name: input.name, scope: input.scope, expiresAt });
    }),

  revoke: sessionProcedure
    .input(z.object({ id: z.uuid() }))
    .output(tokenRecord)
    .mutation(({ ctx, input }) => revoke(ctx.db, input.id, ctx.actor.user.id)),

  listForUser: adminProcedure
    .input(z.object({ userId: z.uuid() }))
    .output(listOutput(tokenRecord))
    .query(({ ctx, input }) => listTokens(ctx.db, input.userId)),

  revokeAny: adminProcedure
    .input(z.object({ id: z.uuid() }))
    .output(tokenRecord)
    .mutation(async ({ ctx, input }) => {
      const row = await revoke(ctx.db, input.id);
      logger("auth").info(`admin ${ctx.actor.user.id} revoked token ${row.id} of user ${row.userId}`);
      return row;
    }),
});
