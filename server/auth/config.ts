/**
 * The Auth.js settings that need no database: pages, session strategy, and the callbacks that carry the user id
 * in the JWT. Kept free of database imports so it could also serve an edge proxy; server/auth/options.ts adds the
 * providers and the database-backed callbacks.
 */
import type { NextAuthConfig } from "next-auth";

/** 30 days; the cookie is re-issued as the user comes back, and every request re-checks the user in the database. */
const SESSION_MAX_AGE = 30 * 24 * 60 * 60;

export const authConfig = {
  // The host comes from the request (Next sits behind whatever proxy the deployment has); AUTH_URL overrides it.
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  // Auth.js redirects its own errors (OAuth refusals, bad credentials on the raw endpoint) to our sign-in page.
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      // Only at sign-in is `user` set; its id is our users.id (see options.ts for OAuth), kept as the JWT subject.
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
