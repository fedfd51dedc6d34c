/**
 * Definition mistakes as type errors. Each check maps a wrong key to a string literal type that says what is wrong,
 * so tsc's "not assignable to type '...'" reads as the explanation, naming the resource and the key.
 *
 * Checks that need only the defining table run where the definition is written (defineResource). Checks that need
 * another resource (relation targets, their foreign keys, id types) run over the whole registry (registry.ts):
 * looking a target up while its own definition is still being inferred would make the types circular. The same
 * facts are checked at run time too (definition-checks.ts), for what types cannot see.
 */
import type { InferSelectModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

type Row<T extends PgTable> = InferSelectModel<T>;
type Columns<T extends PgTable> = T["_"]["columns"];
type Key<T extends PgTable> = keyof Row<T> & string;

/** The key of the table's primary-key column. */
export type PrimaryKey<T extends PgTable> = {
  [K in keyof Columns<T>]: Columns<T>[K]["_"]["isPrimaryKey"] extends true ? K : never;
}[keyof Columns<T>] &
  Key<T>;

/** Columns that can mark a row deleted: nullable timestamps. */
export type SoftDeleteKey<T extends PgTable> = {
  [K in keyof Columns<T>]: Columns<T>[K]["_"] extends {
    columnType: "PgTimestamp" | "PgTimestampString";
    notNull: false;
  }
    ? K
    : never;
}[keyof Columns<T>] &
  Key<T>;

/** `fields` names columns only: any other key must have this message as its type, which no config has. */
export type KnownFields<N extends string, T extends PgTable, F> = {
  [K in Exclude<keyof F, Key<T>>]: `resource ${N}: fields.${K & string} is not a column of ${N}`;
};

/** A belongsTo `field` is a column of the defining table; a writable link does not shadow a column in inputs. */
export type KnownRelationKeys<N extends string, T extends PgTable, R> = {
  [K in keyof R]: R[K] extends { kind: "belongsTo"; field: infer F extends string }
    ? F extends Key<T>
      ? unknown
      : `resource ${N}: relations.${K & string}: belongsTo field ${F} is not a column of ${N}`
    : R[K] extends { kind: "manyToMany"; writable?: true }
      ? K extends Key<T>
        ? `resource ${N}: relations.${K & string}: a writable link cannot have the name of a column`
        : unknown
      : unknown;
};

type TableOf<Res> = Res extends { table: infer T extends PgTable } ? T : never;
type RelationsOf<Res> = Res extends { relations?: infer R } ? NonNullable<R> : never;
type IdOf<T extends PgTable> = Row<T>[PrimaryKey<T>];
/** Both ways assignable, so `string` vs `number` differ but two uuid columns (both `string`) agree. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The type of a key's values, nulls aside (an optional foreign key still points at the same ids). */
type ValueOf<T extends PgTable, K> = K extends Key<T> ? NonNullable<Row<T>[K]> : never;

type KeyProblem<M, N extends keyof M & string, K extends string, D, Tg extends keyof M & string> = D extends {
  kind: "hasMany" | "hasCount";
  foreignKey: infer FK extends string;
}
  ? FK extends Key<TableOf<M[Tg]>>
    ? Same<ValueOf<TableOf<M[Tg]>, FK>, IdOf<TableOf<M[N]>>> extends true
      ? never
      : `resource ${N}: relations.${K}: foreignKey ${Tg}.${FK} does not hold ${N} ids (its type differs from ${N}.${PrimaryKey<TableOf<M[N]>>})`
    : `resource ${N}: relations.${K}: foreignKey ${FK} is not a column of ${Tg}`
  : D extends { kind: "belongsTo"; field: infer F extends string }
    ? Same<ValueOf<TableOf<M[N]>, F>, IdOf<TableOf<M[Tg]>>> extends true
      ? never
      : F extends Key<TableOf<M[N]>>
        ? `resource ${N}: relations.${K}: belongsTo field ${F} does not hold ${Tg} ids (its type differs from ${Tg}.${PrimaryKey<TableOf<M[Tg]>>})`
        : never // reported where the relation is written (KnownRelationKeys)
    : D extends { kind: "manyToMany"; through: infer Th extends PgTable; sourceKey: infer S; targetKey: infer T }
      ? Same<ValueOf<Th, S>, IdOf<TableOf<M[N]>>> extends true
        ? Same<ValueOf<Th, T>, IdOf<TableOf<M[Tg]>>> extends true
          ? never
          : `resource ${N}: relations.${K}: targetKey ${T & string} does not hold ${Tg} ids`
        : `resource ${N}: relations.${K}: sourceKey ${S & string} does not hold ${N} ids`
      : never;

type RelationProblem<M, N extends keyof M & string, K extends string, D> = D extends { target: infer Tg extends string }
  ? Tg extends keyof M
    ? KeyProblem<M, N, K, D, Tg>
    : `resource ${N}: relations.${K}: target ${Tg} is not a registered resource`
  : never;

/**
 * Every problem of a registry, as a union of messages; `never` when there is none. A registry typed as a plain
 * record of resources (nothing registered) has no known names to check, so it has no problems either. (One type,
 * without a helper alias per resource, so that tsc prints the messages rather than the helper's name.)
 */
export type RegistryProblems<M> = string extends keyof M
  ? never
  : {
      [N in keyof M & string]:
        | (M[N] extends { name: N } ? never : `resources.${N}: the resource registered under ${N} is named otherwise`)
        | {
            [K in keyof RelationsOf<M[N]> & string]: RelationProblem<M, N, K, RelationsOf<M[N]>[K]>;
          }[keyof RelationsOf<M[N]> & string];
    }[keyof M & string];

/**
 * `true` when the registry is sound, else the messages: assigning `true` to it fails and shows them (the template
 * makes tsc print the messages themselves rather than the name of the type that computes them).
 */
export type RegistryCheck<M> = [RegistryProblems<M>] extends [never] ? true : `${RegistryProblems<M>}`;
