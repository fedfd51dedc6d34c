/**
 * The job behind the admin's "Send password reset" (the `users.sendPasswordReset` action): it issues a single-use
 * reset link (server/auth/password-reset.ts, which audits it on the user) and hands it to `deliverResetLink`.
 * Enqueued in the action's transaction, so it exists if and only if the action committed; a retry issues a fresh
 * link, which replaces the one before.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { env } from "@/env";
import { issueResetLink, RESET_LINK_MINUTES } from "@/server/auth/password-reset";
import { defineJob } from "@/server/core/jobs/define";

export interface ResetLinkMessage {
  to: string;
  name: string;
  /** The link, relative to the app (`/reset-password?token=...`): a credential until it is used or expires. */
  path: string;
  expiresAt: Date;
}

/**
 * THE ONE PLACE THAT "SENDS" A RESET LINK, until mail arrives (issue 17 replaces this function with a real email
 * through nodemailer). For now it logs what it would send: the link itself only outside production, where a log
 * line is no place for a credential.
 */
export async function deliverResetLink(message: ResetLinkMessage): Promise<void> {
  const link = env().NODE_ENV === "production" ? "(link not logged in production)" : message.path;
  console.info(
    `[mail:outbox] would send "Reset your password" to ${message.name} <${message.to}>: ${link}, valid for ${RESET_LINK_MINUTES} minutes`,
  );
}

export const passwordResetJob = defineJob("users.password-reset", {
  input: z.object({
    userId: z.uuid(),
    /** Who asked, for the user's history: an admin, or the system (id null). */
    requestedBy: z.object({ id: z.uuid().nullable(), name: z.string().max(200) }),
  }),
  // One link at a time per user: asking again while one is on its way adds nothing. (`?.`: the job runtime also
  // calls this without an input, when it derives the queue's options: server/core/jobs/runtime.ts ensureQueue.)
  singletonKey: (input) => input?.userId,
  retry: { limit: 3, backoff: true },
  timeout: "1m",
  run: async ({ userId, requestedBy }, { db }) => {
    const [user] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
    if (!user) return { sent: false, reason: "the user no longer exists" };
    const by = { id: requestedBy.id, name: requestedBy.name, kind: requestedBy.id ? "user" : "system" } as const;
    const link = await issueResetLink(db, userId, by);
    if (!link) return { sent: false, reason: "the user no longer exists" };
    await deliverResetLink({ to: user.email, name: user.name, path: link.path, expiresAt: link.expiresAt });
    // The job's output is kept for the admin's jobs page: never the link.
    return { sent: true, expiresAt: link.expiresAt.toISOString() };
  },
});
