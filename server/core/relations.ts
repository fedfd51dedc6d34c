/**
 * Relations between resources. Targets are named ("users"), not imported, so definitions can point at each other.
 * Every kind is loaded in batches by expand.ts: one query per relation per level, whatever the page size.
 *
 * Keys are kept as literal types so that a wrong one is a type error: a belongsTo `field` must be a column of the
 * defining table (checked by defineResource), manyToMany keys columns of `through` (checked here), and targets and
 * foreign keys, which live in other definitions, are checked across the registry (definition-checks-types.ts).
 */
import type { InferSelectModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

type ThroughKey<Through extends PgTable> = keyof InferSelectModel<Through> & string;

export interface BelongsTo<Target extends string = string, Field extends string = string> {
  kind: "belongsTo";
  target: Target;
  /** The local foreign-key field, e.g. "authorId". */
  field: Field;
}

export interface HasMany<Target extends string = string, ForeignKey extends string = string> {
  kind: "hasMany";
  target: Target;
  /** The target's field pointing back here, e.g. comments.postId. */
  foreignKey: ForeignKey;
  /** Most records returned per parent (newest first by the target's default sort). Default 50. */
  limit?: number;
}

export interface HasCount<Target extends string = string, ForeignKey extends string = string> {
  kind: "hasCount";
  target: Target;
  foreignKey: ForeignKey;
}

export interface ManyToMany<
  Target extends string = string,
  W extends boolean = boolean,
  Through extends PgTable = PgTable,
  SourceKey extends string = string,
  TargetKey extends string = string,
> {
  kind: "manyToMany";
  target: Target;
  /** The join table and its two foreign-key fields. */
  through: Through;
  /** The join table's column holding this resource's id. */
  sourceKey: SourceKey;
  /** The join table's column holding the target's id. */
  targetKey: TargetKey;
  limit?: number;
  /** create and update accept `{ [relation]: targetIds[] }` and replace the links in the same transaction. */
  writable?: W;
}

export type RelationDef = BelongsTo | HasMany | HasCount | ManyToMany;

export const belongsTo = <const Target extends string, const Field extends string>(
  target: Target,
  opts: { field: Field },
): BelongsTo<Target, Field> => ({ kind: "belongsTo", target, ...opts });

export const hasMany = <const Target extends string, const ForeignKey extends string>(
  target: Target,
  opts: { foreignKey: ForeignKey; limit?: number },
): HasMany<Target, ForeignKey> => ({ kind: "hasMany", target, ...opts });

export const hasCount = <const Target extends string, const ForeignKey extends string>(
  target: Target,
  opts: { foreignKey: ForeignKey },
): HasCount<Target, ForeignKey> => ({ kind: "hasCount", target, ...opts });

export const manyToMany = <
  const Target extends string,
  Through extends PgTable,
  const SourceKey extends ThroughKey<Through>,
  const TargetKey extends ThroughKey<Through>,
  const W extends boolean = false,
>(
  target: Target,
  opts: { through: Through; sourceKey: SourceKey; targetKey: TargetKey; limit?: number; writable?: W },
): ManyToMany<Target, W, Through, SourceKey, TargetKey> => ({ kind: "manyToMany", target, ...opts });
