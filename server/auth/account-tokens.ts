/**
 * Single-use proofs sent by mail (account_tokens): confirming an address, confirming a new address, signing in with
 * a code or a link. A link token has 256 bits and only its sha256 is kept; a sign-in code has 6 digits, so it is kept
 * as an HMAC (keyed by AUTH_SECRET: the table alone does not let anyone try the million codes offline), dies after
 * MAX_CODE_ATTEMPTS wrong tries, and lives for minutes. Issuing a token replaces the user's earlier ones of that
 * purpose; using one claims it in a single conditional UPDATE, so two uses cannot both succeed.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { accountTokens } from "@/db/schema";
import { authSecret } from "./secret";

type Executor = Pick<Database, "select" | "insert" | "update" | "delete">;
export type AccountTokenPurpose = (typeof accountTokens.$inferSelect)["purpose"];

/** How long each kind of token works. */
export const TOKEN_MINUTES: Record<AccountTokenPurpose, number> = {
  "verify-email": 24 * 60,
  "change-email": 60,
  "sign-in": 15,
};
/** Wrong codes a sign-in token survives. With 6 digits that is a 5-in-a-million guess per mail sent. */
export const MAX_CODE_ATTEMPTS = 5;

/** A link token as it travels: 43 characters of base64url. */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
/** A sign-in code as typed: 6 digits, spaces allowed ("123 456"). */
export const signInCodeSchema = z
  .string()
  .max(20)
  .transform((s) => s.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/));

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");
const codeMac = (tokenId: string, code: string) =>
  createHmac("sha256", authSecret()).update(`atrium sign-in code\0${tokenId}\0${code}`).digest("hex");

export interface IssuedToken {
  /** The link token: a credential until used or expired. Goes in the mail only. */
  token: string;
  /** For "sign-in": the 6-digit code, the same proof as the link. */
  code: string | null;
  expiresAt: Date;
}

/** Issues a token of this purpose for the user (about `email`), replacing their earlier ones of the same purpose. */
export async function issueAccountToken(
  tx: Executor,
  input: { userId: string; purpose: AccountTokenPurpose; email: string },
  now = new Date(),
): Promise<IssuedToken> {
  const token = randomBytes(32).toString("base64url");
  const code = input.purpose === "sign-in" ? String(randomInt(0, 1_000_000)).padStart(6, "0") : null;
  const expiresAt = new Date(now.getTime() + TOKEN_MINUTES[input.purpose] * 60_000);
  await tx
    .delete(accountTokens)
    .where(and(eq(accountTokens.userId, input.userId), eq(accountTokens.purpose, input.purpose)));
  const [row] = await tx
    .insert(accountTokens)
    .values({ ...input, tokenHash: sha256(token), expiresAt })
    .returning({ id: accountTokens.id });
  if (!row) throw new Error("inserting an account token returned no row");
  if (code)
    await tx
      .update(accountTokens)
      .set({ codeHash: codeMac(row.id, code) })
      .where(eq(accountTokens.id, row.id));
  return { token, code, expiresAt };
}

/** The live (unused, unexpired, not guessed to death) token of this purpose behind a link's token. */
const liveLink = (purpose: AccountTokenPurpose, token: string, now: Date) =>
  and(
    eq(accountTokens.tokenHash, sha256(token)),
    eq(accountTokens.purpose, purpose),
    isNull(accountTokens.usedAt),
    gt(accountTokens.expiresAt, now),
    lt(accountTokens.attempts, MAX_CODE_ATTEMPTS),
  );

export interface SpentToken {
  userId: string;
  email: string;
}

/** Uses a link token of this purpose: the owner and the address it is about, or null (unknown, used, expired). */
export async function spendLinkToken(
  tx: Executor,
  purpose: AccountTokenPurpose,
  token: unknown,
  now = new Date(),
): Promise<SpentToken | null> {
  const parsed = linkTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(liveLink(purpose, parsed.data, now))
    .returning({ userId: accountTokens.userId, email: accountTokens.email });
  return row ?? null;
}

/** Whether a link token is live, for a page to say so before the user acts (it does not use the token). */
export async function linkTokenIsLive(
  db: Executor,
  purpose: AccountTokenPurpose,
  token: unknown,
  now = new Date(),
): Promise<boolean> {
  const parsed = linkTokenSchema.safeParse(token);
  if (!parsed.success) return false;
  const [row] = await db
    .select({ id: accountTokens.id })
    .from(accountTokens)
    .where(liveLink(purpose, parsed.data, now))
    .limit(1);
  return !!row;
}

/**
 * Uses the user's live sign-in code: the owner, or null. A wrong code counts an attempt on the live token (under a
 * row lock, so concurrent guesses cannot share one attempt); at MAX_CODE_ATTEMPTS the token is dead, link included.
 */
export async function spendSignInCode(
  db: Database,
  userId: string,
  code: unknown,
  now = new Date(),
): Promise<SpentToken | null> {
  const parsed = signInCodeSchema.safeParse(code);
  if (!parsed.success) return null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: accountTokens.id, codeHash: accountTokens.codeHash, email: accountTokens.email })
      .from(accountTokens)
      .where(
        and(
          eq(accountTokens.userId, userId),
          eq(accountTokens.purpose, "sign-in"),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, now),
          lt(accountTokens.attempts, MAX_CODE_ATTEMPTS),
        ),
      )
      .for("update")
      .limit(1);
    if (!row?.codeHash) return null;
    const expected = Buffer.from(row.codeHash, "hex");
    const given = Buffer.from(codeMac(row.id, parsed.data), "hex");
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      await tx
        .update(accountTokens)
        .set({ attempts: sql`${accountTokens.attempts} + 1` })
        .where(eq(accountTokens.id, row.id));
      return null;
    }
    await tx.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, row.id));
    return { userId, email: row.email };
  });
}
