/** What our Auth.js callbacks add to its types (options.ts): the sign-in's proof on the user, the session id in the JWT. */
import "next-auth";
import "next-auth/jwt";
import type { SignInClient } from "./open-session";

declare module "next-auth" {
  interface User {
    signIn?: { method: string; client: SignInClient };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** auth_sessions.id: checked on every request (actor.ts). */
    sid?: string;
  }
}
