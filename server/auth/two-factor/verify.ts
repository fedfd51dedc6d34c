/**
 * The second step of sign-in: is this code the user's second factor? An authenticator code or one of their recovery
 * codes; each works once. Never throws for what a visitor can type (anything not shaped like a code is null at once).
 */
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { auditTwoFactor } from "./audit";
import { type TwoFactorDb, transaction } from "./db";
import { normalizeRecoveryCode, recoveryCodesLeft, spendRecoveryCode } from "./recovery-codes";
import { unsealSecret } from "./seal";
import { MAX_CODE_INPUT, matchTotp, normalizeTotpCode } from "./totp";

const userIdSchema = z.uuid();

/**
 * "totp" or "recovery" when the code proves the second factor, else null (wrong, reused, or two-factor is off).
 *
 * A TOTP code is spent by moving `two_factor_last_step` forward in one conditional UPDATE (`... WHERE last_step IS
 * NULL OR last_step < step`): of two concurrent sign-ins with one code only one gets the row back. A recovery code is
 * spent by its own conditional UPDATE, and its use is recorded in the user's history with how many are left.
 */
export async function verifySecondFactor(
  db: TwoFactorDb,
  userId: string,
  code: unknown,
  now = new Date(),
): Promise<"totp" | "recovery" | null> {
  if (typeof code !== "string" || code.length > MAX_CODE_INPUT || !userIdSchema.safeParse(userId).success) return null;
  const totp = normalizeTotpCode(code);
  const recovery = totp === null ? normalizeRecoveryCode(code) : null;
  if (totp === null && recovery === null) return null;

  const [user] = await db
    .select({
      name: users.name,
      secret: users.twoFactorSecret,
      enabledAt: users.twoFactorEnabledAt,
      lastStep: users.twoFactorLastStep,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user?.enabledAt) return null;

  if (totp !== null) {
    const secret = unsealSecret(user.secret, userId);
    const step = secret ? matchTotp(secret, totp, now, user.lastStep) : null;
    if (step === null) return null;
    const claimed = await db
      .update(users)
      .set({ twoFactorLastStep: step })
      .where(
        and(
          eq(users.id, userId),
          isNotNull(users.twoFactorEnabledAt),
          // The secret the code was checked against is still the one in force (not reset and re-enrolled since).
          eq(users.twoFactorSecret, user.secret as string),
          or(isNull(users.twoFactorLastStep), lt(users.twoFactorLastStep, step)),
        ),
      )
      .returning({ id: users.id });
    return claimed.length > 0 ? "totp" : null;
  }

  return transaction(db, async (tx) => {
    if (!(await spendRecoveryCode(tx, userId, recovery, now))) return null;
    const left = await recoveryCodesLeft(tx, userId);
    await auditTwoFactor(
      tx,
      userId,
      { id: userId, name: user.name },
      { before: "on", after: `a recovery code was used; ${left} left` },
    );
    return "recovery" as const;
  });
}
