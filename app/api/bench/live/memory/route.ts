import { benchEnabled } from "@/server/bench/enabled";
import { collectAndMeasure } from "@/server/bench/live-memory";

export const dynamic = "force-dynamic";

/** POST: a full GC (when exposed), then this server process's pid and memory, for `npm run bench:live`. */
export function POST() {
  if (!benchEnabled()) return new Response("Not Found", { status: 404 });
  return Response.json(collectAndMeasure());
}
