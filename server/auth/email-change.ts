/**
 * Changing one's email address: the user asks (proving their password, when they have one), a link goes to the new
 * address, and only following it changes the address; the old address is then told. The change goes through the
 * engine as a system write, so it is audited, reaches live subscribers (the admin's users table) and runs the users
 * resource's hooks like any other.
 */
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { transactionWithAfterCommit } from "@/server/core/after-commit";
import { enqueue } from "@/server/core/jobs/enqueue";
import { updateRecord } from "@/server/core/write";
import { emailChangeJob } from "@/server/jobs/account-mail";
import { enqueueMail } from "@/server/mail/job";
import { resources } from "@/server/resources";
import { spendLinkToken } from "./account-tokens";
import { normalizeEmail } from "./email";
import { emailFieldSchema } from "./mail-requests";
import { verifyPassword } from "./password";

export const INVALID_EMAIL_LINK = "This link is invalid, expired or already used. Ask for a new one.";
export const EMAIL_IN_USE = "That address now belongs to another account.";

export const emailChangeSchema = z.object({ newEmail: emailFieldSchema, currentPassword: z.string().max(1024) });

export type EmailChangeAnswer =
  | { ok: true }
  | { ok: false; fieldErrors: Partial<Record<"newEmail" | "currentPassword", string>> };

/**
 * Queues the confirmation mail to the new address. An address that already has an account is not refused here (that
 * would tell a signed-in user which addresses have accounts): the link simply fails with EMAIL_IN_USE if followed.
 */
export async function requestEmailChange(
  db: Database,
  userId: string,
  input: { newEmail: string; currentPassword: string },
): Promise<EmailChangeAnswer> {
  const [user] = await db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return { ok: false, fieldErrors: { newEmail: "This account no longer exists." } };
  const newEmail = normalizeEmail(input.newEmail);
  if (newEmail === user.email) return { ok: false, fieldErrors: { newEmail: "That is already your address." } };
  if (user.passwordHash && !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    return { ok: false, fieldErrors: { currentPassword: "That is not your current password." } };
  }
  await enqueue(emailChangeJob, { userId, newEmail }, { tx: db });
  return { ok: true };
}

/** Follows the link from the new address: the address changes, counts as verified, and the old one is told. */
export async function confirmEmailChange(
  db: Database,
  token: unknown,
): Promise<{ ok: true; email: string } | { ok: false; message: string }> {
  return transactionWithAfterCommit(db, async (tx) => {
    const spent = await spendLinkToken(tx, "change-email", token);
    if (!spent) return { ok: false, message: INVALID_EMAIL_LINK };
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, spent.email), ne(users.id, spent.userId)));
    if (taken) return { ok: false, message: EMAIL_IN_USE };
    const [user] = await tx
      .select({ name: users.name, email: users.email })
      .from(users)
      .where(eq(users.id, spent.userId))
      .for("update");
    if (!user) return { ok: false, message: INVALID_EMAIL_LINK };
    const writer = {
      db: tx as unknown as Database,
      actor: { kind: "system" as const, reason: `${user.name} confirmed their new email address` },
      registry: resources,
    };
    await updateRecord(writer, resources.users, spent.userId, { email: spent.email }, NO_SCOPE);
    await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, spent.userId));
    await enqueueMail(tx, {
      to: user.email,
      template: "email-changed",
      props: { name: user.name, newEmail: spent.email },
    });
    return { ok: true, email: spent.email };
  });
}

const NO_SCOPE = { visible: undefined, allowed: undefined };
