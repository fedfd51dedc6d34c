import { benchEnabled } from "@/server/bench/enabled";
import { liveHub } from "@/server/bench/live-hub";
import { withRequestLog } from "@/server/ops/logging/with-request-log";

// Read per request; a statically rendered answer would freeze whatever the build saw.
export const dynamic = "force-dynamic";

const encoder = new TextEncoder();

/** The baseline's event stream: `ready` once registered, then every NOTIFY payload on the bench channel. */
export const GET = withRequestLog("/api/bench/live", async (req: Request) => {
  // Outside a bench run this route must not exist for callers.
  if (!benchEnabled()) return new Response("Not Found", { status: 404 });
  const hub = liveHub();
  await hub.start();
  let client: ReadableStreamDefaultController<Uint8Array> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      client = controller;
      hub.add(controller);
      // Sent after registering, so a subscriber that has read it will see every later NOTIFY (as the engine's ready).
      controller.enqueue(encoder.encode("event: ready\ndata: {}\n\n"));
    },
    cancel() {
      if (client) hub.remove(client);
    },
  });
  req.signal.addEventListener("abort", () => {
    if (client) hub.remove(client);
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
