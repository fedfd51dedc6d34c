/**
 * Who is calling. The engine decides everything (rules, field reads and writes, server-set values) from this value;
 * how it was established (session cookie, API token) is the app's business (server/auth).
 */
import type { RegisteredUser } from "./registry";

/** A signed-in user as policies see it: the app registers its own shape (see server/resources/index.ts). */
export type User = RegisteredUser;

export type TokenScope = "read" | "write";

export type Actor =
  | { kind: "anonymous" }
  | { kind: "user"; user: User; via: "session" }
  | { kind: "user"; user: User; via: "token"; tokenId: string; scope: TokenScope }
  /** Server-side code (seed, jobs, tests of the engine): passes every rule. Never reachable over HTTP. */
  | { kind: "system"; reason: string };

/** The signed-in user behind an actor, or null. */
export function userOf(actor: Actor): User | null {
  return actor.kind === "user" ? actor.user : null;
}

/** How an actor appears in server logs (never in responses). */
export function describeActor(actor: Actor): string {
  if (actor.kind === "user") {
    const via = actor.via === "token" ? `token:${actor.tokenId}` : "session";
    return `user:${actor.user.id}(${actor.user.role}, ${via})`;
  }
  return actor.kind === "system" ? `system(${actor.reason})` : "anonymous";
}
