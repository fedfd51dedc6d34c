/**
 * An admin's ways back into someone's account: a temporary password (shown once, to hand over) or a single-use
 * reset link. Browser sessions only: a leaked API token must not be a way to take accounts over. Nobody uses them on
 * themself: their own password changes at /account/password, which asks for the current one.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { issueResetLink, RESET_LINK_MINUTES, setTemporaryPassword } from "@/server/auth/password-reset";
import { logger } from "@/server/core/logging/logger";
import { router, sessionProcedure } from "@/server/trpc";

const adminSession = sessionProcedure.use(({ ctx, next }) => {
  if (ctx.actor.user.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "Admins only." });
  return next();
});

const forUser = adminSession
  .input(z.object({ userId: z.uuid("userId must be a user's id") }).strict())
  .use(({ ctx, input, next }) => {
    if ((input as { userId: string }).userId === ctx.actor.user.id) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: "Change your own password at /account/password: it asks for your current one.",
      });
    }
    return next();
  });

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "No such user." });

export const passwordsRouter = router({
  setTemporary: forUser.output(z.object({ password: z.string() })).mutation(async ({ ctx, input }) => {
    const { id, name } = ctx.actor.user;
    const done = await setTemporaryPassword(ctx.db, input.userId, { kind: "user", id, name });
    if (!done) throw notFound();
    logger("auth").info(`admin ${id} set a temporary password for user ${input.userId}`);
    return done;
  }),

  createResetLink: forUser
    .output(z.object({ path: z.string(), expiresAt: z.date(), validMinutes: z.number() }))
    .mutation(async ({ ctx, input }) => {
      const { id, name } = ctx.actor.user;
      const link = await issueResetLink(ctx.db, input.userId, { kind: "user", id, name });
      if (!link) throw notFound();
      logger("auth").info(`admin ${id} created a password reset link for user ${input.userId}`);
      return { ...link, validMinutes: RESET_LINK_MINUTES };
    }),
});
