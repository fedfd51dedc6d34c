/** The input types of generated procedures, inferred from a resource definition (and so from its Drizzle table). */
import type { InferSelectModel } from "drizzle-orm";
import type { FieldConfig } from "./fields";
import type { AnyResource, FieldsOf, RelationsOf } from "./resource";
import type { TotalsMode } from "./totals";

type Row<Res extends AnyResource> = InferSelectModel<Res["table"]>;

type FlaggedKeys<Res extends AnyResource, Flag extends keyof FieldConfig> = {
  [K in keyof Row<Res> & string]: K extends keyof FieldsOf<Res>
    ? FieldsOf<Res>[K] extends Record<Flag, true>
      ? K
      : never
    : never;
}[keyof Row<Res> & string];

export type FilterableKey<Res extends AnyResource> = FlaggedKeys<Res, "filterable">;
export type SortableKey<Res extends AnyResource> = FlaggedKeys<Res, "sortable">;
export type SortValue<Res extends AnyResource> = SortableKey<Res> | `-${SortableKey<Res>}`;

export interface FieldFilter<V> {
  eq?: NonNullable<V>;
  ne?: NonNullable<V>;
  gt?: NonNullable<V>;
  gte?: NonNullable<V>;
  lt?: NonNullable<V>;
  lte?: NonNullable<V>;
  in?: NonNullable<V>[];
  notIn?: NonNullable<V>[];
  contains?: string;
  startsWith?: string;
  isNull?: boolean;
}

/** Arrays are filtered by their items: holds this one, all of these, any of these. */
export interface ArrayFieldFilter<E> {
  has?: E;
  hasAll?: E[];
  hasAny?: E[];
  isNull?: boolean;
}

export type Filter<Res extends AnyResource> = {
  [K in FilterableKey<Res>]?: NonNullable<Row<Res>[K]> extends readonly (infer E)[]
    ? ArrayFieldFilter<E>
    : FieldFilter<Row<Res>[K]>;
} & {
  and?: Filter<Res>[];
  or?: Filter<Res>[];
  not?: Filter<Res>;
};

/** A relation name, optionally followed by nested names ("comments.author"); checked against the graph at runtime. */
export type ExpandPath<Res extends AnyResource> =
  | (keyof RelationsOf<Res> & string)
  | `${keyof RelationsOf<Res> & string}.${string}`;

export interface ListInput<Res extends AnyResource> {
  /** 1-based. */
  page?: number;
  perPage?: number;
  sort?: SortValue<Res>[];
  filter?: Filter<Res>;
  /** Words matched (case-insensitively) against the searchable fields; every word must match one. */
  search?: string;
  expand?: ExpandPath<Res>[];
  /** Skip the COUNT query; totalItems and totalPages are then -1. The same as `totals: "none"`. */
  skipTotal?: boolean;
  /**
   * Left out: rows are counted up to the resource's `list.countCap` (10,000 by default) and beyond it totalItems is
   * the planner's estimate, flagged `totalEstimated: true`. "exact" always counts them all, "estimate" never counts,
   * "none" leaves totalItems and totalPages at -1.
   */
  totals?: TotalsMode;
  /** Soft-deleted rows: left out (default), included, or only those; needs the resource's `readDeleted` rule. */
  deleted?: "exclude" | "include" | "only";
}
