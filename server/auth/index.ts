/**
 * The app's Auth.js instance. Configured lazily, per request, so importing it (as `next build` does) needs neither
 * AUTH_SECRET nor a database.
 */
import "server-only";
import NextAuth from "next-auth";
import { getDb } from "@/db/client";
import { createAuthOptions } from "./options";

export const { handlers, auth, signIn, signOut } = NextAuth(() => createAuthOptions(getDb()));
