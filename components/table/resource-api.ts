/**
 * The one place a resource *name* (a string from props or from `meta`) meets the typed tRPC proxy. Generated tables
 * work on any resource, so inside they see records as plain objects; the public props stay typed per resource.
 */
import type { inferRouterError, inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type {
  DecorateMutationProcedure,
  DecorateQueryProcedure,
  DefaultFeatureFlags,
  TRPCOptionsProxy,
} from "@trpc/tanstack-react-query";
import type { FilterNode } from "@/server/core/filter";
import type { ResourceDescriptor } from "@/server/core/meta";
import type { ListResult } from "@/server/core/read";
import type { resources } from "@/server/resources";
import type { AppRouter } from "@/server/router";

export type ResourceName = keyof typeof resources;
export type ResourceOf<R extends ResourceName> = (typeof resources)[R];

/** One record of `trpc[R].list`, exactly as the router returns it (readable fields, optional `expand`). */
export type ListItem<R extends ResourceName> = inferRouterOutputs<AppRouter>[R]["list"]["items"][number];
export type ListInputOf<R extends ResourceName> = NonNullable<inferRouterInputs<AppRouter>[R]["list"]>;
/** The field names of R's records (not `expand`). */
export type FieldName<R extends ResourceName> = Exclude<keyof ListItem<R>, "expand"> & string;

export type Row = Record<string, unknown>;
export type RowId = string | number;
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

type Proxy = TRPCOptionsProxy<AppRouter>;
/** Error shape, transformer and flags are the same for every procedure of the app router. */
type Def<Input, Output> = {
  input: Input;
  output: Output;
  transformer: true;
  errorShape: inferRouterError<AppRouter>;
  featureFlags: DefaultFeatureFlags;
};

/** What generated tables call on a resource, with records as plain objects. */
export interface LooseResourceApi {
  meta: DecorateQueryProcedure<Def<void, ResourceDescriptor>>;
  list: DecorateQueryProcedure<Def<LooseListInput, ListResult<Row>>>;
  get: DecorateQueryProcedure<Def<{ id: RowId }, Row>>;
  deleteMany: DecorateMutationProcedure<Def<{ ids: RowId[] }, { ids: RowId[] }>>;
  restoreMany: DecorateMutationProcedure<Def<{ ids: RowId[] }, Row[]>>;
}

/** Fails to compile when some resource's records are not plain objects, which the cast below relies on. */
type Expect<T extends true> = T;
export type RecordsArePlainObjects = Expect<
  { [R in ResourceName]: ListItem<R> extends Row ? true : false }[ResourceName]
>;

/** `trpc[name]` with records as plain objects. `name` may come from `meta` (a relation's target) at run time. */
export function resourceApi(trpc: Proxy, name: string): LooseResourceApi {
  // The proxy resolves any path at run time; TypeScript cannot index it with a name only known then.
  return (trpc as unknown as Record<string, LooseResourceApi>)[name] as LooseResourceApi;
}
