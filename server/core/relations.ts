/**
 * Relations between resources. Targets are named ("users"), not imported, so definitions can point at each other.
 * Every kind is loaded in batches by expand.ts: one query per relation per level, whatever the page size.
 */
import type { PgTable } from "drizzle-orm/pg-core";

export interface BelongsTo<Target extends string = string> {
  kind: "belongsTo";
  target: Target;
  /** The local foreign-key field, e.g. "authorId". */
  field: string;
}

export interface HasMany<Target extends string = string> {
  kind: "hasMany";
  target: Target;
  /** The target's field pointing back here, e.g. comments.postId. */
  foreignKey: string;
  /** Most records returned per parent (newest first by the target's default sort). Default 50. */
  limit?: number;
}

export interface HasCount<Target extends string = string> {
  kind: "hasCount";
  target: Target;
  foreignKey: string;
}

export interface ManyToMany<Target extends string = string, W extends boolean = boolean> {
  kind: "manyToMany";
  target: Target;
  /** The join table and its two foreign-key fields. */
  through: PgTable;
  sourceKey: string;
  targetKey: string;
  limit?: number;
  /** create and update accept `{ [relation]: targetIds[] }` and replace the links in the same transaction. */
  writable?: W;
}

export type RelationDef = BelongsTo | HasMany | HasCount | ManyToMany;

export const belongsTo = <const Target extends string>(target: Target, opts: { field: string }): BelongsTo<Target> => ({
  kind: "belongsTo",
  target,
  ...opts,
});

export const hasMany = <const Target extends string>(
  target: Target,
  opts: { foreignKey: string; limit?: number },
): HasMany<Target> => ({ kind: "hasMany", target, ...opts });

export const hasCount = <const Target extends string>(
  target: Target,
  opts: { foreignKey: string },
): HasCount<Target> => ({ kind: "hasCount", target, ...opts });

export const manyToMany = <const Target extends string, const W extends boolean = false>(
  target: Target,
  opts: { through: PgTable; sourceKey: string; targetKey: string; limit?: number; writable?: W },
): ManyToMany<Target, W> => ({ kind: "manyToMany", target, ...opts });
