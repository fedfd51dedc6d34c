import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "@/db/client";
import { withReconnectDelay } from "@/server/core/realtime/reconnect-delay";
import { liveStream } from "@/server/live-stream";
import { appRouter } from "@/server/router";
import { createRequestContext } from "@/server/trpc";

async function handler(req: Request) {
  // Live subscriptions take the direct SSE writer; tRPC answers everything else, and any live request it refuses.
  const live = await liveStream(req);
  if (live) return live;
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createRequestContext(getDb(), req.headers),
    onError({ error, path }) {
      // Client errors are the caller's business; only our own failures belong in the server log.
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path ?? "?"}:`, error.cause ?? error);
    },
  });
  // Streams tRPC serves itself (audit.onChange, any other subscription) also say how soon to reconnect.
  return withReconnectDelay(response);
}

export { handler as GET, handler as POST };
