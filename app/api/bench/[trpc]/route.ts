import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "@/db/client";
import { baselineRouter } from "@/server/bench/baseline-router";
import { benchEnabled } from "@/server/bench/enabled";
import { logger } from "@/server/core/logging/logger";
import { noteFailure } from "@/server/core/logging/request-scope";
import { trpcProcedures, withRequestLog } from "@/server/ops/logging/with-request-log";
import { createRequestContext } from "@/server/trpc";

// The switch is read per request; a statically rendered answer would freeze whatever the build saw.
export const dynamic = "force-dynamic";

// Logged like /api/trpc, so both sides of the comparison pay the same per-request costs.
const handler = withRequestLog(
  "/api/bench",
  (req: Request) => {
    // Outside a bench run this route must not exist for callers.
    if (!benchEnabled()) return new Response("Not Found", { status: 404 });
    return fetchRequestHandler({
      endpoint: "/api/bench",
      req,
      router: baselineRouter,
      // The same context as /api/trpc, so both sides of the comparison pay the same per-request setup.
      createContext: () => createRequestContext(getDb(), req.headers),
      onError({ error, path }) {
        if (error.code !== "INTERNAL_SERVER_ERROR") return;
        noteFailure(error.cause ?? error);
        logger("bench").error({ err: error.cause ?? error, procedure: path ?? "?" }, `${path ?? "?"} failed`);
      },
    });
  },
  { procedures: trpcProcedures("/api/bench") },
);

export { handler as GET, handler as POST };
