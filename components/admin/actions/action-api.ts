import type { DecorateMutationProcedure, DecorateQueryProcedure, TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { Def, RecordId } from "@/components/form/resource-api";
import type { AppRouter } from "@/server/router";

export type ActionValues = Record<string, unknown>;

/** A record action on one record, on many (`<name>Many`), or a resource-wide one. */
export type ActionCall =
  | { id: RecordId; input: ActionValues }
  | { ids: RecordId[]; input: ActionValues }
  | { input: ActionValues };

export type ActionProcedure = DecorateMutationProcedure<Def<ActionCall, unknown>>;
export type AvailableActionsProcedure = DecorateQueryProcedure<Def<{ id: RecordId }, string[]>>;

type Proxy = TRPCOptionsProxy<AppRouter>;

function routerOf(trpc: Proxy, resource: string): Record<string, unknown> {
  // The one cast, as in resourceApi: the proxy builds paths lazily, so any name works (an unknown one answers
  // NOT_FOUND when called); `meta` says which actions exist.
  return (trpc as unknown as Record<string, Record<string, unknown>>)[resource] ?? {};
}

/** `trpc[resource][procedure]`: `publish`, or `publishMany` for a batch. */
export function actionProcedure(trpc: Proxy, resource: string, procedure: string): ActionProcedure {
  return routerOf(trpc, resource)[procedure] as ActionProcedure;
}

export function availableActionsProcedure(trpc: Proxy, resource: string): AvailableActionsProcedure {
  return routerOf(trpc, resource).availableActions as AvailableActionsProcedure;
}
