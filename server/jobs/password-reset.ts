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
import { issueResetLink, RESET_LINK_MINUTES } from "@/server/auth/password-reset";
import type { Executor } from "@/server/core/executor";
import { defineJob } from "@/server/core/jobs/define";
import { appUrl } from "@/server/mail/app-url";
import { sendMail } from "@/server/mail/send";

export interface ResetLinkMessage {
  to: string;
  name: string;
  /** The link, relative to the app (`/reset-password?token=...`): a credential until it is used or expires. */
  path: string;
  expiresAt: Date;
}

/** Mails a reset link (the "password-reset" template, docs/email.md). */
export async function deliverResetLink(db: Executor, message: ResetLinkMessage): Promise<void> {
  await sendMail(db, {
    to: message.to,
    template: "password-reset",
    props: { name: message.name, url: appUrl(message.path), expiresInMinutes: RESET_LINK_MINUTES },
  });
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
    await deliverResetLink(db, { to: user.email, name: user.name, path: link.path, expiresAt: link.expiresAt });
    // The job's output is kept for the admin's jobs page: never the link.
    return { sent: true, expiresAt: link.expiresAt.toISOString() };
  },
});
