/**
 * The signed-in user for server components and server actions: fresh from the database on every request, and null
 * for a signed-out visitor, a blocked user or a deleted one (pages treat them all as signed out).
 */
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { AppUser } from "@/server/resources";
import { resolveActor } from "./actor";

export const currentUser = cache(async (): Promise<AppUser | null> => {
  // Pages are for people in a browser: only the session cookie counts here, never an API token.
  const sessionOnly = new Headers(await headers());
  sessionOnly.delete("authorization");
  const { actor } = await resolveActor(getDb(), sessionOnly);
  return actor.kind === "user" ? actor.user : null;
});
