/**
 * The signed-in user for server components and server actions: fresh from the database on every request, and null
 * for a signed-out visitor, a blocked user or a deleted one (pages treat them all as signed out).
 */
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { StoredFile } from "@/server/core/files/column";
import type { AppUser } from "@/server/resources";
import { resolveActor } from "./actor";

/** One lookup per request, shared by the layout's header and the page. */
const currentSession = cache(async (): Promise<{ user: AppUser; avatar: StoredFile | null } | null> => {
  // Pages are for people in a browser: only the session cookie counts here, never an API token.
  const sessionOnly = new Headers(await headers());
  sessionOnly.delete("authorization");
  const { actor, avatar } = await resolveActor(getDb(), sessionOnly);
  return actor.kind === "user" ? { user: actor.user, avatar: avatar ?? null } : null;
});

export async function currentUser(): Promise<AppUser | null> {
  return (await currentSession())?.user ?? null;
}

/** The signed-in user's avatar, for the header's first paint (it then follows their record live). */
export async function currentAvatar(): Promise<StoredFile | null> {
  return (await currentSession())?.avatar ?? null;
}
