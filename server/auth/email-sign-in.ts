/**
 * Signing in with what a mail carried: the 6-digit code typed on /sign-in/code, or the link's token (posted from
 * /sign-in/link by a button, never on the GET: mail scanners open links). Behind the "email-code" Credentials
 * provider, so the raw Auth.js endpoint is held to the same rules. Counted against the same sign-in rate limits as a
 * password; a code proves the mailbox, so it also verifies an unverified address.
 */
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { isStorableText } from "../core/wire";
import { spendLinkToken, spendSignInCode } from "./account-tokens";
import { clientIp } from "./client-ip";
import type { SignedInUser } from "./credentials";
import { normalizeEmail } from "./email";
import { BlockedAccount, InvalidCredentials, RateLimited } from "./errors";
import { signInEmailKey, signInIpRule, signInRules } from "./limits";
import { signInClient } from "./open-session";
import { hitRateLimits, resetRateLimit } from "./rate-limit";
import { forgetApiTokensOf } from "./token-cache";

const inputSchema = z.union([
  z.object({ token: z.string().max(100).refine(isStorableText) }),
  z.object({ email: z.string().max(320).refine(isStorableText), code: z.string().max(20).refine(isStorableText) }),
]);

export async function authorizeEmailCode(
  db: Database,
  credentials: Partial<Record<string, unknown>>,
  headers: Headers,
): Promise<SignedInUser> {
  const parsed = inputSchema.safeParse(credentials);
  if (!parsed.success) throw new InvalidCredentials();
  const ip = clientIp(headers);
  const input = parsed.data;

  let spent: { userId: string; email: string } | null;
  let method: "link" | "code";
  if ("token" in input) {
    const limited = await hitRateLimits(db, [signInIpRule(ip)]);
    if (!limited.allowed) throw new RateLimited(limited.retryAfter);
    spent = await spendLinkToken(db, "sign-in", input.token);
    method = "link";
  } else {
    const email = normalizeEmail(input.email);
    const limited = await hitRateLimits(db, signInRules(email, ip));
    if (!limited.allowed) throw new RateLimited(limited.retryAfter);
    const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    spent = owner ? await spendSignInCode(db, owner.id, input.code) : null;
    method = "code";
  }
  if (!spent) throw new InvalidCredentials();

  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, blocked: users.blocked })
    .from(users)
    .where(eq(users.id, spent.userId))
    .limit(1);
  // The code was sent to an address the account no longer has: it proves nothing about this account.
  if (!user || user.email !== spent.email) throw new InvalidCredentials();
  if (user.blocked) throw new BlockedAccount();
  await db
    .update(users)
    .set({ emailVerifiedAt: new Date() })
    .where(and(eq(users.id, user.id), isNull(users.emailVerifiedAt)));
  // Their API tokens' actor carries the verification (server/auth/token-cache.ts).
  forgetApiTokensOf(user.id);
  await resetRateLimit(db, signInEmailKey(user.email));
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    signIn: { method, client: signInClient(headers, ip) },
  };
}
