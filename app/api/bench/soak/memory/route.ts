import { getHeapStatistics } from "node:v8";
import { benchEnabled } from "@/server/bench/enabled";
import { collectAndMeasure } from "@/server/bench/live-memory";

export const dynamic = "force-dynamic";

/**
 * POST: what /api/bench/live/memory answers (a full GC, then this process's pid and memory), plus where the rest of
 * the RSS is, for `npm run bench:soak`: V8's heap as reserved from the system (`heapTotal`; used or not, it stays in
 * the RSS) and what V8 holds through malloc. RSS growing while these stay flat points outside V8.
 */
export function POST() {
  if (!benchEnabled()) return new Response("Not Found", { status: 404 });
  const measured = collectAndMeasure();
  const { heapTotal } = process.memoryUsage();
  return Response.json({ ...measured, heapTotal, mallocedMemory: getHeapStatistics().malloced_memory });
}
