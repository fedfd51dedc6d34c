/**
 * The credentials check behind the Credentials provider's `authorize()`: rate limit, password, blocked flag. It runs
 * inside Auth.js, so the raw /api/auth/callback/credentials endpoint gets exactly the same protection as the form.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { isStorableText } from "../core/wire";
import { clientIp } from "./client-ip";
import { normalizeEmail } from "./email";
import { BlockedAccount, InvalidCredentials, RateLimited } from "./errors";
import { signInEmailKey, signInRules } from "./limits";
import { type SignInClient, signInClient } from "./open-session";
import { verifyPassword } from "./password";
import { hitRateLimits, pruneRateLimits, resetRateLimit } from "./rate-limit";

// Text PostgreSQL cannot store (a NUL) can be no one's email or password: refused as bad credentials before any
// query, so it costs no rate-limit row and never surfaces as a database error.
const credentialsSchema = z.object({
  email: z.string().max(320).refine(isStorableText),
  // scrypt copes with any length; the cap only keeps absurd bodies from costing memory.
  password: z.string().min(1).max(1024).refine(isStorableText),
});

export interface SignedInUser {
  id: string;
  name: string;
  email: string;
  /** How this sign-in was proved and from where: the jwt callback opens the session row from it (options.ts). */
  signIn: { method: string; client: SignInClient };
}

/** One in this many sign-ins also deletes finished rate-limit windows, so the table never grows unbounded. */
const PRUNE_EVERY = 100;

export async function authorizeCredentials(
  db: Database,
  credentials: Partial<Record<string, unknown>>,
  headers: Headers,
): Promise<SignedInUser> {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) throw new InvalidCredentials();
  const email = normalizeEmail(parsed.data.email);
  // Counted before the password is checked: a guess costs an attempt whether it is right or wrong.
  const ip = clientIp(headers);
  const limited = await hitRateLimits(db, signInRules(email, ip));
  if (Math.random() < 1 / PRUNE_EVERY) await pruneRateLimits(db);
  if (!limited.allowed) throw new RateLimited(limited.retryAfter);

  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      passwordHash: users.passwordHash,
      blocked: users.blocked,
    })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  // verifyPassword spends a full hash even without a user, so timing does not tell which emails have accounts.
  const matches = await verifyPassword(parsed.data.password, user?.passwordHash);
  if (!user || !matches) throw new InvalidCredentials();
  if (user.blocked) throw new BlockedAccount();
  await resetRateLimit(db, signInEmailKey(email));
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    signIn: { method: "password", client: signInClient(headers, ip) },
  };
}
