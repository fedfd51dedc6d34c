/**
 * The jobs that mail a link or a code: each issues its token when it runs and sends it at once (sendMail), so the
 * plaintext exists only in the message, never in the jobs table; a retry issues a fresh token, which replaces the one
 * before. They are enqueued in the transaction of what asked for them, so they exist if and only if it committed.
 *
 * Those keyed by an email address look the account up when they run, not when they are asked for: the request that
 * asks does the same work whether or not the address has an account, so its answer and its timing tell nothing.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { env } from "@/env";
import { issueAccountToken, TOKEN_MINUTES } from "@/server/auth/account-tokens";
import { normalizeEmail } from "@/server/auth/email";
import { MAIL_WINDOW_SECONDS } from "@/server/auth/limits";
import { issueResetLink, RESET_LINK_MINUTES } from "@/server/auth/password-reset";
import { hitRateLimit } from "@/server/auth/rate-limit";
import { defineJob } from "@/server/core/jobs/define";
import { appUrl } from "@/server/mail/app-url";
import { sendMail } from "@/server/mail/send";

const email = z.email().max(254);
// An SMTP server restarting or rate-limiting gets a few minutes; a link that arrives later than that is stale anyway.
const retry = { limit: 4, delay: 5, backoff: true } as const;

async function userByEmail(db: Database, address: string) {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      blocked: users.blocked,
      verifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.email, normalizeEmail(address)))
    .limit(1);
  return user && !user.blocked ? user : null;
}

type MailResult = { sent: true } | { sent: false; reason: string };

/**
 * A job keyed by an address (see the header): one at a time per address, the account looked up as it runs and
 * `mail` called only for one that may sign in.
 */
function addressJob(
  name: string,
  mail: (db: Database, user: NonNullable<Awaited<ReturnType<typeof userByEmail>>>) => Promise<MailResult>,
) {
  return defineJob(name, {
    input: z.object({ email }),
    singletonKey: (input) => input?.email,
    retry,
    timeout: "1m",
    run: async ({ email: address }, { db }) => {
      const user = await userByEmail(db, address);
      if (!user) return { sent: false, reason: "no account that may sign in has this address" };
      return mail(db, user);
    },
  });
}

/** Issues a verification link for the user's current address and mails it there. */
async function mailVerificationLink(db: Database, user: { id: string; name: string; email: string }) {
  const issued = await issueAccountToken(db, { userId: user.id, purpose: "verify-email", email: user.email });
  await sendMail(db, {
    to: user.email,
    template: "verify-email",
    props: {
      name: user.name,
      url: appUrl(`/verify-email?token=${issued.token}`),
      expiresInMinutes: TOKEN_MINUTES["verify-email"],
    },
  });
}

/** "Confirm your email address": after sign-up, and when the signed-in user asks for the mail again. */
export const verifyEmailJob = defineJob("users.verify-email", {
  input: z.object({ userId: z.uuid() }),
  singletonKey: (input) => input?.userId,
  retry,
  timeout: "1m",
  run: async ({ userId }, { db }) => {
    const [user] = await db
      .select({ name: users.name, email: users.email, verifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.id, userId));
    if (!user) return { sent: false, reason: "the user no longer exists" };
    if (user.verifiedAt) return { sent: false, reason: "already verified" };
    await mailVerificationLink(db, { id: userId, ...user });
    return { sent: true };
  },
});

/**
 * The same mail asked for by address, by someone not signed in (PocketBase's `request-verification`): sent if the
 * address has an unverified account that may sign in.
 */
export const verifyEmailRequestJob = addressJob("users.verify-email-request", async (db, user) => {
  if (user.verifiedAt) return { sent: false, reason: "already verified" };
  await mailVerificationLink(db, user);
  return { sent: true };
});

/**
 * "Someone tried to sign up with your address": what an existing account hears instead of a second account being
 * made. Capped per address (the mail rate limit, counted here) so sign-up cannot be used to flood someone's inbox.
 */
export const signUpAttemptJob = addressJob("users.sign-up-attempt", async (db, user) => {
  const limited = await hitRateLimit(db, {
    key: `mail:sign-up-attempt:${user.email}`,
    limit: env().AUTH_RATE_LIMIT_MAIL_PER_EMAIL,
    windowSeconds: MAIL_WINDOW_SECONDS,
  });
  if (!limited.allowed) return { sent: false, reason: "rate limited" };
  await sendMail(db, {
    to: user.email,
    template: "sign-up-attempt",
    props: { name: user.name, signInUrl: appUrl("/sign-in"), resetUrl: appUrl("/forgot-password") },
  });
  return { sent: true };
});

/** "Forgot password": a reset link to the address, if it has an account that may sign in. */
export const passwordResetRequestJob = addressJob("users.password-reset-request", async (db, user) => {
  const link = await issueResetLink(db, user.id, { kind: "user", id: user.id, name: user.name });
  if (!link) return { sent: false, reason: "the user no longer exists" };
  await sendMail(db, {
    to: user.email,
    template: "password-reset",
    props: { name: user.name, url: appUrl(link.path), expiresInMinutes: RESET_LINK_MINUTES },
  });
  return { sent: true };
});

/** A one-time sign-in code and link. */
export const signInCodeJob = addressJob("users.sign-in-code", async (db, user) => {
  const issued = await issueAccountToken(db, { userId: user.id, purpose: "sign-in", email: user.email });
  await sendMail(db, {
    to: user.email,
    template: "sign-in-code",
    props: {
      name: user.name,
      code: issued.code ?? "",
      url: appUrl(`/sign-in/link?token=${issued.token}`),
      expiresInMinutes: TOKEN_MINUTES["sign-in"],
    },
  });
  return { sent: true };
});

/** "Confirm your new email address", to the new address. The old one hears about it once the change is made. */
export const emailChangeJob = defineJob("users.email-change", {
  input: z.object({ userId: z.uuid(), newEmail: email }),
  singletonKey: (input) => input?.userId,
  retry,
  timeout: "1m",
  run: async ({ userId, newEmail }, { db }) => {
    const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
    if (!user) return { sent: false, reason: "the user no longer exists" };
    const issued = await issueAccountToken(db, { userId, purpose: "change-email", email: newEmail });
    await sendMail(db, {
      to: newEmail,
      template: "email-change-confirm",
      props: {
        name: user.name,
        newEmail,
        url: appUrl(`/confirm-email?token=${issued.token}`),
        expiresInMinutes: TOKEN_MINUTES["change-email"],
      },
    });
    return { sent: true };
  },
});

export const accountMailJobs = [
  verifyEmailJob,
  verifyEmailRequestJob,
  signUpAttemptJob,
  passwordResetRequestJob,
  signInCodeJob,
  emailChangeJob,
];
