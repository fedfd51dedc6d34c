/** The one QueryClient factory, shared by the browser provider and server-side prefetching. */
import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";
import { shouldRetry } from "./retry";

/**
 * `server`: the client of one server render (app/_trpc/server.tsx). It never retries: a prefetch that fails is left
 * out of the page and the browser fetches it again under its own rules. Retrying there held the page: an in-process
 * refusal (a TRPCError, which carries no HTTP status) looked like a network failure to `shouldRetry`, and a blocked
 * user's home page took 7 s (1 s, 2 s, 4 s of backoff) to render.
 */
export function makeQueryClient(options: { server?: boolean } = {}) {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data rendered on the server stays fresh long enough that the browser does not refetch it on hydration.
        staleTime: 30_000,
        // Refusals show at once; only what may pass on its own is tried again, in the browser (retry.ts).
        retry: options.server ? false : shouldRetry,
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
