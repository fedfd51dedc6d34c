/**
 * The app tells the engine which resources exist by augmenting `Register` (see server/resources/index.ts):
 *
 *   declare module "@/server/core/registry" { interface Register { resources: typeof resources; user: AppUser } }
 *
 * Relations name their target ("users") instead of importing it, so definitions never import each other in a cycle;
 * the target's record type is looked up here, lazily, when a type needs it.
 */
import type { AnyResource } from "./resource";

// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging from the app.
export interface Register {}

/** The minimum the engine needs of a signed-in user; `role: "admin"` passes operations that have no rule. */
export interface BaseUser {
  id: string;
  role: string;
}

export type RegisteredUser = Register extends { user: infer U extends BaseUser } ? U : BaseUser;

export type RegisteredResources = Register extends { resources: infer R extends Record<string, AnyResource> }
  ? R
  : Record<string, AnyResource>;
