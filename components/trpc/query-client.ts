/** The one QueryClient factory, shared by the browser provider and server-side prefetching. */
import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";
import { shouldRetry } from "./retry";

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data rendered on the server stays fresh long enough that the browser does not refetch it on hydration.
        staleTime: 30_000,
        // Refusals show at once; only what may pass on its own is tried again (retry.ts).
        retry: shouldRetry,
      },
      dehydrate: {
        serializeData: superjson.serialize,
        // Also send queries still pending, so a server component can start a fetch and stream the result.
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: {
        deserializeData: superjson.deserialize,
      },
    },
  });
}
