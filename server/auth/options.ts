/**
 * The full Auth.js configuration for one database: authConfig (config.ts) plus the Credentials provider, the optional
 * OAuth providers and the callbacks that need the database. index.ts builds the app's instance from it with the app's
 * pool; server/auth/testing.ts builds one on a test database, so tests drive the very same configuration.
 */
import type { NextAuthConfig } from "next-auth";
import { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Database } from "@/db/client";
import { authConfig } from "./config";
import { authorizeCredentials } from "./credentials";
import { linkOAuthUser, oauthProviderConfigs } from "./oauth";
import { authSecret } from "./secret";

export function createAuthOptions(db: Database): NextAuthConfig {
  return {
    ...authConfig,
    secret: authSecret(),
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, request) => authorizeCredentials(db, credentials, request.headers),
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
        if (!link.ok) console.warn(`[auth] ${account.provider} sign-in refused: ${link.reason}`);
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
          token.sub = link.userId;
          return token;
        }
        return authConfig.callbacks.jwt(params);
      },
    },
    logger: {
      // A wrong password is an answer, not a server error: keep those out of the error log.
      error(error) {
        if (error instanceof CredentialsSignin) return;
        console.error("[auth]", error);
      },
    },
  };
}
