/**
 * A user deletes their own account. The data policy (docs/accounts.md): the person goes, what they wrote stays.
 * The users row is kept, because posts, comments and projects point at it (their foreign keys restrict deletion),
 * but everything that identified or authenticated the person is removed: name becomes "Deleted user", the email an
 * address that can receive nothing, bio and picture are cleared, password, two-factor, recovery codes, API tokens,
 * mailed tokens and sessions are gone, and the row is blocked so nothing can sign in as it again. Their posts and
 * comments stay, shown as by "Deleted user"; their drafts stay unpublished, which admins may delete.
 *
 * The visible fields change through the engine (audited, live, and the users resource's hooks: the last active admin
 * cannot delete themself); the rest in the same transaction. A farewell goes to the old address after commit.
 */
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accountTokens, apiTokens, recoveryCodes, users } from "@/db/schema";
import { transactionWithAfterCommit } from "@/server/core/after-commit";
import { updateRecord } from "@/server/core/write";
import { enqueueMail } from "@/server/mail/job";
import { resources } from "@/server/resources";
import { verifyPassword } from "./password";
import { revokeSessions } from "./sessions";

export const DELETED_NAME = "Deleted user";

export type DeleteAccountAnswer = { ok: true } | { ok: false; field: "confirm" | "currentPassword"; message: string };

/**
 * `confirm` must be the account's email address, typed; `currentPassword` is asked of accounts that have one (an
 * OAuth-only account proves itself with its session and the typed address).
 */
export async function deleteOwnAccount(
  db: Database,
  userId: string,
  input: { confirm: string; currentPassword: string },
): Promise<DeleteAccountAnswer> {
  const [user] = await db
    .select({ name: users.name, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return { ok: false, field: "confirm", message: "This account no longer exists." };
  if (input.confirm.trim().toLowerCase() !== user.email) {
    return { ok: false, field: "confirm", message: "Type your email address exactly to confirm." };
  }
  if (user.passwordHash && !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    return { ok: false, field: "currentPassword", message: "That is not your current password." };
  }
  await transactionWithAfterCommit(db, async (tx) => {
    const writer = {
      db: tx as unknown as Database,
      actor: { kind: "system" as const, reason: `${user.name} deleted their account` },
      registry: resources,
    };
    await updateRecord(
      writer,
      resources.users,
      userId,
      {
        name: DELETED_NAME,
        email: `deleted-${userId}@deleted.invalid`,
        bio: "",
        avatar: null,
        blocked: true,
      },
      { visible: undefined, allowed: undefined },
    );
    await tx
      .update(users)
      .set({
        passwordHash: null,
        passwordChangeRequired: false,
        twoFactorSecret: null,
        twoFactorEnabledAt: null,
        twoFactorLastStep: null,
        signInAlerts: false,
        emailVerifiedAt: null,
      })
      .where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.delete(accountTokens).where(eq(accountTokens.userId, userId));
    await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.userId, userId));
    await revokeSessions(tx, userId, "revoked by the user");
    await enqueueMail(tx, { to: user.email, template: "account-deleted", props: { name: user.name } });
  });
  return { ok: true };
}
