/**
 * `trpc[resource]` for a resource name known only at run time (generated forms, tables, the admin). Code that names
 * its resource statically should use `trpc.posts` directly and keep the exact types.
 */
import type { inferRouterError } from "@trpc/server";
import type {
  DecorateMutationProcedure,
  DecorateQueryProcedure,
  DecorateRouterKeyable,
  DecorateSubscriptionProcedure,
  DefaultFeatureFlags,
  TRPCOptionsProxy,
} from "@trpc/tanstack-react-query";
import { useTRPC } from "@/components/trpc/provider";
import type { HistoryEntry } from "@/server/core/history";
import type { ResourceDescriptor } from "@/server/core/meta";
import type { ListResult } from "@/server/core/read";
import type { LiveMessage } from "@/server/core/realtime/types";
import type { TotalsMode } from "@/server/core/totals";
import type { AppRouter } from "@/server/router";
import type { ResourceName, SavedRecord } from "./types";

/** A procedure's definition as @trpc/tanstack-react-query types it, for the decorated procedures built here and beside. */
export type Def<TInput, TOutput> = {
  input: TInput;
  output: TOutput;
  transformer: true;
  errorShape: inferRouterError<AppRouter>;
  featureFlags: DefaultFeatureFlags;
};

/** A record seen generically: its fields by name, relations the caller expanded under `expand`. */
export type ResourceRecord = { [field: string]: unknown; expand?: { [relation: string]: unknown } };
/** Create or update values seen generically (the server validates them against the resource). */
export type ResourceValues = Record<string, unknown>;

export interface ResourceListInput {
  page?: number;
  perPage?: number;
  search?: string;
  sort?: string[];
  filter?: Record<string, unknown>;
  expand?: string[];
  skipTotal?: boolean;
  totals?: TotalsMode;
  deleted?: "exclude" | "include" | "only";
}

export type ResourceListResult = ListResult<ResourceRecord>;

export interface ResourceGetInput {
  id: RecordId;
  expand?: string[];
  withDeleted?: boolean;
}

/** Primary keys are uuids in the demo, but a resource may use a serial. */
export type RecordId = string | number;

/** `onChange` input seen generically: `list`'s filter, or one record's id; tRPC adds the resume id itself. */
export interface ResourceLiveInput {
  filter?: Record<string, unknown>;
  id?: RecordId;
  lastEventId?: string | null;
}

/** A live message seen generically (see server/core/realtime/types.ts). */
export type ResourceLiveMessage = LiveMessage<ResourceRecord, RecordId>;

/** What a subscriber receives: the message and its event id (tRPC's `TrackedData`, not exported by name). */
export interface TrackedLiveMessage {
  id: string;
  data: ResourceLiveMessage;
}

/**
 * The procedures generic UIs call (every resource router has them, see server/core/router.ts), with loose record
 * types. `TSaved` is what create and update resolve to, so a caller that knows R still hands a typed record on.
 */
export interface ResourceApi<TSaved = ResourceRecord> extends DecorateRouterKeyable<DefaultFeatureFlags> {
  meta: DecorateQueryProcedure<Def<void, ResourceDescriptor>>;
  list: DecorateQueryProcedure<Def<ResourceListInput | undefined, ResourceListResult>>;
  get: DecorateQueryProcedure<Def<ResourceGetInput, ResourceRecord>>;
  create: DecorateMutationProcedure<Def<ResourceValues, TSaved>>;
  update: DecorateMutationProcedure<Def<{ id: RecordId; data: ResourceValues }, TSaved>>;
  delete: DecorateMutationProcedure<Def<{ id: RecordId }, { id: RecordId }>>;
  createMany: DecorateMutationProcedure<Def<{ items: ResourceValues[] }, ResourceRecord[]>>;
  updateMany: DecorateMutationProcedure<Def<{ ids: RecordId[]; data: ResourceValues }, ResourceRecord[]>>;
  deleteMany: DecorateMutationProcedure<Def<{ ids: RecordId[] }, { ids: RecordId[] }>>;
  restore: DecorateMutationProcedure<Def<{ id: RecordId }, ResourceRecord>>;
  restoreMany: DecorateMutationProcedure<Def<{ ids: RecordId[] }, ResourceRecord[]>>;
  purge: DecorateMutationProcedure<Def<{ id: RecordId }, { id: RecordId }>>;
  history: DecorateQueryProcedure<
    Def<{ id: RecordId; page?: number; perPage?: number; withDeleted?: boolean }, ListResult<HistoryEntry>>
  >;
  revert: DecorateMutationProcedure<Def<{ id: RecordId; entryId: number; to?: "after" | "before" }, ResourceRecord>>;
  onChange: DecorateSubscriptionProcedure<Def<ResourceLiveInput | undefined, AsyncIterable<TrackedLiveMessage>>>;
}

type Proxy = TRPCOptionsProxy<AppRouter>;

/** `trpc[resource]` for a registered resource: create and update resolve to its typed record. */
export function resourceApi<R extends ResourceName>(trpc: Proxy, resource: R): ResourceApi<SavedRecord<R>>;
/** A name read at run time (a relation's target in `meta`): records stay loosely typed. */
export function resourceApi(trpc: Proxy, resource: string): ResourceApi;
export function resourceApi(trpc: Proxy, resource: string): unknown {
  // The one cast: indexing the proxy with a name TypeScript only knows as a string. Every resource router has the
  // procedures above, and the proxy builds paths lazily, so this works for any name (an unknown one answers
  // NOT_FOUND when called). The overloads above say what the caller gets.
  return (trpc as unknown as Record<string, unknown>)[resource];
}

/** `resourceApi` with the app's tRPC proxy from the provider. */
export function useResourceApi<R extends ResourceName>(resource: R): ResourceApi<SavedRecord<R>>;
export function useResourceApi(resource: string): ResourceApi;
export function useResourceApi(resource: string): unknown {
  return resourceApi(useTRPC(), resource);
}
