/**
 * The account behind this request's session cookie, including one whose session opens nothing else yet: it must
 * change a temporary password, give its second factor, or set up two-factor (`currentUser()` treats all of those as
 * signed out). For the pages that lead out of those states, the sign-in pages and the account's security page.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { accountSettings, users } from "@/db/schema";
import { sessionUser } from "./actor";
import { normalizeEmail } from "./email";

/**
 * A session still waiting for its second factor is null here unless the caller is the second step itself
 * (`{ secondFactorPending: true }`): knowing the password must not be enough to change it, or two-factor itself.
 */
export async function sessionAccount(options: { secondFactorPending?: boolean } = {}) {
  const row = await sessionUser(getDb(), await headers());
  if (!row || row.blocked || !row.session.live || !row.session.id) return null;
  if (row.session.secondFactorPending && !options.secondFactorPending) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    sessionId: row.session.id,
    hasPassword: row.hasPassword,
    emailVerified: row.emailVerifiedAt !== null,
    passwordChangeRequired: row.passwordChangeRequired,
    secondFactorPending: row.session.secondFactorPending,
    twoFactorEnabled: row.twoFactorEnabled,
    /** The user's role must use two-factor (admin setting) and they have not set it up. */
    twoFactorSetupRequired: row.twoFactorRequired && !row.twoFactorEnabled,
  };
}

export type SessionAccount = NonNullable<Awaited<ReturnType<typeof sessionAccount>>>;

/** Where a session in one of those states must go first, or null when it opens everything. */
export function pendingStep(account: SessionAccount, callbackUrl: string): string | null {
  const next = encodeURIComponent(callbackUrl);
  if (account.secondFactorPending) return `/sign-in/two-factor?callbackUrl=${next}`;
  if (account.passwordChangeRequired) return `/account/password?callbackUrl=${next}`;
  if (account.twoFactorSetupRequired) return `/account/security?callbackUrl=${next}`;
  return null;
}

/**
 * The first step after a sign-in with this email, or null. Sign-in asks right after setting the cookie, which this
 * request's headers do not carry yet, so it goes by the account just checked.
 */
export async function stepAfterSignIn(email: string, callbackUrl: string): Promise<string | null> {
  const [row] = await getDb()
    .select({
      passwordChangeRequired: users.passwordChangeRequired,
      twoFactorEnabledAt: users.twoFactorEnabledAt,
      role: users.role,
      required: accountSettings.requireTwoFactorRoles,
    })
    .from(users)
    .leftJoin(accountSettings, eq(accountSettings.id, 1))
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  if (!row) return null;
  const next = encodeURIComponent(callbackUrl);
  if (row.twoFactorEnabledAt) return `/sign-in/two-factor?callbackUrl=${next}`;
  if (row.passwordChangeRequired) return `/account/password?callbackUrl=${next}`;
  if (row.required?.includes(row.role)) return `/account/security?callbackUrl=${next}`;
  return null;
}
