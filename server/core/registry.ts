/**
 * The app tells the engine which resources exist by augmenting `Register` (see server/resources/index.ts):
 *
 *   declare module "@/server/core/registry" { interface Register { resources: typeof resources } }
 *
 * Relations name their target ("users") instead of importing it, so definitions never import each other in a cycle;
 * the target's record type is looked up here, lazily, when a type needs it.
 */
import type { AnyResource } from "./resource";

// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging from the app.
export interface Register {}

export type RegisteredResources = Register extends { resources: infer R extends Record<string, AnyResource> }
  ? R
  : Record<string, AnyResource>;
