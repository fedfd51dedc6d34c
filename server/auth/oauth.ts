/**
 * GitHub and Google sign-in, when their env vars are set. An OAuth identity is matched to a `users` row by its
 * verified email (created as a member the first time); a blocked user is refused like at the password form.
 */
import { eq } from "drizzle-orm";
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { env } from "@/env";
import { normalizeEmail } from "./email";
import { revokeSessions } from "./sessions";
import { forgetApiTokensOf } from "./token-cache";

export interface OAuthProviderInfo {
  id: "github" | "google";
  name: string;
}

/** The OAuth providers this deployment offers (both halves of the app configured), for the sign-in buttons. */
export function oauthProviders(): OAuthProviderInfo[] {
  const config = env();
  const list: OAuthProviderInfo[] = [];
  if (config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET) list.push({ id: "github", name: "GitHub" });
  if (config.AUTH_GOOGLE_ID && config.AUTH_GOOGLE_SECRET) list.push({ id: "google", name: "Google" });
  return list;
}

const GITHUB_API = "https://api.github.com";

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * GitHub's public profile email is whatever the user typed, verified or not. Matching accounts by email needs a
 * verified one, so the profile takes the primary verified address from /user/emails and says whether it found one.
 */
async function githubProfileWithVerifiedEmail(accessToken: string | undefined) {
  const headers = { Authorization: `Bearer ${accessToken ?? ""}`, "User-Agent": "atrium" };
  const profile = (await (await fetch(`${GITHUB_API}/user`, { headers })).json()) as Record<string, unknown>;
  const res = await fetch(`${GITHUB_API}/user/emails`, { headers });
  const emails = res.ok ? ((await res.json()) as GitHubEmail[]) : [];
  const verified = emails.find((e) => e.primary && e.verified) ?? null;
  return { ...profile, email: verified?.email ?? null, email_verified: verified !== null };
}

export function oauthProviderConfigs(): Provider[] {
  const config = env();
  const providers: Provider[] = [];
  if (config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET) {
    providers.push(
      GitHub({
        clientId: config.AUTH_GITHUB_ID,
        clientSecret: config.AUTH_GITHUB_SECRET,
        userinfo: {
          url: `${GITHUB_API}/user`,
          request: ({ tokens }: { tokens: { access_token?: string } }) =>
            githubProfileWithVerifiedEmail(tokens.access_token),
        },
      }),
    );
  }
  if (config.AUTH_GOOGLE_ID && config.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: config.AUTH_GOOGLE_ID, clientSecret: config.AUTH_GOOGLE_SECRET }));
  }
  return providers;
}

export type OAuthLink = { ok: true; userId: string } | { ok: false; reason: "unverified_email" | "blocked" };

/**
 * Finds the user with this verified email, or creates one (role member, no password). Idempotent and safe against
 * two first sign-ins racing: the insert does nothing on a clash and the select that follows finds the winner.
 */
export async function linkOAuthUser(
  db: Database,
  identity: { email: string | null | undefined; name: string | null | undefined; emailVerified: boolean },
): Promise<OAuthLink> {
  if (!identity.email || !identity.emailVerified) return { ok: false, reason: "unverified_email" };
  const email = normalizeEmail(identity.email);
  const name = identity.name?.trim() || email.split("@")[0] || email;
  await db.insert(users).values({ name, email, role: "member" }).onConflictDoNothing({ target: users.email });
  const [user] = await db
    .select({ id: users.id, blocked: users.blocked, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  if (!user) throw new Error(`user ${email} vanished while signing in`);
  if (user.blocked) return { ok: false, reason: "blocked" };
  if (!user.verifiedAt) {
    // Someone signed up with this address and never proved it; the provider just proved who owns it. Whoever chose
    // that password may not be the owner (account pre-hijacking): the password and its sessions go, the address is
    // now verified, and the owner can set a password of their own with "forgot password".
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ emailVerifiedAt: new Date(), passwordHash: null, updatedAt: new Date() })
        .where(eq(users.id, user.id));
      await revokeSessions(tx, user.id, "address proved by an OAuth provider");
    });
    // Their API tokens' actor carries the verification (server/auth/token-cache.ts).
    forgetApiTokensOf(user.id);
  }
  return { ok: true, userId: user.id };
}
