/**
 * The types generated tables work with: typed per resource in their props, records as plain objects inside. The
 * tRPC calls go through the shared bridge, `resourceApi` in components/form/resource-api.ts.
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { ResourceName } from "@/components/form/types";
import type { FilterNode } from "@/server/core/filter";
import type { resources } from "@/server/resources";
import type { AppRouter } from "@/server/router";

export type { ResourceName };
export type ResourceOf<R extends ResourceName> = (typeof resources)[R];

/** One record of `trpc[R].list`, exactly as the router returns it (readable fields, optional `expand`). */
export type ListItem<R extends ResourceName> = inferRouterOutputs<AppRouter>[R]["list"]["items"][number];
export type ListInputOf<R extends ResourceName> = NonNullable<inferRouterInputs<AppRouter>[R]["list"]>;
/** The field names of R's records (not `expand`). */
export type FieldName<R extends ResourceName> = Exclude<keyof ListItem<R>, "expand"> & string;

export type Row = Record<string, unknown>;
export type DeletedMode = "exclude" | "include" | "only";

export interface LooseListInput {
  page: number;
  perPage: number;
  sort?: string[];
  filter?: FilterNode;
  search?: string;
  expand?: string[];
  deleted?: DeletedMode;
}

/** Fails to compile when some resource's records are not plain objects, which the cast below relies on. */
type Expect<T extends true> = T;
export type RecordsArePlainObjects = Expect<
  { [R in ResourceName]: ListItem<R> extends Row ? true : false }[ResourceName]
>;
