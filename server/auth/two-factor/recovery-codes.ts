/**
 * Recovery codes: ten single-use codes like `k7m2p-x9qfd`, for when the authenticator app is gone. 10 symbols from
 * an alphabet without look-alikes (no 0/o, 1/l/i) make about 49.5 bits each: plenty against online guessing, which the
 * rate limits cap, but few enough that a plain hash could be brute-forced from a database dump. So the table keeps an
 * HMAC-SHA256 under a key derived from AUTH_SECRET (and bound to the user), never the code.
 */
import { createHmac, randomInt } from "node:crypto";
import { and, count, eq, isNull } from "drizzle-orm";
import { recoveryCodes } from "@/db/schema";
import type { TwoFactorDb } from "./db";
import { derivedKey } from "./keys";
import { MAX_CODE_INPUT } from "./totp";

export const RECOVERY_CODE_COUNT = 10;
export const RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const GROUP = 5;
const LENGTH = 2 * GROUP;
const SHAPE = new RegExp(`^[${RECOVERY_ALPHABET}]{${LENGTH}}$`);

function newRecoveryCode(): string {
  const symbols = Array.from({ length: LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${symbols.slice(0, GROUP).join("")}-${symbols.slice(GROUP).join("")}`;
}

/**
 * A typed code as stored: lower case, separators and spaces dropped ("K7M2P X9QFD" and "k7m2p-x9qfd" are one code),
 * or null when it cannot be a recovery code. Never throws.
 */
export function normalizeRecoveryCode(input: unknown): string | null {
  if (typeof input !== "string" || input.length > MAX_CODE_INPUT) return null;
  const code = input.toLowerCase().replace(/[\s\-_.]+/g, "");
  return SHAPE.test(code) ? code : null;
}

/** The stored form: keyed, and bound to the user, so equal codes of two users are unrelated rows. */
export function recoveryCodeHash(userId: string, normalized: string): string {
  return createHmac("sha256", derivedKey("recovery-codes")).update(`${userId}:${normalized}`).digest("hex");
}

/** Replaces the user's codes with ten new ones and returns them: the only time they exist in plain text. */
export async function replaceRecoveryCodes(tx: TwoFactorDb, userId: string): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(newRecoveryCode());
  const plain = [...codes];
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx
    .insert(recoveryCodes)
    .values(plain.map((code) => ({ userId, codeHash: recoveryCodeHash(userId, code.replace("-", "")) })));
  return plain;
}

/**
 * Spends one code: a single UPDATE ... WHERE used_at IS NULL, so of two concurrent uses of one code exactly one
 * gets the row back. True when the code was the user's and unused.
 */
export async function spendRecoveryCode(tx: TwoFactorDb, userId: string, input: unknown, now = new Date()) {
  const code = normalizeRecoveryCode(input);
  if (code === null) return false;
  const spent = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, recoveryCodeHash(userId, code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return spent.length > 0;
}

/** Codes the user has not used yet. */
export async function recoveryCodesLeft(db: TwoFactorDb, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export async function deleteRecoveryCodes(tx: TwoFactorDb, userId: string): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}
