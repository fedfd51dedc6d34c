/**
 * Confirming an address: the link in the "verify-email" mail. The token names the address it was sent to, so a link
 * sent before an email change cannot verify the new address. Recorded in the user's history.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { enqueue } from "@/server/core/jobs/enqueue";
import { verifyEmailJob } from "@/server/jobs/account-mail";
import { spendLinkToken } from "./account-tokens";
import { forgetApiTokensOf } from "./token-cache";

export const INVALID_VERIFY_LINK = "This link is invalid, expired or already used. Ask for a new one.";

/** Uses a verification link: the user's id once their address is confirmed, or null for a bad link. */
export async function confirmEmail(db: Database, token: unknown): Promise<string | null> {
  const userId = await db.transaction(async (tx) => {
    const spent = await spendLinkToken(tx, "verify-email", token);
    if (!spent) return null;
    const [user] = await tx
      .update(users)
      .set({ emailVerifiedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(users.id, spent.userId), eq(users.email, spent.email), isNull(users.emailVerifiedAt)))
      .returning({ id: users.id, name: users.name });
    // Already verified (a second click, or another link) is still a success for the person clicking.
    if (!user) {
      const [same] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, spent.userId), eq(users.email, spent.email)));
      return same?.id ?? null;
    }
    await tx.insert(auditLog).values({
      actorKind: "user",
      actorId: user.id,
      actorLabel: user.name,
      operation: "update",
      resource: "users",
      recordId: user.id,
      before: { emailVerifiedAt: null },
      after: { emailVerifiedAt: "confirmed with the link mailed to the address" },
    });
    return user.id;
  });
  // Their API tokens' actor carries the verification: a token used just before it must not stay unverified here.
  if (userId) forgetApiTokensOf(userId);
  return userId;
}

/** Sends the verification mail again (the job's singleton key makes a double click one mail). */
export async function resendVerification(db: Database, userId: string): Promise<void> {
  await enqueue(verifyEmailJob, { userId }, { tx: db });
}
