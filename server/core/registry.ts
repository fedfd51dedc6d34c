/**
 * The app tells the engine which resources exist by augmenting `Register` (see server/resources/index.ts):
 *
 *   declare module "@/server/core/registry" { interface Register { resources: typeof resources; user: AppUser } }
 *
 * Relations name their target ("users") instead of importing it, so definitions never import each other in a cycle;
 * the target's record type is looked up here, lazily, when a type needs it.
 */
import type { RegistryCheck } from "./definition-checks-types";
import type { AnyResource } from "./resource";

// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging from the app.
export interface Register {}

/** The minimum the engine needs of a signed-in user; `role: "admin"` passes operations that have no rule. */
export interface BaseUser {
  id: string;
  role: string;
  /** When the user proved they read their email address; the `verified` rule asks for it. Absent counts as not. */
  emailVerifiedAt?: Date | null;
}

export type RegisteredUser = Register extends { user: infer U extends BaseUser } ? U : BaseUser;

export type RegisteredResources = Register extends { resources: infer R extends Record<string, AnyResource> }
  ? R
  : Record<string, AnyResource>;

/**
 * Type-checks how the registered resources point at each other: relation targets, the foreign keys that live in
 * the target's table, and whether key and id types agree. A definition cannot check these where the relation is
 * written (the target's type would depend on its own definition: a cycle), so they are checked here, over the whole
 * registry. When this line fails to compile, the message names the resource and the relation to fix.
 */
export const registeredRelationsAreSound: RegistryCheck<RegisteredResources> = true;
