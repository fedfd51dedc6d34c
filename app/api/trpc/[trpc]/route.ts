import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "@/db/client";
import { withReconnectDelay } from "@/server/core/realtime/reconnect-delay";
import { appRouter } from "@/server/router";
import { createRequestContext } from "@/server/trpc";

async function handler(req: Request) {
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
  // Live streams (`onChange`) tell the browser to reconnect quickly when they end; other responses pass through.
  return withReconnectDelay(response);
}

export { handler as GET, handler as POST };
