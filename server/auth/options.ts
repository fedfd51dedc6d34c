/**
 * The full Auth.js configuration for one database: authConfig (config.ts) plus the Credentials provider, the optional
 * OAuth providers and the callbacks that need the database. index.ts builds the app's instance from it with the app's
 * pool; server/auth/testing.ts builds one on a test database, so tests drive the very same configuration.
 */
import type { NextAuthConfig } from "next-auth";
import { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Database } from "@/db/client";
import { logger } from "@/server/core/logging/logger";
import { clientIp } from "./client-ip";
import { authConfig } from "./config";
import { authorizeCredentials } from "./credentials";
import { authorizeEmailCode } from "./email-sign-in";
import { linkOAuthUser, oauthProviderConfigs } from "./oauth";
import { openSession, type SignInClient } from "./open-session";
import { authSecret } from "./secret";
import { revokeSession } from "./sessions";

/** The browser of an OAuth callback (a route handler, so next/headers works); empty outside a request. */
async function oauthClient(): Promise<SignInClient> {
  try {
    const { headers } = await import("next/headers");
    const all = await headers();
    return { userAgent: all.get("user-agent") ?? "", ip: clientIp(all) };
  } catch {
    return { userAgent: "", ip: "" };
  }
}

export function createAuthOptions(db: Database): NextAuthConfig {
  return {
    ...authConfig,
    secret: authSecret(),
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, request) => authorizeCredentials(db, credentials, request.headers),
      }),
      // The code or link of a "sign-in-code" mail (email-sign-in.ts).
      Credentials({
        id: "email-code",
        name: "Email code",
        credentials: { email: { type: "email" }, code: { type: "text" }, token: { type: "text" } },
        authorize: (credentials, request) => authorizeEmailCode(db, credentials, request.headers),
      }),
      ...oauthProviderConfigs(),
    ],
    callbacks: {
      ...authConfig.callbacks,
      async signIn({ account, profile, user }) {
        if (!account || account.type === "credentials") return true;
        const link = await linkOAuthUser(db, {
          email: profile?.email ?? user.email,
          name: profile?.name ?? user.name,
          emailVerified: profile?.email_verified === true,
        });
        if (!link.ok) logger("auth").warn(`${account.provider} sign-in refused: ${link.reason}`);
        return link.ok;
      },
      async jwt(params) {
        const { account, profile, user, token } = params;
        // An OAuth identity's own id means nothing here: the session must name our users.id (linked in signIn).
        if (account && account.type !== "credentials") {
          const link = await linkOAuthUser(db, {
            email: profile?.email ?? user?.email,
            name: profile?.name ?? user?.name,
            emailVerified: profile?.email_verified === true,
          });
          if (!link.ok) return null;
          const sid = await openSession(db, link.userId, `oauth:${account.provider}`, await oauthClient());
          if (!sid) return null;
          token.sub = link.userId;
          token.sid = sid;
          return token;
        }
        // A sign-in by our own providers: authorize() said how it was proved and from where; the row opens here,
        // once Auth.js has accepted it, so a refused sign-in never leaves a session behind.
        if (user?.id && user.signIn) {
          const sid = await openSession(db, user.id, user.signIn.method, user.signIn.client);
          if (!sid) return null;
          token.sub = user.id;
          token.sid = sid;
          return token;
        }
        return authConfig.callbacks.jwt(params);
      },
    },
    events: {
      // Signing out ends the row too, so a copy of the cookie taken before is worthless afterwards.
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (token?.sid && token.sub) await revokeSession(db, token.sub, token.sid, "signed out");
      },
    },
    logger: {
      // A wrong password is an answer, not a server error: keep those out of the error log.
      error(error) {
        if (error instanceof CredentialsSignin) return;
        logger("auth").error({ err: error }, error.message);
      },
    },
  };
}
