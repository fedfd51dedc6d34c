/**
 * Server components use this to prefetch tRPC queries in-process and hand the results to client components
 * through <HydrateClient>, so the first paint already has data and the browser does not refetch it.
 */
import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import { makeQueryClient } from "@/components/trpc/query-client";
import { getDb } from "@/db/client";
import { appRouter } from "@/server/router";
import { createRequestContext } from "@/server/trpc";

/** One QueryClient per request (React's cache is per request on the server), which never retries (query-client.ts). */
export const getQueryClient = cache(() => makeQueryClient({ server: true }));

export const trpc = createTRPCOptionsProxy({
  ctx: async () => createRequestContext(getDb(), new Headers(await headers())),
  router: appRouter,
  queryClient: getQueryClient,
});

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
