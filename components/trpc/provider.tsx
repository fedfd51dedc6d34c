"use client";
/**
 * Browser side of tRPC: one QueryClient per tab, the typed `useTRPC()` hook, and two links: subscriptions (live
 * updates) go over server-sent events, everything else over batched HTTP.
 */
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/router";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient() {
  // On the server every request needs its own client; in the browser one client lives as long as the tab.
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === "subscription",
          // EventSource reconnects on its own; the link adds the last tracked event id to the input, so the server
          // replays what was missed (see components/live and README "Live updates").
          true: httpSubscriptionLink({ url: "/api/trpc", transformer: superjson }),
          // Within the server's request limits (TRPC_MAX_BATCH, API_MAX_URL_BYTES): longer batches are split, not refused.
          false: httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: 10, maxURLLength: 8_000 }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
