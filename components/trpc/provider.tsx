"use client";
/**
 * Browser side of tRPC: one QueryClient per tab, the typed `useTRPC()` hook, and the links (links.ts): subscriptions
 * (live updates) over server-sent events, keyed mutations one per request, everything else over batched HTTP.
 */
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import type { AppRouter } from "@/server/router";
import { apiLinks } from "./links";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient() {
  // On the server every request needs its own client; in the browser one client lives as long as the tab.
  if (typeof window === "undefined") return makeQueryClient({ server: true });
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() => createTRPCClient<AppRouter>({ links: apiLinks({ url: "/api/trpc" }) }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
