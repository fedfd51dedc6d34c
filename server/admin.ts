/**
 * What the admin shell needs from the server: who may enter, the registered resources (so a new resource appears in
 * the sidebar with no UI code), and an in-process tRPC caller acting as the signed-in user for server components.
 */
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import { currentUser } from "./auth/current-user";
import { defaultResourceIcon, type ResourceIconName } from "./core/icons";
import { resources } from "./resources";
import { createCaller } from "./router";
import { createRequestContext } from "./trpc";

export type ResourceName = keyof typeof resources;

export interface AdminResourceLink {
  name: ResourceName;
  label: string;
  icon: ResourceIconName;
}

/** The sidebar's entries, in registration order. */
export function adminResources(): AdminResourceLink[] {
  return Object.values(resources).map((r) => ({
    name: r.name as ResourceName,
    label: r.label?.many ?? r.name,
    icon: r.icon ?? defaultResourceIcon(r.name),
  }));
}

export function isResourceName(name: string): name is ResourceName {
  return Object.hasOwn(resources, name);
}

/** Editors and admins run the back office; everyone else is turned away by the admin layout. */
export async function adminUser() {
  const user = await currentUser();
  return { user, allowed: user !== null && (user.role === "admin" || user.role === "editor") };
}

/**
 * A caller for server components, with the same session (and so the same rules) as the browser's requests. Cached
 * per request, so a layout and a page share one actor lookup.
 */
export const serverCaller = cache(async () => {
  const sessionOnly = new Headers(await headers());
  sessionOnly.delete("authorization");
  return createCaller(await createRequestContext(getDb(), sessionOnly));
});
